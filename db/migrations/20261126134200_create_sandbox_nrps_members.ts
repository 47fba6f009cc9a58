import type { Knex } from 'knex';

/**
 * The sandbox LMS's course rosters (the demo course starts with the demo personas; tests add, change and
 * remove members). Sandbox only.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sandbox_nrps_members', (t) => {
    t.string('context_id', 255).notNullable(); // the LMS context id (e.g. demo-pl-cohort)
    t.string('user_id', 255).notNullable();
    t.integer('position').notNullable();
    t.string('name', 255);
    t.string('given_name', 255);
    t.string('family_name', 255);
    t.string('email', 320);
    t.specificType('roles', 'text[]').notNullable(); // full LIS URIs; shortened on output when asked
    t.string('status', 16).notNullable().defaultTo('Active'); // Active | Inactive
    t.boolean('removed').notNullable().defaultTo(false);
    t.primary(['context_id', 'user_id']);
    t.index(['context_id', 'position']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sandbox_nrps_members');
}
