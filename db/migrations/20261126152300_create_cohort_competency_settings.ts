import type { Knex } from 'knex';

/**
 * Which framework a cohort uses and how mastery is computed there (like Canvas's Learning Mastery
 * calculation methods), how parents roll up, and the cohort's credential.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cohort_competency_settings', (t) => {
    t.uuid('cohort_id').primary().references('cohorts.id').onDelete('CASCADE');
    t.uuid('framework_id').notNullable().references('competency_frameworks.id').onDelete('RESTRICT');
    t.string('mastery_method', 24).notNullable().defaultTo('most_recent'); // most_recent | highest | average_last_n | decaying_average
    t.integer('method_n').notNullable().defaultTo(3);
    t.decimal('method_weight', 4, 2).notNullable().defaultTo(0.65);
    t.string('rollup_rule', 24).notNullable().defaultTo('all_proficient'); // all_proficient | average_points
    t.string('credential_title', 200);
    t.uuid('linked_by').references('users.id').onDelete('SET NULL');
    t.timestamp('linked_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['framework_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('cohort_competency_settings');
}
