import type { Knex } from 'knex';

/** Steps of one module version. step_id is stable across versions: progress and responses are keyed by it. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('module_steps', (t) => {
    t.uuid('id').primary();
    t.uuid('version_id').notNullable().references('module_versions.id').onDelete('CASCADE');
    t.uuid('step_id').notNullable();
    t.integer('position').notNullable();
    t.string('kind', 16).notNullable(); // read | reflect | audition | checkpoint | inquiry
    t.string('title', 200).notNullable();
    t.integer('estimated_minutes').notNullable();
    t.jsonb('content').notNullable(); // kind-specific; Markdown kept with its sanitised HTML
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['version_id', 'step_id']);
    t.index(['version_id', 'position']);
    t.index(['step_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('module_steps');
}
