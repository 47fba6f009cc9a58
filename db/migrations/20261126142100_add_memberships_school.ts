import type { Knex } from 'knex';

/** The school a member works at, from the staff list an admin enrolled them with (null when unknown). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('memberships', (t) => {
    t.string('school', 200);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('memberships', (t) => {
    t.dropColumn('school');
  });
}
