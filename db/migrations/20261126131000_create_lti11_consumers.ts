import type { Knex } from 'knex';

/**
 * LTI 1.1 tool consumers: a consumer key and its shared secret (encrypted at rest). Each consumer has
 * a `platforms` row (issuer `urn:lti11:<key>`) and one `lti11` deployment, so users, contexts,
 * memberships and sessions work exactly as for LTI 1.3.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('lti11_consumers', (t) => {
    t.uuid('id').primary();
    t.string('consumer_key', 255).notNullable().unique();
    t.text('secret_encrypted').notNullable();
    t.string('name', 255);
    t.uuid('platform_id').notNullable().unique().references('platforms.id').onDelete('CASCADE');
    t.uuid('deployment_id').notNullable().references('deployments.id').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('lti11_consumers');
}
