import type { Knex } from 'knex';

/**
 * One teacher's work for an audition: an autosaved draft (revision-checked), then versions. `reviewers_needed`
 * counts the first-round review slots still to fill, so allocation finds under-reviewed work by a partial index.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audition_submissions', (t) => {
    t.uuid('id').primary();
    t.uuid('audition_id').notNullable().references('auditions.id').onDelete('CASCADE');
    t.uuid('author_id').notNullable().references('users.id').onDelete('CASCADE');
    t.string('school', 200); // the author's school when they first submitted (same-school exclusion)
    t.string('status', 16).notNullable(); // draft | submitted | withdrawn
    t.jsonb('draft').notNullable();
    t.integer('draft_revision').notNullable();
    t.integer('submitted_revision'); // the draft revision the latest version was made from (double submits)
    t.integer('current_version').notNullable().defaultTo(0);
    t.integer('reviewers_needed').notNullable().defaultTo(0);
    t.timestamp('submitted_at', { useTz: true });
    t.timestamp('withdrawn_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['audition_id', 'author_id']);
  });
  await knex.raw(`CREATE INDEX audition_submissions_underfilled ON audition_submissions (audition_id, submitted_at) WHERE status = 'submitted' AND reviewers_needed > 0`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audition_submissions');
}
