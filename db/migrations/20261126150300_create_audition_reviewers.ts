import type { Knex } from 'knex';

/**
 * The reviewer pool of an audition: everyone who has submitted, with their open and total review counts
 * (kept in the transactions that change reviews), so allocation reads the head of one index instead of counting.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audition_reviewers', (t) => {
    t.uuid('audition_id').notNullable().references('auditions.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.string('school', 200);
    t.integer('open_reviews').notNullable().defaultTo(0);
    t.integer('total_reviews').notNullable().defaultTo(0);
    t.boolean('active').notNullable().defaultTo(true); // false once they leave the cohort
    t.integer('tiebreak').notNullable().defaultTo(knex.raw('floor(random() * 2147483647)::int')); // random order among equals
    t.timestamp('joined_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['audition_id', 'user_id']);
  });
  await knex.raw(`CREATE INDEX audition_reviewers_load ON audition_reviewers (audition_id, open_reviews, total_reviews, tiebreak) WHERE active`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audition_reviewers');
}
