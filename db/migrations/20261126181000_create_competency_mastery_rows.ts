import type { Knex } from 'knex';

/**
 * One row per person and cohort with all their leaf mastery cells as compact text
 * ("competencyId level points proficient,…"), so the heatmap reads 500 short rows instead of building 15,000
 * cells per request. Derived from competency_mastery only (kept by the triggers of the next migration).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('competency_mastery_rows', (t) => {
    t.uuid('cohort_id').notNullable().references('cohorts.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('cells').notNullable();
    t.primary(['cohort_id', 'user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('competency_mastery_rows');
}
