import type { Knex } from 'knex';

/** Staffroom sessions opened by launches; the bearer token names one of these. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sessions', (t) => {
    t.uuid('id').primary();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('context_id').notNullable().references('contexts.id').onDelete('CASCADE');
    t.string('role', 16).notNullable();
    t.string('message_type', 64).notNullable();
    t.string('resource_link_id', 255);
    t.jsonb('launch').notNullable(); // the claims later features need (return_url, AGS, NRPS endpoints)
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sessions');
}
