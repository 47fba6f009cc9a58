import type { Knex } from 'knex';

/**
 * Login states are sealed values the tool does not store (lti/loginState.seal.ts); a launch makes its state single
 * use by inserting the state's id here, in the statement that records the launch. Rows are kept until the state
 * would have expired anyway, then the hourly housekeeping drops them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('lti_used_states', (t) => {
    t.string('id', 32).primary();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['expires_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('lti_used_states');
}
