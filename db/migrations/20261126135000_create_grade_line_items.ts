import type { Knex } from 'knex';

/**
 * Gradebook columns (AGS line items) Staffroom created or found on the platform, one per context and
 * resourceId/tag, so each is looked up once. A row without a url is a creation in progress, leased until
 * `lease_until` so two workers never create the same column twice.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('grade_line_items', (t) => {
    t.uuid('id').primary();
    t.uuid('context_id').notNullable().references('contexts.id').onDelete('CASCADE');
    t.string('resource_id', 255).notNullable().defaultTo(''); // '' = not set
    t.string('tag', 255).notNullable().defaultTo('');
    t.string('label', 255).notNullable();
    t.double('score_maximum').notNullable();
    t.string('url', 2048);
    t.timestamp('lease_until', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['context_id', 'resource_id', 'tag']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('grade_line_items');
}
