import type { Knex } from 'knex';

/**
 * Uploaded files (metadata only; the bytes live in attachment storage under `storage_key`, a random name).
 * A tenant is (platform, deployment); `mime_type` is what the content was detected as, never the client's claim.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('attachments', (t) => {
    t.uuid('id').primary();
    t.uuid('platform_id').notNullable().references('platforms.id').onDelete('CASCADE');
    t.uuid('deployment_id').notNullable().references('deployments.id').onDelete('CASCADE');
    t.uuid('context_id').notNullable().references('contexts.id').onDelete('CASCADE'); // where it was uploaded from
    t.uuid('owner_id').notNullable().references('users.id').onDelete('CASCADE');
    t.string('purpose', 64).notNullable();
    t.string('filename', 255).notNullable(); // sanitised for display; never part of a path
    t.string('mime_type', 127).notNullable();
    t.bigInteger('size_bytes').notNullable();
    t.string('sha256', 64).notNullable();
    t.string('storage_key', 128).notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['platform_id', 'deployment_id', 'owner_id']);
    t.index(['created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('attachments');
}
