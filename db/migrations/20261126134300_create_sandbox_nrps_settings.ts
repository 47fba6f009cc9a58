import type { Knex } from 'knex';

/** How the sandbox LMS's NRPS endpoint behaves per course: role format, page size, injected faults. Sandbox only. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sandbox_nrps_settings', (t) => {
    t.string('context_id', 255).primary();
    t.string('role_format', 8).notNullable().defaultTo('short'); // short (Moodle) | full (Canvas)
    t.integer('page_size').notNullable().defaultTo(100);
    t.boolean('anonymous').notNullable().defaultTo(false);
    t.jsonb('faults').notNullable().defaultTo('[]');
    t.specificType('revoked_tokens', 'text[]').notNullable().defaultTo('{}');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sandbox_nrps_settings');
}
