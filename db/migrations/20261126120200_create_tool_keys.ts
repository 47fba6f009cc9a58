import type { Knex } from 'knex';

/** The tool's RSA signing keys; private halves encrypted at rest. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('tool_keys', (t) => {
    t.string('kid', 64).primary();
    t.jsonb('public_jwk').notNullable();
    t.text('private_key_encrypted').notNullable();
    t.string('status', 16).notNullable(); // next | current | retired
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('activated_at', { useTz: true });
    t.timestamp('retired_at', { useTz: true });
    t.index(['status']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('tool_keys');
}
