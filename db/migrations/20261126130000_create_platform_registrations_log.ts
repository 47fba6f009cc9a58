import type { Knex } from 'knex';

/**
 * One row per LTI Dynamic Registration: what the platform said about itself and what it granted,
 * so an operator can see how and when a registration came about (re-registrations add rows).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('platform_registrations_log', (t) => {
    t.uuid('id').primary();
    t.uuid('platform_id').notNullable().references('platforms.id').onDelete('CASCADE');
    t.string('product_family_code', 255).notNullable();
    t.string('platform_version', 255);
    t.string('openid_configuration_url', 2048).notNullable(); // without its query string (Canvas puts the token there)
    t.string('deployment_id', 255); // null when the platform creates deployments later (Canvas)
    t.jsonb('scopes_requested').notNullable();
    t.jsonb('scopes_granted').notNullable();
    t.jsonb('tool_configuration').notNullable(); // the lti-tool-configuration the platform returned, as returned
    t.timestamp('registered_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['platform_id', 'registered_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('platform_registrations_log');
}
