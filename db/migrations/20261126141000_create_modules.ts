import type { Knex } from 'knex';

/**
 * Modules of a cohort. Title, summary, PD minutes and unlock rule here are those of the published version
 * (copied on publish, so the hot reads need no join); the draft keeps its own copy in module_versions.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('modules', (t) => {
    t.uuid('id').primary();
    t.uuid('cohort_id').notNullable().references('cohorts.id').onDelete('CASCADE');
    t.integer('position').notNullable();
    t.string('title', 200).notNullable();
    t.text('summary').notNullable().defaultTo('');
    t.integer('pd_minutes').notNullable().defaultTo(0);
    t.string('unlock_rule', 16).notNullable().defaultTo('open'); // open | after_previous
    t.boolean('reports_to_gradebook').notNullable().defaultTo(false);
    t.uuid('published_version_id'); // FK added with module_versions (the two reference each other)
    t.timestamp('archived_at', { useTz: true });
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['cohort_id', 'position']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('modules');
}
