import type { Knex } from 'knex';

/** Every submitted version of a submission is kept: the work, its classroom context, and "what I changed". */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audition_versions', (t) => {
    t.uuid('id').primary();
    t.uuid('submission_id').notNullable().references('audition_submissions.id').onDelete('CASCADE');
    t.integer('number').notNullable();
    t.jsonb('work').notNullable();
    t.jsonb('context').notNullable();
    t.text('what_changed');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['submission_id', 'number']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audition_versions');
}
