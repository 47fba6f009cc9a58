import type { Knex } from 'knex';

/** A certificate issued when a person is proficient in every competency of a cohort's credential. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('competency_certificates', (t) => {
    t.uuid('id').primary();
    t.uuid('cohort_id').notNullable().references('cohorts.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.string('title', 200).notNullable();
    t.jsonb('competencies').notNullable(); // [{id, identifier, title, level}] at issue time
    t.integer('pd_minutes').notNullable();
    t.timestamp('issued_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['cohort_id', 'user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('competency_certificates');
}
