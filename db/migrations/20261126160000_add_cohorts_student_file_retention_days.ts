import type { Knex } from 'knex';

/** Days after which uploads marked as student material are deleted (null: kept until the owner deletes them). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cohorts', (t) => {
    t.integer('student_file_retention_days');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cohorts', (t) => {
    t.dropColumn('student_file_retention_days');
  });
}
