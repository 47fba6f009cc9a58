import type { Knex } from 'knex';

/**
 * OAuth 1.0a nonces of LTI 1.1 launches, per consumer: a launch inserts its nonce (ON CONFLICT DO
 * NOTHING), so a replay is refused on every tool process. Kept until the timestamp can no longer pass.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('lti11_nonces', (t) => {
    t.uuid('consumer_id').notNullable().references('lti11_consumers.id').onDelete('CASCADE');
    t.string('nonce', 128).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.primary(['consumer_id', 'nonce']);
    t.index(['expires_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('lti11_nonces');
}
