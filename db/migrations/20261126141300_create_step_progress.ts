import type { Knex } from 'knex';

/** Per person and step: not started / in progress / complete, with timestamps. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('step_progress', (t) => {
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('step_id').notNullable();
    t.uuid('cohort_id').notNullable().references('cohorts.id').onDelete('CASCADE');
    t.uuid('module_id').notNullable().references('modules.id').onDelete('CASCADE');
    t.string('status', 16).notNullable(); // not_started | in_progress | complete
    t.timestamp('started_at', { useTz: true });
    t.timestamp('completed_at', { useTz: true });
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['user_id', 'step_id']);
    // Publishing re-checks one module's people; archived-module clean-ups read one cohort.
    t.index(['cohort_id', 'module_id', 'user_id']);
  });
  // "My learning" reads one person's rows per cohort, the progress matrix a page of people in one cohort:
  // covering, so both are index-only scans.
  await knex.raw('CREATE INDEX step_progress_person_cohort ON step_progress (user_id, cohort_id, module_id) INCLUDE (step_id, status)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('step_progress');
}
