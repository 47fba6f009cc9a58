import type { Knex } from 'knex';

/** A person asking the cohort's leads to rate a competency; resolved by the next rating of it. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('competency_review_requests', (t) => {
    t.uuid('id').primary();
    t.uuid('cohort_id').notNullable().references('cohorts.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('competency_id').notNullable().references('competencies.id').onDelete('CASCADE');
    t.text('note').notNullable().defaultTo('');
    t.string('status', 16).notNullable().defaultTo('pending'); // pending | resolved
    t.timestamp('requested_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('resolved_at', { useTz: true });
    t.uuid('resolved_by_rating_id');
  });
  await knex.raw(`CREATE UNIQUE INDEX competency_review_requests_one_pending ON competency_review_requests (cohort_id, user_id, competency_id) WHERE status = 'pending'`);
  await knex.raw(`CREATE INDEX competency_review_requests_queue ON competency_review_requests (cohort_id, requested_at, id) WHERE status = 'pending'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('competency_review_requests');
}
