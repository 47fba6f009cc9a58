import type { Knex } from 'knex';

/** Faults the sandbox AGS endpoint injects into its answers, for tests and benchmarks (never in production). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sandbox_ags_faults', (t) => {
    t.increments('id').primary();
    t.string('context_id', 255).notNullable();
    t.string('target', 16).notNullable(); // scores | lineitems (GET) | create (POST lineitems) | any
    t.string('kind', 32).notNullable(); // 429 | 500 | 400 | 401 | html | timeout | slow | invalid-json | huge
    t.integer('remaining'); // null = every matching call
    t.double('rate').notNullable().defaultTo(1); // probability that a matching call fails
    t.integer('delay_ms').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['context_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sandbox_ags_faults');
}
