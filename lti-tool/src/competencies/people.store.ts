import type { Knex } from 'knex';

/** A cohort member as the competency views show them. */
export interface PersonRow {
  userId: string;
  name: string | null;
  school: string | null;
  role: string;
}

/** Who is in a course (members of a cohort are active memberships of its courses). */
export const peopleStore = {
  /** The person's active membership in the course, or null. */
  async member(db: Knex, contextId: string, userId: string): Promise<PersonRow | null> {
    const row = await db('memberships as m')
      .join('users as u', 'u.id', 'm.user_id')
      .where({ 'm.context_id': contextId, 'm.user_id': userId, 'm.status': 'active' })
      .first('m.user_id', 'u.name', 'm.school', 'm.role');
    return row ? { userId: row.user_id, name: row.name, school: row.school, role: row.role } : null;
  },

  /**
   * A page of the course's active members ordered by name, after the keyset (name key, id), each with their
   * stored leaf mastery cells in the cohort as one text ("competencyId level points proficient,…", null when
   * none), read from competency_mastery_rows: one short row per person, for the heatmap (see levelRollUp).
   */
  async pageWithMasteryRows(
    db: Knex,
    cohortId: string,
    contextId: string,
    o: { school?: string; limit: number; after: { key: string; id: string } | null },
  ): Promise<Array<PersonRow & { key: string; cells: string | null }>> {
    const q = db('memberships as m')
      .join('users as u', 'u.id', 'm.user_id')
      .leftJoin('competency_mastery_rows as r', (j) => j.on('r.user_id', 'm.user_id').andOnVal('r.cohort_id', cohortId))
      .where({ 'm.context_id': contextId, 'm.status': 'active' })
      .select('m.user_id', 'u.name', 'm.school', 'm.role', db.raw(`lower(coalesce(u.name, '')) as key`), 'r.cells')
      .orderByRaw(`lower(coalesce(u.name, '')), m.user_id`)
      .limit(o.limit);
    if (o.school) q.where('m.school', o.school);
    if (o.after) q.whereRaw(`(lower(coalesce(u.name, '')), m.user_id) > (?, ?::uuid)`, [o.after.key, o.after.id]);
    return (await q).map((r) => ({ userId: r.user_id, name: r.name, school: r.school, role: r.role, key: r.key, cells: r.cells ?? null }));
  },

  /** PD minutes the person earned in the cohort's modules. */
  async pdMinutes(db: Knex, cohortId: string, userId: string): Promise<number> {
    const row = await db('module_completions').where({ cohort_id: cohortId, user_id: userId }).sum('pd_minutes as total').first();
    return Number(row?.total ?? 0);
  },
};
