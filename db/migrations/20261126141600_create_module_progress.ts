import type { Knex } from 'knex';

/**
 * One row per person and module they have started: when they started and were last active, and how many steps
 * of the module's current version they have complete (kept by progress writes, recomputed on publish). The
 * cohort progress matrix reads these few thousand rows instead of every step row of the cohort.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('module_progress', (t) => {
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('module_id').notNullable().references('modules.id').onDelete('CASCADE');
    t.uuid('cohort_id').notNullable().references('cohorts.id').onDelete('CASCADE');
    t.integer('completed_steps').notNullable().defaultTo(0);
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_activity_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['user_id', 'module_id']);
  });
  // The matrix: per-module totals over a course's members, and a page of people's cells; both index-only.
  await knex.raw('CREATE INDEX module_progress_cohort_person ON module_progress (cohort_id, user_id) INCLUDE (module_id, completed_steps, last_activity_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('module_progress');
}
