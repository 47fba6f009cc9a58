import type { Knex } from 'knex';

/** A stable key for built-in starter templates, so installing them at start-up is idempotent. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cohorts', (t) => {
    t.string('template_key', 64).unique();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cohorts', (t) => {
    t.dropColumn('template_key');
  });
}
