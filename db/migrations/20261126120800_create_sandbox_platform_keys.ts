import type { Knex } from 'knex';

/** The sandbox platform emulator's own signing key (development and tests only). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sandbox_platform_keys', (t) => {
    t.string('kid', 64).primary();
    t.jsonb('public_jwk').notNullable();
    t.text('private_key_encrypted').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sandbox_platform_keys');
}
