import type { Knex } from 'knex';

/** Scores received by the sandbox LTI 1.1 consumer's Basic Outcomes endpoint (development and tests only). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sandbox_outcomes', (t) => {
    t.bigIncrements('id').primary();
    t.string('consumer_key', 255).notNullable();
    t.string('sourced_id', 1024).notNullable();
    t.double('score').notNullable();
    t.string('message_identifier', 255);
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['sourced_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sandbox_outcomes');
}
