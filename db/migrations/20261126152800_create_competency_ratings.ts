import type { Knex } from 'knex';

/**
 * Ratings of a person on a competency in a cohort: history, never updated. The level is kept as its
 * position, label and points at the time of rating. `seq` orders ratings made in the same instant.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('competency_ratings', (t) => {
    t.uuid('id').primary();
    t.bigIncrements('seq', { primaryKey: false });
    t.uuid('cohort_id').notNullable().references('cohorts.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('competency_id').notNullable().references('competencies.id').onDelete('CASCADE');
    t.integer('level_position').notNullable();
    t.string('level_label', 100).notNullable();
    t.decimal('points', 8, 2).notNullable();
    t.text('comment').notNullable().defaultTo('');
    t.specificType('evidence_ids', 'uuid[]').notNullable().defaultTo('{}');
    t.uuid('rated_by').references('users.id').onDelete('SET NULL');
    t.timestamp('rated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['cohort_id', 'user_id', 'competency_id', 'rated_at', 'seq']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('competency_ratings');
}
