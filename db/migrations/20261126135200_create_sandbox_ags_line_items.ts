import type { Knex } from 'knex';

/** Gradebook columns of the sandbox platform's courses (AGS line items; development and tests only). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sandbox_ags_line_items', (t) => {
    t.increments('id').primary(); // numeric like Moodle's line item ids
    t.string('context_id', 255).notNullable(); // the LTI context id in the URL
    t.string('label', 255).notNullable();
    t.double('score_maximum').notNullable();
    t.string('resource_id', 255);
    t.string('tag', 255);
    t.string('resource_link_id', 255);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['context_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sandbox_ags_line_items');
}
