import type { Knex } from 'knex';

/** Per sandbox course: whether AGS runs in Moodle's "grade sync only" mode (no line item creation). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sandbox_ags_modes', (t) => {
    t.string('context_id', 255).primary();
    t.boolean('grade_sync_only').notNullable().defaultTo(false);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sandbox_ags_modes');
}
