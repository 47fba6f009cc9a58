import type { Knex } from 'knex';

/**
 * One row per roster sync run of a context (NRPS): its trigger, state, progress while pages arrive and
 * what it changed. At most one run per context is pending (queued or running) at a time.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('roster_syncs', (t) => {
    t.uuid('id').primary();
    t.uuid('context_id').notNullable().references('contexts.id').onDelete('CASCADE');
    t.string('trigger', 16).notNullable(); // first_launch | manual | schedule
    t.uuid('requested_by').references('users.id').onDelete('SET NULL');
    t.string('status', 16).notNullable().defaultTo('queued'); // queued | running | succeeded | failed
    t.integer('attempts').notNullable().defaultTo(0);
    t.integer('pages_fetched').notNullable().defaultTo(0);
    t.integer('members_fetched').notNullable().defaultTo(0);
    t.integer('added').notNullable().defaultTo(0);
    t.integer('updated').notNullable().defaultTo(0);
    t.integer('reactivated').notNullable().defaultTo(0);
    t.integer('deactivated').notNullable().defaultTo(0);
    t.text('error');
    t.timestamp('queued_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('started_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['context_id', 'queued_at']);
  });
  await knex.raw(`CREATE UNIQUE INDEX roster_syncs_one_pending_per_context ON roster_syncs (context_id) WHERE status IN ('queued', 'running')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('roster_syncs');
}
