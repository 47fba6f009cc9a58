import type { Knex } from 'knex';

/** A teacher's review of the lead's calibration example (one per person and audition; a retake replaces it). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audition_calibrations', (t) => {
    t.uuid('audition_id').notNullable().references('auditions.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.jsonb('answers').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['audition_id', 'user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audition_calibrations');
}
