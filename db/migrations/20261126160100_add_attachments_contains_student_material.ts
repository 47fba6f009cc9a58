import type { Knex } from 'knex';

/** Marks uploads with student material (classroom video, student work): the retention job deletes them. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('attachments', (t) => {
    t.boolean('contains_student_material').notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('attachments', (t) => {
    t.dropColumn('contains_student_material');
  });
}
