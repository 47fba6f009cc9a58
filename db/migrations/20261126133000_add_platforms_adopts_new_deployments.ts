import type { Knex } from 'knex';

/**
 * Canvas's Dynamic Registration answers without a deployment id: the deployment exists only once an admin installs
 * the app. A registration flagged here accepts a new deployment id on its first validly signed launch.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('platforms', (t) => {
    t.boolean('adopts_new_deployments').notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('platforms', (t) => {
    t.dropColumn('adopts_new_deployments');
  });
}
