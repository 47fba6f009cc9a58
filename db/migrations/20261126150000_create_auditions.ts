import type { Knex } from 'knex';

/**
 * A peer-feedback audition (issue 5): what teachers submit, the feedback protocol, how many reviewers each
 * submission gets, who sees reviewer names, and how reviewers are allocated (rolling or at a fixed deadline).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('auditions', (t) => {
    t.uuid('id').primary();
    t.uuid('cohort_id').notNullable().references('cohorts.id').onDelete('CASCADE');
    t.uuid('module_id').notNullable().references('modules.id').onDelete('CASCADE');
    t.uuid('step_id'); // the module step (stable id) that links here, when known
    t.string('title', 200).notNullable();
    t.text('prompt').notNullable();
    t.jsonb('accepted_parts').notNullable(); // ['text','link','attachment']
    t.jsonb('protocol').notNullable(); // { criteria: [...], prompts: [...] }
    t.integer('reviewers_per_submission').notNullable().defaultTo(3);
    t.string('anonymity', 24).notNullable(); // anonymous | named | leads_only
    t.string('mode', 16).notNullable(); // rolling | fixed
    t.timestamp('deadline', { useTz: true });
    t.integer('review_due_days').notNullable().defaultTo(7);
    t.integer('reassign_after_days').notNullable().defaultTo(2);
    t.boolean('exclude_same_school').notNullable().defaultTo(false);
    t.jsonb('competency_ids').notNullable().defaultTo('[]');
    t.jsonb('calibration'); // { work, context, answers } reviewed by a lead
    t.timestamp('allocated_at', { useTz: true }); // fixed mode: when the deadline allocation ran
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['cohort_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('auditions');
}
