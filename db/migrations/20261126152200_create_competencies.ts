import type { Knex } from 'knex';

/**
 * The nodes of a framework's tree: domains → competencies → optional indicators. `identifier` is the
 * human code (CSV `identifier`, CASE humanCodingScheme/identifier), unique within a framework.
 * `level_descriptions` describes what each scale level looks like for this competency (by level label).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('competencies', (t) => {
    t.uuid('id').primary();
    t.uuid('framework_id').notNullable().references('competency_frameworks.id').onDelete('CASCADE');
    t.uuid('parent_id').references('competencies.id').onDelete('CASCADE');
    t.string('kind', 16).notNullable(); // domain | competency | indicator
    t.string('identifier', 100).notNullable();
    t.string('title', 300).notNullable();
    t.text('description').notNullable().defaultTo('');
    t.integer('position').notNullable();
    t.jsonb('level_descriptions').notNullable().defaultTo('{}');
    t.string('case_identifier', 255);
    t.unique(['framework_id', 'identifier']);
    t.index(['framework_id', 'parent_id', 'position']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('competencies');
}
