import type { Knex } from 'knex';

/**
 * Written work on a step: a reflection or inquiry-cycle entries (one per person and step), or a checkpoint's
 * "what we agreed" record (one per step, kept by leads and facilitators). `revision` guards autosave.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('step_responses', (t) => {
    t.uuid('id').primary();
    t.uuid('step_id').notNullable();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE'); // author (last editor for a record)
    t.uuid('cohort_id').notNullable().references('cohorts.id').onDelete('CASCADE');
    t.uuid('module_id').notNullable().references('modules.id').onDelete('CASCADE');
    t.string('kind', 16).notNullable(); // reflect | inquiry | checkpoint
    t.jsonb('body').notNullable();
    t.string('visibility', 16).notNullable(); // private | cohort
    t.integer('revision').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['cohort_id', 'step_id', 'visibility']);
  });
  await knex.raw(`CREATE UNIQUE INDEX step_responses_one_per_person ON step_responses (step_id, user_id) WHERE kind <> 'checkpoint'`);
  await knex.raw(`CREATE UNIQUE INDEX step_responses_one_record ON step_responses (step_id) WHERE kind = 'checkpoint'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('step_responses');
}
