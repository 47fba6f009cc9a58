import type { Knex } from 'knex';

/**
 * Evidence for one person and competency in a cohort: recorded automatically by other features
 * (`source_kind` audition_version | reflection | inquiry_entry, with the source's id) or attached by the
 * person (`own`: text, link or attachment). `reviewed_at` is set when a rating takes it into account.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('competency_evidence', (t) => {
    t.uuid('id').primary();
    t.uuid('cohort_id').notNullable().references('cohorts.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('competency_id').notNullable().references('competencies.id').onDelete('CASCADE');
    t.string('source_kind', 24).notNullable();
    t.string('source_id', 200); // null for own evidence
    t.string('title', 300).notNullable();
    t.text('text').notNullable().defaultTo('');
    t.string('url', 2000);
    t.uuid('attachment_id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('reviewed_at', { useTz: true });
    t.index(['cohort_id', 'user_id', 'competency_id', 'created_at']);
  });
  await knex.raw(
    `CREATE UNIQUE INDEX competency_evidence_one_per_source ON competency_evidence (cohort_id, user_id, competency_id, source_kind, source_id) WHERE source_id IS NOT NULL`,
  );
  await knex.raw(`CREATE INDEX competency_evidence_unreviewed ON competency_evidence (cohort_id, created_at, id) WHERE reviewed_at IS NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('competency_evidence');
}
