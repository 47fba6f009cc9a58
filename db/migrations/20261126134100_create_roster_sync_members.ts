import type { Knex } from 'knex';

/**
 * Members a running roster sync has fetched so far, page by page; applied to users and memberships in one
 * transaction when the last page has arrived, then deleted. A sync that fails halfway leaves the roster as it was.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('roster_sync_members', (t) => {
    t.uuid('sync_id').notNullable().references('roster_syncs.id').onDelete('CASCADE');
    t.string('user_sub', 255).notNullable();
    t.string('name', 255);
    t.string('given_name', 255);
    t.string('family_name', 255);
    t.string('email', 320);
    t.specificType('lti_roles', 'text[]').notNullable();
    t.string('role', 16).notNullable();
    t.string('status', 16).notNullable(); // active | inactive
    t.primary(['sync_id', 'user_sub']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('roster_sync_members');
}
