import type { Knex } from 'knex';

/**
 * Answers to end-of-module survey steps: one per person and step (changing an answer overwrites it).
 * Private to the person; reports read them only aggregated, suggestions without names.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('survey_responses', (t) => {
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('step_id').notNullable();
    t.uuid('cohort_id').notNullable().references('cohorts.id').onDelete('CASCADE');
    t.uuid('module_id').notNullable().references('modules.id').onDelete('CASCADE');
    t.smallint('useful').notNullable();
    t.smallint('relevant').notNullable();
    t.text('suggestion').notNullable().defaultTo('');
    t.timestamp('answered_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()); // the latest answer
    t.primary(['user_id', 'step_id']);
    // Reports read one cohort's answers within a date range.
    t.index(['cohort_id', 'answered_at']);
  });
  await knex.raw('ALTER TABLE survey_responses ADD CONSTRAINT survey_responses_scale CHECK (useful BETWEEN 1 AND 4 AND relevant BETWEEN 1 AND 4)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('survey_responses');
}
