import type { Knex } from 'knex';

/**
 * Which feature records use an attachment (e.g. `audition-version:<uuid>`). While a row exists here the owner
 * cannot delete the attachment and the cleanup of abandoned uploads leaves it alone (both lock the attachment
 * row first, so a reference added at the same moment either wins or fails its foreign key). The cascade only
 * serves tenant removal (platform → attachment).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('attachment_references', (t) => {
    t.uuid('attachment_id').notNullable().references('attachments.id').onDelete('CASCADE');
    t.string('referrer', 200).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['attachment_id', 'referrer']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('attachment_references');
}
