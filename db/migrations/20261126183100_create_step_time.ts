import type { Knex } from 'knex';

/** Measured time on task: seconds a person had a step open and visible, accumulated from capped heartbeats. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('step_time', (t) => {
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('step_id').notNullable();
    t.uuid('cohort_id').notNullable().references('cohorts.id').onDelete('CASCADE');
    t.uuid('module_id').notNullable().references('modules.id').onDelete('CASCADE');
    t.integer('seconds').notNullable().defaultTo(0);
    // The last heartbeat: a beat can never count more than the wall-clock time since the previous one.
    t.timestamp('last_beat_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['user_id', 'step_id']);
    t.index(['cohort_id', 'user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('step_time');
}
