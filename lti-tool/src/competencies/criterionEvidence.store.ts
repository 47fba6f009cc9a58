import type { Knex } from 'knex';
import { isUuid } from '../cohorts/validate';
import type { Evidence } from './competency.types';

/** How many peer reviews of a version put it at one level of a criterion. */
export interface PeerLevel {
  score: number;
  label: string;
  count: number;
}

/** Evidence that came through a rubric criterion: the criterion and the peer reviews' levels on it. */
export interface CriterionEvidence {
  id: string;
  title: string;
  /** Submitted peer reviews of the version that rated this criterion. */
  ratings: number;
  /** Levels given at least once, highest score first. */
  levels: PeerLevel[];
  /** Who gave which level, only when the viewer may know reviewers (else null). */
  reviewers: { name: string | null; score: number; label: string }[] | null;
}

interface StoredCriterion {
  id: string;
  title: string;
  levels: { score: number; label: string }[];
  competencyIds?: string[];
}

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/**
 * For each `audition_version` evidence item, the criteria of its audition that name the item's competency, with
 * the levels the version's submitted peer reviews gave on each. Two reads for the whole list (versions with their
 * audition's protocol, then the reviews), whatever its length. Reviewer names are kept only where
 * `names(anonymity)` allows them for this viewer; otherwise only counts per level leave this function.
 * Criteria are the audition's current ones: a criterion unlinked later no longer shows on older evidence.
 */
export async function criterionEvidence(db: Knex, cohortId: string, evidence: readonly Evidence[], names: (anonymity: string) => boolean): Promise<Map<string, CriterionEvidence[]>> {
  const out = new Map<string, CriterionEvidence[]>();
  const versionIds = [...new Set(evidence.filter((e) => e.sourceKind === 'audition_version' && isUuid(e.sourceId)).map((e) => e.sourceId!))];
  if (versionIds.length === 0) return out;
  // Scoped to the cohort: a version id of another cohort's audition (impossible by construction) shows nothing.
  const versions = await db('audition_versions as v')
    .join('audition_submissions as s', 's.id', 'v.submission_id')
    .join('auditions as a', 'a.id', 's.audition_id')
    .whereIn('v.id', versionIds)
    .where('a.cohort_id', cohortId)
    .select('v.id', 'a.protocol', 'a.anonymity');
  const byVersion = new Map(versions.map((r) => [r.id as string, { criteria: json<{ criteria: StoredCriterion[] }>(r.protocol).criteria, names: names(r.anonymity as string) }]));
  const linkedVersions = [...byVersion].filter(([, v]) => v.criteria.some((c) => (c.competencyIds ?? []).length > 0)).map(([id]) => id);
  if (linkedVersions.length === 0) return out;
  const reviews = await db('audition_reviews as r')
    .leftJoin('users as u', 'u.id', 'r.reviewer_id')
    .whereIn('r.version_id', linkedVersions)
    .where('r.status', 'submitted')
    .orderBy([{ column: 'r.submitted_at' }, { column: 'r.id' }])
    .select('r.version_id', 'r.answers', 'u.name');
  // Each review's ratings parsed once, grouped by version (not filtered per evidence item and criterion).
  const reviewsByVersion = new Map<string, { name: string | null; ratings: Record<string, number> }[]>();
  for (const r of reviews) {
    const list = reviewsByVersion.get(r.version_id as string) ?? [];
    list.push({ name: (r.name as string | null) ?? null, ratings: json<{ ratings?: Record<string, number> }>(r.answers ?? {}).ratings ?? {} });
    reviewsByVersion.set(r.version_id as string, list);
  }
  for (const e of evidence) {
    const v = e.sourceId ? byVersion.get(e.sourceId) : undefined;
    if (!v) continue;
    const ofVersion = reviewsByVersion.get(e.sourceId!) ?? [];
    const items = v.criteria
      .filter((c) => (c.competencyIds ?? []).includes(e.competencyId))
      .map((c): CriterionEvidence => {
        const given = ofVersion
          .map((r) => ({ name: r.name, score: r.ratings[c.id] }))
          .flatMap((r) => {
            const level = c.levels.find((l) => l.score === r.score);
            return level ? [{ name: r.name, score: level.score, label: level.label }] : [];
          });
        const levels = [...c.levels]
          .sort((x, y) => y.score - x.score)
          .map((l) => ({ score: l.score, label: l.label, count: given.filter((g) => g.score === l.score).length }))
          .filter((l) => l.count > 0);
        return { id: c.id, title: c.title, ratings: given.length, levels, reviewers: v.names ? given : null };
      });
    if (items.length) out.set(e.id, items);
  }
  return out;
}
