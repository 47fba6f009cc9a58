import type { Knex } from 'knex';

/**
 * Facilitators: a cohort member given lead rights for one module (distributed leadership).
 * module_id has no foreign key here because the modules table is created by a later migration;
 * the cohorts service checks that the module belongs to the cohort before assigning.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cohort_facilitators', (t) => {
    t.uuid('cohort_id').notNullable().references('cohorts.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('module_id').notNullable();
    t.uuid('assigned_by').references('users.id').onDelete('SET NULL');
    t.timestamp('assigned_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // (cohort, user) first: loadCohortAccess reads one person's facilitated modules on every request.
    t.primary(['cohort_id', 'user_id', 'module_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('cohort_facilitators');
}
