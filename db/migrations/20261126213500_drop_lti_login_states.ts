import type { Knex } from 'knex';

/**
 * Login states are sealed values now (ADR 0012); a launch marks its state used in lti_used_states. Nothing has
 * written lti_login_states since, and its last rows expired within the state lifetime, so the table goes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.dropTable('lti_login_states');
}

/** Recreates the table exactly as 20261126120300_create_lti_login_states made it (empty). */
export async function down(knex: Knex): Promise<void> {
  await knex.schema.createTable('lti_login_states', (t) => {
    t.string('state', 64).primary();
    t.string('nonce', 64).notNullable().unique();
    t.uuid('platform_id').notNullable().references('platforms.id').onDelete('CASCADE');
    t.string('target_link_uri', 2048).notNullable();
    t.string('storage_target', 255); // lti_storage_target when the platform offers storage
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['expires_at']);
  });
}
