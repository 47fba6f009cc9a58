import type { Knex } from 'knex';

/** The competencies a cohort works on (rated, reported to the gradebook, part of its credential). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cohort_competencies', (t) => {
    t.uuid('cohort_id').notNullable().references('cohorts.id').onDelete('CASCADE');
    t.uuid('competency_id').notNullable().references('competencies.id').onDelete('CASCADE');
    t.boolean('reports_to_gradebook').notNullable().defaultTo(false);
    t.boolean('in_credential').notNullable().defaultTo(false);
    t.primary(['cohort_id', 'competency_id']);
    t.index(['competency_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('cohort_competencies');
}
