import type { Knex } from 'knex';

/** Versions of a module: at most one draft, the published one, and superseded ones (kept for completions). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('module_versions', (t) => {
    t.uuid('id').primary();
    t.uuid('module_id').notNullable().references('modules.id').onDelete('CASCADE');
    t.integer('number').notNullable();
    t.string('status', 16).notNullable(); // draft | published | superseded
    // The version's own copy of the module fields, so editing a draft changes nothing people see.
    t.string('title', 200).notNullable();
    t.text('summary').notNullable().defaultTo('');
    t.integer('pd_minutes').notNullable().defaultTo(0);
    t.string('unlock_rule', 16).notNullable().defaultTo('open');
    t.timestamp('published_at', { useTz: true });
    t.uuid('published_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['module_id', 'number']);
  });
  await knex.raw(`CREATE UNIQUE INDEX module_versions_one_draft ON module_versions (module_id) WHERE status = 'draft'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('module_versions');
}
