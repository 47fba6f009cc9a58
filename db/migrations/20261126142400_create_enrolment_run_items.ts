import type { Knex } from 'knex';

/** Each person of an enrolment run and what happened to them (null outcome = not processed yet). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('enrolment_run_items', (t) => {
    t.uuid('run_id').notNullable().references('enrolment_runs.id').onDelete('CASCADE');
    t.integer('position').notNullable(); // order in the list; the report's cursor
    t.integer('source_row'); // spreadsheet row of the CSV (header = 1); null for picked members
    t.string('email', 320).notNullable();
    t.string('name', 255).notNullable();
    t.string('school', 200);
    t.string('role', 16).notNullable(); // teacher | lead
    t.string('outcome', 32); // enrolled | already_enrolled | created_and_enrolled | not_found | failed
    t.text('message');
    t.string('lms_user_id', 64);
    t.timestamp('processed_at', { useTz: true });
    t.primary(['run_id', 'position']);
    t.unique(['run_id', 'email']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('enrolment_run_items');
}
