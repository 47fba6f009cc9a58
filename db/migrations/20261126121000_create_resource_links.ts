import type { Knex } from 'knex';

/** Resource links (placements of Staffroom in a course) and the line item the platform tied to each. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('resource_links', (t) => {
    t.uuid('id').primary();
    t.uuid('context_id').notNullable().references('contexts.id').onDelete('CASCADE');
    t.string('lti_resource_link_id', 255).notNullable();
    t.string('title', 512);
    t.string('ags_lineitem_url', 2048);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['context_id', 'lti_resource_link_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('resource_links');
}
