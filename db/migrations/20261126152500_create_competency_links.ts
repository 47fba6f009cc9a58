import type { Knex } from 'knex';

/**
 * What gives evidence for a competency: a module step (by its stable step id) or an audition rubric
 * criterion (by the auditions feature's id string; no foreign key, so it may be linked before auditions exist).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('competency_links', (t) => {
    t.uuid('id').primary();
    t.uuid('competency_id').notNullable().references('competencies.id').onDelete('CASCADE');
    t.string('target_kind', 24).notNullable(); // module_step | audition_criterion
    t.string('target_id', 200).notNullable();
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['competency_id', 'target_kind', 'target_id']);
    t.index(['target_kind', 'target_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('competency_links');
}
