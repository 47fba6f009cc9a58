import type { Knex } from 'knex';

/** Sensitive actions (registrations, role changes, ratings, deletions, exports): who, what, when, in which tenant. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_events', (t) => {
    t.uuid('id').primary();
    t.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('platform_id').references('platforms.id').onDelete('SET NULL');
    t.uuid('deployment_row_id').references('deployments.id').onDelete('SET NULL');
    // Ids only, no names: an erased person's events stay without identifying them.
    t.uuid('actor_user_id');
    t.string('actor_kind', 16).notNullable();
    t.string('action', 64).notNullable();
    t.string('subject_type', 32).notNullable();
    t.string('subject_id', 255);
    t.jsonb('details').notNullable().defaultTo('{}');
    t.index(['deployment_row_id', 'occurred_at', 'id']);
    t.index(['platform_id', 'occurred_at', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_events');
}
