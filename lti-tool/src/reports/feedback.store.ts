import type { Knex } from 'knex';
import { PEOPLE, type ReportScope } from './reports.store';

/** How many people gave this many submitted reviews. */
export interface ReviewsGivenBucket {
  reviews: number;
  people: number;
}

/** Feedback health of one audition, or of all of a cohort's auditions together. */
export interface FeedbackHealth {
  /** Versions submitted within the range (a resubmission counts again). */
  submissions: number;
  /** Distinct people who submitted a version within the range. */
  submitters: number;
  /** Reviews submitted within the range. */
  reviewsSubmitted: number;
  /** Reviewers (the audition's pool: everyone who submitted) by how many reviews they submitted within the range. */
  reviewsGiven: ReviewsGivenBucket[];
  /** Versions submitted within the range: how long until their first submitted review. */
  firstFeedback: { reviewed: number; awaiting: number; medianHours: number | null; p90Hours: number | null };
  /** Authors' ratings of reviews (made within the range): counts of answers 1..4 (index 0 = answer 1). */
  ratings: { count: number; specific: number[]; supportive: number[] };
}

/** One audition's feedback health. */
export interface AuditionFeedback extends FeedbackHealth {
  auditionId: string;
  title: string;
}

const empty = (): FeedbackHealth => ({
  submissions: 0,
  submitters: 0,
  reviewsSubmitted: 0,
  reviewsGiven: [],
  firstFeedback: { reviewed: 0, awaiting: 0, medianHours: null, p90Hours: null },
  ratings: { count: 0, specific: [0, 0, 0, 0], supportive: [0, 0, 0, 0] },
});
const hours = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
type Row = Record<string, unknown>;
// Rows grouped per audition, plus the cohort total on the row whose audition_id is null (GROUPING SETS).
const key = (r: Row) => (r.audition_id === null ? '' : String(r.audition_id));

/**
 * Read-only feedback-health queries over the audition tables. Only counts leave the store: who reviewed whom is
 * never part of a report (leads see reviewer names where the audition's anonymity allows, not here). Each query
 * filters by the cohort's audition ids first, so the audition_id indexes do the narrowing.
 */
