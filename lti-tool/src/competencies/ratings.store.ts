import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Mastery, Rating } from './competency.types';

/* eslint-disable @typescript-eslint/no-explicit-any */
const toRating = (r: any): Rating & { raterName: string | null } => ({
  id: r.id,
  seq: Number(r.seq),
  cohortId: r.cohort_id,
  userId: r.user_id,
  competencyId: r.competency_id,
  levelPosition: r.level_position,
  levelLabel: r.level_label,
  points: Number(r.points),
  comment: r.comment,
  evidenceIds: Array.isArray(r.evidence_ids) ? r.evidence_ids : String(r.evidence_ids ?? '{}').slice(1, -1).split(',').filter(Boolean),
  ratedBy: r.rated_by,
  ratedAt: new Date(r.rated_at),
  raterName: r.rater_name ?? null,
});
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Ratings (append-only) and the mastery they add up to. */
export const ratingsStore = {
  /** Appends a rating; returns it. */
  async insert(trx: Knex.Transaction, r: Omit<Rating, 'id' | 'seq' | 'ratedAt'> & { ratedAt?: Date }): Promise<Rating> {
    const [row] = await trx('competency_ratings')
      .insert({
        id: randomUUID(),
        cohort_id: r.cohortId,
        user_id: r.userId,
        competency_id: r.competencyId,
        level_position: r.levelPosition,
        level_label: r.levelLabel,
        points: r.points,
        comment: r.comment,
        evidence_ids: r.evidenceIds,
        rated_by: r.ratedBy,
        ...(r.ratedAt ? { rated_at: r.ratedAt } : {}),
      })
      .returning('*');
    return toRating(row);
  },

  /** Ratings of a person in a cohort (one competency or all), oldest first, with the rater's name. */
  async forPerson(db: Knex, cohortId: string, userId: string, competencyId?: string): Promise<Array<Rating & { raterName: string | null }>> {
    const q = db('competency_ratings as r')
      .leftJoin('users as u', 'u.id', 'r.rated_by')
      .where({ 'r.cohort_id': cohortId, 'r.user_id': userId })
      .orderBy(['r.rated_at', 'r.seq'])
      .select('r.*', 'u.name as rater_name');
    if (competencyId) q.where('r.competency_id', competencyId);
    return (await q).map(toRating);
  },

  /** Every rating of a cohort, as points (for recomputing mastery after a method change). */
  async pointsOfCohort(db: Knex, cohortId: string): Promise<Array<{ userId: string; competencyId: string; points: number; ratedAt: Date; seq: number }>> {
    const rows = await db('competency_ratings').where({ cohort_id: cohortId }).select('user_id', 'competency_id', 'points', 'rated_at', 'seq');
    return rows.map((r) => ({ userId: r.user_id, competencyId: r.competency_id, points: Number(r.points), ratedAt: new Date(r.rated_at), seq: Number(r.seq) }));
  },

  /** Saves computed mastery cells. */
  async saveMastery(trx: Knex, cohortId: string, cells: ReadonlyArray<{ userId: string; competencyId: string; mastery: Mastery; count: number; lastRatedAt: Date }>): Promise<void> {
    const rows = cells.map((c) => ({
      cohort_id: cohortId,
      user_id: c.userId,
      competency_id: c.competencyId,
      points: c.mastery.points,
      level_position: c.mastery.levelPosition,
      proficient: c.mastery.proficient,
      ratings_count: c.count,
      last_rated_at: c.lastRatedAt,
      updated_at: new Date(),
    }));
    for (let i = 0; i < rows.length; i += 1000) {
      await trx('competency_mastery').insert(rows.slice(i, i + 1000)).onConflict(['cohort_id', 'user_id', 'competency_id']).merge(['points', 'level_position', 'proficient', 'ratings_count', 'last_rated_at', 'updated_at']);
    }
  },

  /** Mastery cells of some people in a cohort. */
  async masteryOf(db: Knex, cohortId: string, userIds: readonly string[]): Promise<Array<{ userId: string; competencyId: string; mastery: Mastery }>> {
    if (userIds.length === 0) return [];
    const rows = await db('competency_mastery').where({ cohort_id: cohortId }).whereIn('user_id', userIds).select('user_id', 'competency_id', 'points', 'level_position', 'proficient');
    return rows.map((r) => ({ userId: r.user_id, competencyId: r.competency_id, mastery: { points: Number(r.points), levelPosition: r.level_position, proficient: r.proficient } }));
  },
};

/** The ratings store. */
export type RatingsStore = typeof ratingsStore;
