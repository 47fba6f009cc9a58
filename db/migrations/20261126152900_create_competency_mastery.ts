import type { Knex } from 'knex';

/**
 * Current mastery of a person on a rated competency in a cohort, recomputed from the ratings in the
 * rating's transaction (and when the cohort's method changes), so profiles and heatmaps read one row per cell.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('competency_mastery', (t) => {
    t.uuid('cohort_id').notNullable().references('cohorts.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('competency_id').notNullable().references('competencies.id').onDelete('CASCADE');
    t.decimal('points', 8, 2).notNullable();
    t.integer('level_position').notNullable();
    t.boolean('proficient').notNullable();
    t.integer('ratings_count').notNullable();
    t.timestamp('last_rated_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['cohort_id', 'user_id', 'competency_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('competency_mastery');
}
