import type { Knex } from 'knex';

/**
 * Single-use codes that let another school's course join a network cohort. Only a SHA-256 of the
 * code is kept, so a database reader cannot join; the code itself is shown once to the admin who made it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cohort_join_codes', (t) => {
    t.uuid('id').primary();
    t.uuid('cohort_id').notNullable().references('cohorts.id').onDelete('CASCADE');
    t.string('code_hash', 64).notNullable().unique();
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.uuid('used_by_context_id').references('contexts.id').onDelete('SET NULL');
    t.uuid('used_by_user_id').references('users.id').onDelete('SET NULL');
    t.timestamp('revoked_at', { useTz: true });
    t.index(['cohort_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('cohort_join_codes');
}
