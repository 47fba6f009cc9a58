import type { Knex } from 'knex';

/** A framework's proficiency scale: ordered levels, each with points and whether it counts as proficient. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('competency_scale_levels', (t) => {
    t.uuid('framework_id').notNullable().references('competency_frameworks.id').onDelete('CASCADE');
    t.integer('position').notNullable(); // 0 = lowest
    t.string('label', 100).notNullable();
    t.decimal('points', 8, 2).notNullable();
    t.boolean('counts_as_proficient').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.primary(['framework_id', 'position']);
    t.unique(['framework_id', 'label']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('competency_scale_levels');
}
