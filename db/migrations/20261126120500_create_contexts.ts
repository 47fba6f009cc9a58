import type { Knex } from 'knex';

/** LMS contexts (courses) per deployment: the tenant boundary for cohort data. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('contexts', (t) => {
    t.uuid('id').primary();
    t.uuid('deployment_id').notNullable().references('deployments.id').onDelete('CASCADE');
    t.string('lti_context_id', 255).notNullable();
    t.string('title', 512);
    t.string('label', 255);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['deployment_id', 'lti_context_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('contexts');
}
