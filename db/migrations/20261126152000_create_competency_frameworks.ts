import type { Knex } from 'knex';

/**
 * Competency frameworks (issue 6): a tree of competencies with a proficiency scale. A framework belongs to the
 * course whose admin made it; built-in starter frameworks have no owner and a stable `starter_key`.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('competency_frameworks', (t) => {
    t.uuid('id').primary();
    t.uuid('owner_context_id').references('contexts.id').onDelete('CASCADE'); // null: built-in starter
    t.string('starter_key', 64).unique();
    t.string('title', 200).notNullable();
    t.text('description').notNullable().defaultTo('');
    t.string('case_identifier', 255); // CFDocument identifier when imported from (or exported to) CASE
    t.uuid('source_framework_id'); // the framework this one was copied from
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['owner_context_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('competency_frameworks');
}
