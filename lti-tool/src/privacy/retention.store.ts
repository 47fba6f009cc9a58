import type { Knex } from 'knex';

/** Data access of student-material retention. */
export const retentionStore = {
  /**
   * Student-material uploads older than the shortest retention period of any cohort their course takes part in.
   * `purposes` are upload purposes that always hold student material (besides the per-file mark).
   */
  async expired(db: Knex, now: Date, purposes: string[], limit: number): Promise<{ id: string; storage_key: string }[]> {
    return db('attachments as a')
      .select('a.id', 'a.storage_key')
      .where((w) => {
        w.where('a.contains_student_material', true);
        if (purposes.length) w.orWhereIn('a.purpose', purposes);
      })
      .whereExists((c) =>
        c
          .select(db.raw('1'))
          .from('cohort_contexts as cc')
          .join('cohorts as co', 'co.id', 'cc.cohort_id')
          .whereRaw('cc.context_id = a.context_id')
          .whereNotNull('co.student_file_retention_days')
          .whereRaw(`a.created_at < ?::timestamptz - make_interval(days => co.student_file_retention_days)`, [now.toISOString()]),
      )
      .orderBy('a.created_at')
      .limit(limit);
  },
  async deleteRows(db: Knex, ids: string[]): Promise<number> {
    return db('attachments').whereIn('id', ids).delete();
  },
  async markStudentMaterial(db: Knex, q: { attachmentId: string; ownerId: string; value: boolean }): Promise<boolean> {
    return (await db('attachments').where({ id: q.attachmentId, owner_id: q.ownerId }).update({ contains_student_material: q.value })) > 0;
  },
  async retentionDays(db: Knex, cohortId: string): Promise<number | null> {
    const row = await db('cohorts').first('student_file_retention_days').where('id', cohortId);
    return (row?.student_file_retention_days as number | null | undefined) ?? null;
  },
  async setRetentionDays(db: Knex, cohortId: string, days: number | null): Promise<void> {
    await db('cohorts').where('id', cohortId).update({ student_file_retention_days: days, updated_at: new Date() });
  },
};
