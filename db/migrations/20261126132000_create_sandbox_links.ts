import type { Knex } from 'knex';

/** Links the sandbox platform created from deep-linking responses (development and tests only). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sandbox_links', (t) => {
    t.uuid('id').primary(); // also the resource_link id the sandbox sends when the link is launched
    t.string('title', 255).notNullable();
    t.text('text');
    t.jsonb('custom').notNullable(); // the content item's custom parameters, sent back on every launch
    t.jsonb('line_item'); // the content item's lineItem, when the tool asked for a gradebook column
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sandbox_links');
}
