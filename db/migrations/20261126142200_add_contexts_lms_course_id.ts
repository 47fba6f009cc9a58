import type { Knex } from 'knex';

/** The LMS's own course id for a context, from a launch's custom parameter (the LTI context id is opaque in Canvas). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('contexts', (t) => {
    t.string('lms_course_id', 64);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('contexts', (t) => {
    t.dropColumn('lms_course_id');
  });
}
