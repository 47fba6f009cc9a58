import type { Knex } from 'knex';

/** A person completed a module (once): the PD minutes credited and the version they completed. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('module_completions', (t) => {
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('module_id').notNullable().references('modules.id').onDelete('CASCADE');
    t.uuid('cohort_id').notNullable().references('cohorts.id').onDelete('CASCADE');
    t.uuid('version_id').notNullable().references('module_versions.id');
    t.integer('pd_minutes').notNullable();
    t.timestamp('completed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['user_id', 'module_id']);
    t.index(['cohort_id', 'module_id', 'user_id']); // progress matrix totals, index-only
  });
  // A person's completions in some cohorts ("My learning", PD hours, a page of the matrix), index-only.
  await knex.raw('CREATE INDEX module_completions_person_cohort ON module_completions (user_id, cohort_id) INCLUDE (module_id, pd_minutes, completed_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('module_completions');
}
