import type { Knex } from 'knex';

/** Audit trail of cohort changes: who did what (settings, network joins and leaves, facilitator changes). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cohort_events', (t) => {
    t.uuid('id').primary();
    t.uuid('cohort_id').notNullable().references('cohorts.id').onDelete('CASCADE');
    t.uuid('actor_user_id').references('users.id').onDelete('SET NULL');
    t.uuid('actor_context_id').references('contexts.id').onDelete('SET NULL');
    t.string('action', 48).notNullable();
    t.jsonb('details').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['cohort_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('cohort_events');
}
