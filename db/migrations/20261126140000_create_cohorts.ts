import type { Knex } from 'knex';

/** Cohorts (and cohort templates): a group of staff learning together, held by one LMS course. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cohorts', (t) => {
    t.uuid('id').primary();
    t.uuid('owner_context_id').references('contexts.id').onDelete('CASCADE'); // null only for built-in templates
    t.string('kind', 16).notNullable(); // cohort | template
    t.string('title', 200).notNullable();
    t.text('description').notNullable().defaultTo('');
    t.uuid('template_source_id').references('cohorts.id').onDelete('SET NULL');
    t.date('starts_on');
    t.date('ends_on');
    t.string('pacing', 16).notNullable().defaultTo('self_paced'); // self_paced | weekly
    t.integer('weekly_minutes');
    t.string('work_visibility', 16).notNullable().defaultTo('cohort'); // cohort | leads_only
    t.string('status', 16).notNullable().defaultTo('active'); // active | archived
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['owner_context_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('cohorts');
}