export function createFeedbackStore(db: Knex) {
  async function submissions(s: ReportScope, ids: string[]): Promise<Row[]> {
    const { rows } = await db.raw(
      `WITH ${PEOPLE},
       versions AS (SELECT s.audition_id, s.author_id, v.id, v.created_at FROM audition_submissions s
                      JOIN audition_versions v ON v.submission_id = s.id JOIN people p ON p.user_id = s.author_id
                     WHERE s.audition_id = ANY(?::uuid[]) AND v.created_at >= ? AND v.created_at < ?),
       first_review AS (SELECT v.audition_id, v.id, v.author_id, v.created_at, min(r.submitted_at) AS first_at
                          FROM versions v LEFT JOIN audition_reviews r ON r.version_id = v.id AND r.status = 'submitted'
                         GROUP BY v.audition_id, v.id, v.author_id, v.created_at)
       SELECT audition_id, count(*)::int AS submissions, count(DISTINCT author_id)::int AS submitters,
              count(first_at)::int AS reviewed,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_at - created_at) / 3600) AS median_hours,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_at - created_at) / 3600) AS p90_hours
         FROM first_review GROUP BY GROUPING SETS ((audition_id), ())`,
      [s.contextIds, ids, s.from, s.to],
    );
    return rows;
  }

  /** Per audition, each pool member in scope and the reviews they submitted within the range (0 included). */
  async function reviewsPerPerson(s: ReportScope, ids: string[]): Promise<Array<{ auditionId: string; userId: string; n: number }>> {
    const { rows } = await db.raw(
      `WITH ${PEOPLE},
       done AS (SELECT r.audition_id, r.reviewer_id, count(*)::int AS n FROM audition_reviews r
                 WHERE r.audition_id = ANY(?::uuid[]) AND r.status = 'submitted' AND r.submitted_at >= ? AND r.submitted_at < ?
                 GROUP BY r.audition_id, r.reviewer_id)
       SELECT ar.audition_id, ar.user_id, coalesce(d.n, 0) AS n
         FROM audition_reviewers ar JOIN people p ON p.user_id = ar.user_id
         LEFT JOIN done d ON d.audition_id = ar.audition_id AND d.reviewer_id = ar.user_id
        WHERE ar.audition_id = ANY(?::uuid[])`,
      [s.contextIds, ids, s.from, s.to, ids],
    );
    return (rows as Row[]).map((r) => ({ auditionId: String(r.audition_id), userId: String(r.user_id), n: Number(r.n) }));
  }

  async function ratings(s: ReportScope, ids: string[]): Promise<Row[]> {
    const { rows } = await db.raw(
      `WITH ${PEOPLE},
       rated AS (SELECT r.audition_id, rt.specific, rt.supportive FROM audition_reviews r
                   JOIN audition_review_ratings rt ON rt.review_id = r.id JOIN people p ON p.user_id = r.reviewer_id
                  WHERE r.audition_id = ANY(?::uuid[]) AND r.status = 'submitted' AND rt.created_at >= ? AND rt.created_at < ?)
       SELECT audition_id, count(*)::int AS count,
              ${[1, 2, 3, 4].map((n) => `count(*) FILTER (WHERE specific = ${n})::int AS specific_${n}, count(*) FILTER (WHERE supportive = ${n})::int AS supportive_${n}`).join(',\n')}
         FROM rated GROUP BY GROUPING SETS ((audition_id), ())`,
      [s.contextIds, ids, s.from, s.to],
    );
    return rows;
  }

  return {
    /** Feedback health of the cohort (all auditions together) and of each audition, oldest audition first. */
    async health(s: ReportScope): Promise<{ overall: FeedbackHealth; auditions: AuditionFeedback[] }> {
      const auditions = (await db('auditions').where({ cohort_id: s.cohortId }).orderBy(['created_at', 'id']).select('id', 'title')) as Array<{ id: string; title: string }>;
      const out = new Map<string, FeedbackHealth>([['', empty()], ...auditions.map((a) => [a.id, empty()] as [string, FeedbackHealth])]);
      const ids = auditions.map((a) => a.id);
      if (ids.length > 0 && s.contextIds.length > 0) {
        for (const r of await submissions(s, ids)) {
          const h = out.get(key(r));
          if (!h) continue;
          h.submissions = Number(r.submissions);
          h.submitters = Number(r.submitters);
          h.firstFeedback = { reviewed: Number(r.reviewed), awaiting: Number(r.submissions) - Number(r.reviewed), medianHours: hours(r.median_hours), p90Hours: hours(r.p90_hours) };
        }
        countReviews(out, await reviewsPerPerson(s, ids));
        for (const r of await ratings(s, ids)) {
          const h = out.get(key(r));
          if (h) h.ratings = { count: Number(r.count), specific: [1, 2, 3, 4].map((n) => Number(r[`specific_${n}`])), supportive: [1, 2, 3, 4].map((n) => Number(r[`supportive_${n}`])) };
        }
      }
      return { overall: out.get('')!, auditions: auditions.map((a) => ({ auditionId: a.id, title: a.title, ...out.get(a.id)! })) };
    },
  };
}

/** Reviews submitted and the reviews-given distributions, per audition and overall (each person's sum over auditions). */
function countReviews(out: Map<string, FeedbackHealth>, rows: Array<{ auditionId: string; userId: string; n: number }>): void {
  const perAudition = new Map<string, Map<number, number>>();
  const perPerson = new Map<string, number>();
  const bump = (m: Map<number, number>, n: number) => m.set(n, (m.get(n) ?? 0) + 1);
  for (const r of rows) {
    const h = out.get(r.auditionId);
    if (!h) continue;
    h.reviewsSubmitted += r.n;
    out.get('')!.reviewsSubmitted += r.n;
    bump(perAudition.get(r.auditionId) ?? perAudition.set(r.auditionId, new Map()).get(r.auditionId)!, r.n);
    perPerson.set(r.userId, (perPerson.get(r.userId) ?? 0) + r.n);
  }
  const overall = new Map<number, number>();
  for (const n of perPerson.values()) bump(overall, n);
  const buckets = (m: Map<number, number>) => [...m].sort((a, b) => a[0] - b[0]).map(([reviews, people]) => ({ reviews, people }));
  for (const [id, m] of perAudition) out.get(id)!.reviewsGiven = buckets(m);
  out.get('')!.reviewsGiven = buckets(overall);
}

/** Feedback-health queries. */
export type FeedbackStore = ReturnType<typeof createFeedbackStore>;
