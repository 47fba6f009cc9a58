import type { Knex } from 'knex';

/** An LTI 1.3 platform registration: (issuer, client_id) because Canvas cloud shares one issuer. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('platforms', (t) => {
    t.uuid('id').primary();
    t.string('issuer', 1024).notNullable();
    t.string('client_id', 255).notNullable();
    t.string('name', 255);
    t.string('auth_url', 2048).notNullable();
    t.string('token_url', 2048).notNullable();
    t.string('jwks_url', 2048).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['issuer', 'client_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('platforms');
}
