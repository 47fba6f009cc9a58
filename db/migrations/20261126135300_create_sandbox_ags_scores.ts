import type { Knex } from 'knex';

/** Every score POST the sandbox AGS endpoint received, accepted or refused (development and tests only). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sandbox_ags_scores', (t) => {
    t.bigIncrements('id').primary();
    t.integer('line_item_id').notNullable().references('sandbox_ags_line_items.id').onDelete('CASCADE');
    t.string('user_id', 255).notNullable();
    t.double('score_given');
    t.double('score_maximum');
    t.string('activity_progress', 32).notNullable();
    t.string('grading_progress', 32).notNullable();
    t.text('comment');
    t.string('timestamp', 64).notNullable(); // as sent
    t.timestamp('timestamp_at', { useTz: true, precision: 3 }).notNullable();
    t.string('user_agent', 512);
    t.string('outcome', 16).notNullable(); // accepted | refused (an older or same-second timestamp, as Moodle answers 409)
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['line_item_id', 'user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sandbox_ags_scores');
}
