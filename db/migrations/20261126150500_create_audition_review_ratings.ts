import type { Knex } from 'knex';

/** Feedback on feedback: the author rates each review (specific and actionable, supportive: 1–4) with an optional thank-you. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audition_review_ratings', (t) => {
    t.uuid('review_id').primary().references('audition_reviews.id').onDelete('CASCADE');
    t.uuid('rater_id').notNullable().references('users.id').onDelete('CASCADE');
    t.smallint('specific').notNullable();
    t.smallint('supportive').notNullable();
    t.text('thanks');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('ALTER TABLE audition_review_ratings ADD CONSTRAINT audition_ratings_range CHECK (specific BETWEEN 1 AND 4 AND supportive BETWEEN 1 AND 4)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audition_review_ratings');
}
