import type { Knex } from 'knex';

/** One LMS REST connection per platform registration (tenant): where its API is and the admin's token, encrypted. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('lms_connections', (t) => {
    t.uuid('platform_id').primary().references('platforms.id').onDelete('CASCADE');
    t.string('kind', 16).notNullable(); // canvas | moodle
    t.string('base_url', 2048).notNullable();
    t.text('token_encrypted').notNullable(); // secretBox output; the token itself is never stored or returned
    t.boolean('allow_create_users').notNullable().defaultTo(false); // Moodle only
    t.integer('student_role_id').notNullable().defaultTo(5); // Moodle role ids (student, editingteacher)
    t.integer('teacher_role_id').notNullable().defaultTo(3);
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.uuid('updated_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('lms_connections');
}
