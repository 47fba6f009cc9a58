import type { Knex } from 'knex';

/** modules.published_version_id → module_versions (added once both tables exist). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('modules', (t) => {
    t.foreign('published_version_id').references('module_versions.id').onDelete('SET NULL');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('modules', (t) => {
    t.dropForeign(['published_version_id']);
  });
}
