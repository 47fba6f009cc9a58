import type { Knex } from 'knex';

/** LTI Advantage service endpoints of a context, as its latest launch announced them. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('context_services', (t) => {
    t.uuid('context_id').primary().references('contexts.id').onDelete('CASCADE');
    t.string('nrps_url', 2048);
    t.string('ags_lineitems_url', 2048);
    t.specificType('ags_scopes', 'text[]').notNullable().defaultTo('{}');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('context_services');
}
