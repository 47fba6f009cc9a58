import type { Knex } from 'knex';

/** The LMS courses a cohort spans (more than one for a network cohort); the owner's course is always one. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cohort_contexts', (t) => {
    t.uuid('cohort_id').notNullable().references('cohorts.id').onDelete('CASCADE');
    t.uuid('context_id').notNullable().references('contexts.id').onDelete('CASCADE');
    t.timestamp('joined_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['cohort_id', 'context_id']);
    t.index(['context_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('cohort_contexts');
}
