import type { Knex } from 'knex';

/** One enrolment of a staff list into a context's LMS course, with its progress. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('enrolment_runs', (t) => {
    t.uuid('id').primary();
    t.uuid('context_id').notNullable().references('contexts.id').onDelete('CASCADE');
    t.string('lms_kind', 16).notNullable(); // canvas | moodle
    t.string('lms_course_id', 300).notNullable(); // as sent to the LMS, e.g. "42" or "lti_context_id:…"
    t.string('source', 16).notNullable(); // csv | members
    t.string('mode', 16).notNullable(); // sync | background
    t.string('status', 16).notNullable(); // queued | running | completed | failed
    t.integer('total').notNullable();
    t.integer('processed').notNullable().defaultTo(0);
    t.string('error_id', 64);
    t.text('error_message');
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('started_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
    t.index(['context_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('enrolment_runs');
}
