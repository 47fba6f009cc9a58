import type { Knex } from 'knex';
import { cohortCompetenciesStore } from '../competencies/cohortCompetencies.store';
import type { Mastery } from '../competencies/competency.types';
import { masteryOf, treeRollUp, type RatingPoint } from '../competencies/mastery';
import { PEOPLE, type ReportScope } from './reports.store';

/** Growth on one competency of the cohort between the start and the end of the range. */
export interface CompetencyGrowth {
  id: string;
  parentId: string | null;
  kind: string;
  identifier: string;
  title: string;
  /** People with a mastery level at the start of the range / at its end. */
  ratedAtFrom: number;
  ratedAtTo: number;
  /** Rated at both dates, and the level at the end is higher (lower) than at the start. */
  movedUp: number;
  movedDown: number;
  /** Not rated at the start, rated at the end. */
  newlyRated: number;
  /** The heatmap's distribution: people per scale level (index = level position) at the start and at the end. */
  levelsAtFrom: number[];
  levelsAtTo: number[];
}

/** The competency growth report's body (no framework linked: both lists empty). */
export interface GrowthData {
  frameworkLinked: boolean;
  scale: Array<{ position: number; label: string }>;
  competencies: CompetencyGrowth[];
}

const bump = (counts: number[], i: number) => void (counts[i] = (counts[i] ?? 0) + 1);

/** One person's rating history on one competency: points oldest first, and how many were made before the range. */
interface History {
  competencyId: string;
  points: number[];
  before: number;
}

/**
 * One round trip, one row per person and competency (not per rating): the points of every rating made before the
 * end of the range, oldest first, and how many of them came before its start.
 */
async function historiesByPerson(db: Knex, s: ReportScope): Promise<Map<string, History[]>> {
  const { rows } = await db.raw(
    `WITH ${PEOPLE}
     SELECT r.user_id, r.competency_id, string_agg(r.points::text, ',' ORDER BY r.rated_at, r.seq) AS points,
            count(*) FILTER (WHERE r.rated_at < ?)::int AS before
       FROM competency_ratings r JOIN people p ON p.user_id = r.user_id
      WHERE r.cohort_id = ? AND r.rated_at < ?
      GROUP BY r.user_id, r.competency_id`,
    [s.contextIds, s.from, s.cohortId, s.to],
  );
  const byPerson = new Map<string, History[]>();
  for (const r of rows as Array<Record<string, unknown>>) {
    const list = byPerson.get(String(r.user_id)) ?? [];
    list.push({ competencyId: String(r.competency_id), points: String(r.points).split(',').map(Number), before: Number(r.before) });
    byPerson.set(String(r.user_id), list);
  }
  return byPerson;
}

// masteryOf orders ratings by time, then insertion: already in order, so the position stands in for both.
const asRatings = (points: number[]): RatingPoint[] => points.map((p, i) => ({ points: p, ratedAt: new Date(i), seq: i }));

/**
 * Competency growth: mastery at the start of the range (ratings made before it) and at its end, computed with the
 * cohort's method and roll-up rule exactly as the profile does (competencies/mastery.ts), from the rating history.
 */
export async function loadGrowth(db: Knex, s: ReportScope): Promise<GrowthData> {
  const f = await cohortCompetenciesStore.cohortFramework(db, s.cohortId);
  if (!f) return { frameworkLinked: false, scale: [], competencies: [] };
  const method = { method: f.settings.masteryMethod, n: f.settings.methodN, weight: f.settings.methodWeight };
  const levels = Math.max(0, ...f.scale.map((l) => l.position + 1));
  const rollUp = treeRollUp(f.nodes, f.settings.rollupRule, f.scale);
  const rows = f.nodes.map((n) => ({
    id: n.id, parentId: n.parentId, kind: n.kind, identifier: n.identifier, title: n.title,
    ratedAtFrom: 0, ratedAtTo: 0, movedUp: 0, movedDown: 0, newlyRated: 0,
    levelsAtFrom: new Array<number>(levels).fill(0), levelsAtTo: new Array<number>(levels).fill(0),
  }));
  const leavesAt = (histories: History[], atStart: boolean): Map<string, Mastery> => {
    const out = new Map<string, Mastery>();
    for (const h of histories) {
      const m = masteryOf(asRatings(atStart ? h.points.slice(0, h.before) : h.points), method, f.scale);
      if (m) out.set(h.competencyId, m);
    }
    return out;
  };
  for (const histories of (await historiesByPerson(db, s)).values()) {
    const start = rollUp(leavesAt(histories, true));
    const end = rollUp(leavesAt(histories, false));
    f.nodes.forEach((n, i) => {
      const row = rows[i]!;
      const a = start.get(n.id) ?? null;
      const b = end.get(n.id) ?? null;
      if (a) {
        row.ratedAtFrom += 1;
        bump(row.levelsAtFrom, a.levelPosition);
      }
      if (b) {
        row.ratedAtTo += 1;
        bump(row.levelsAtTo, b.levelPosition);
      }
      if (a && b && b.levelPosition > a.levelPosition) row.movedUp += 1;
      if (a && b && b.levelPosition < a.levelPosition) row.movedDown += 1;
      if (!a && b) row.newlyRated += 1;
    });
  }
  return { frameworkLinked: true, scale: f.scale.map((l) => ({ position: l.position, label: l.label })), competencies: rows };
}
