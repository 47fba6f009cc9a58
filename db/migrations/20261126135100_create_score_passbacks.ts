import type { Knex } from 'knex';

/**
 * Every score Staffroom owes a platform gradebook, written in the transaction that made the score and
 * delivered by a background job. Status: pending | delivered | failed | superseded | skipped.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('score_passbacks', (t) => {
    t.uuid('id').primary();
    t.bigIncrements('seq', { primaryKey: false }); // enqueue order: breaks ties between equal score times
    t.uuid('context_id').notNullable().references('contexts.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    // The line item key: resourceId/tag ('' = not set) and, for "grade sync only" platforms, the resource link.
    t.string('resource_id', 255).notNullable().defaultTo('');
    t.string('tag', 255).notNullable().defaultTo('');
    t.string('resource_link_id', 255).notNullable().defaultTo('');
    t.jsonb('payload').notNullable(); // { lineItem: {label, scoreMaximum}, score: {scoreGiven, scoreMaximum, comment, activityProgress, gradingProgress} }
    t.timestamp('scored_at', { useTz: true, precision: 3 }).notNullable(); // when the score was made
    t.string('status', 16).notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('attempt_until', { useTz: true }); // an attempt in progress holds the passback until then
    t.string('failure_kind', 64);
    t.text('last_error');
    t.string('line_item_url', 2048);
    t.timestamp('sent_timestamp', { useTz: true, precision: 3 }); // the AGS timestamp actually posted
    t.timestamp('delivered_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['context_id', 'status']);
    t.index(['context_id', 'user_id', 'resource_id', 'tag', 'resource_link_id', 'scored_at'], 'score_passbacks_key_idx');
    t.index(['status', 'updated_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('score_passbacks');
}
