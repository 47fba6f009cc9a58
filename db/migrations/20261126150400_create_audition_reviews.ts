import type { Knex } from 'knex';

/**
 * One reviewer's review of one version. `initial` reviews fill the submission's slots; `look_again` reviews
 * invite earlier reviewers to a revised version. Closed reviews (reassigned, cancelled) are kept as history.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audition_reviews', (t) => {
    t.uuid('id').primary();
    t.uuid('audition_id').notNullable().references('auditions.id').onDelete('CASCADE');
    t.uuid('submission_id').notNullable().references('audition_submissions.id').onDelete('CASCADE');
    t.uuid('version_id').notNullable().references('audition_versions.id').onDelete('CASCADE');
    t.uuid('reviewer_id').notNullable().references('users.id').onDelete('CASCADE');
    t.string('kind', 16).notNullable(); // initial | look_again
    t.string('status', 16).notNullable(); // assigned | submitted | reassigned | cancelled
    t.string('closed_reason', 16); // overdue | left | lead | withdrawn
    t.jsonb('draft');
    t.integer('draft_revision').notNullable().defaultTo(0);
    t.jsonb('answers');
    t.timestamp('due_at', { useTz: true }).notNullable();
    t.uuid('assigned_by').references('users.id').onDelete('SET NULL'); // null: allocated automatically
    t.timestamp('assigned_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('submitted_at', { useTz: true });
    t.timestamp('closed_at', { useTz: true });
    t.index(['submission_id']);
    t.index(['audition_id', 'status', 'due_at']);
  });
  await knex.raw(`CREATE INDEX audition_reviews_queue ON audition_reviews (reviewer_id, assigned_at) WHERE status = 'assigned'`);
  await knex.raw(`CREATE UNIQUE INDEX audition_reviews_one_live ON audition_reviews (version_id, reviewer_id) WHERE status IN ('assigned', 'submitted')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audition_reviews');
}
