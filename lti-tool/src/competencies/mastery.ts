import type { Mastery, MasteryMethod, RollupRule, ScaleLevel } from './competency.types';

/** What mastery is computed from: a rating's points and when (and in which order) it was made. */
export interface RatingPoint {
  points: number;
  ratedAt: Date;
  /** Insertion order: breaks ties between ratings made in the same instant (the later one is more recent). */
  seq: number;
}

/** A cohort's method settings. */
export interface MethodSettings {
  method: MasteryMethod;
  /** average_last_n: how many of the most recent ratings. */
  n: number;
  /** decaying_average: weight (0–1) of the most recent rating; the average of the earlier ones gets the rest. */
  weight: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Ratings oldest first: by when they were made, then by insertion order. */
export function chronological<T extends RatingPoint>(ratings: readonly T[]): T[] {
  return [...ratings].sort((a, b) => a.ratedAt.getTime() - b.ratedAt.getTime() || a.seq - b.seq);
}

/**
 * The mastery score of a list of ratings (null when there are none), rounded to 2 decimals:
 * most_recent = the latest; highest = the maximum; average_last_n = mean of the latest n;
 * decaying_average = latest × weight + mean of all earlier × (1 − weight) (one rating: itself).
 */
export function masteryScore(ratings: readonly RatingPoint[], s: MethodSettings): number | null {
  if (ratings.length === 0) return null;
  const points = chronological(ratings).map((r) => r.points);
  const latest = points[points.length - 1]!;
  switch (s.method) {
    case 'most_recent':
      return round2(latest);
    case 'highest':
      return round2(Math.max(...points));
    case 'average_last_n': {
      const last = points.slice(-Math.max(1, s.n));
      return round2(last.reduce((a, b) => a + b, 0) / last.length);
    }
    case 'decaying_average': {
      if (points.length === 1) return round2(latest);
      const earlier = points.slice(0, -1);
      return round2(latest * s.weight + (earlier.reduce((a, b) => a + b, 0) / earlier.length) * (1 - s.weight));
    }
    default:
      return exhaustive(s.method);
  }
}

/** The scale level a score reaches: the highest level whose points it meets (the lowest level below all). */
export function levelFor(score: number, scale: readonly ScaleLevel[]): ScaleLevel {
  const byPoints = [...scale].sort((a, b) => a.points - b.points || a.position - b.position);
  let reached = byPoints[0]!;
  for (const level of byPoints) if (score >= level.points) reached = level;
  return reached;
}

/** Mastery from ratings: score, the level it reaches and whether that level counts as proficient. */
export function masteryOf(ratings: readonly RatingPoint[], s: MethodSettings, scale: readonly ScaleLevel[]): Mastery | null {
  const score = masteryScore(ratings, s);
  if (score === null) return null;
  const level = levelFor(score, scale);
  return { points: score, levelPosition: level.position, proficient: level.countsAsProficient };
}

/**
 * A parent's mastery from its children's (null for an unrated child).
 * all_proficient: rated only when every child is; proficient when every child is; points = the lowest child's.
 * average_points: the mean points of the rated children, mapped onto the scale (null when none is rated).
 */
export function rollUp(children: ReadonlyArray<Mastery | null>, rule: RollupRule, scale: readonly ScaleLevel[]): Mastery | null {
  if (children.length === 0) return null;
  if (rule === 'all_proficient') {
    if (children.some((c) => c === null)) return null;
    const rated = children as Mastery[];
    const lowest = rated.reduce((a, b) => (b.points < a.points ? b : a));
    return { points: lowest.points, levelPosition: lowest.levelPosition, proficient: rated.every((c) => c.proficient) };
  }
  const rated = children.filter((c): c is Mastery => c !== null);
  if (rated.length === 0) return null;
  const score = round2(rated.reduce((a, c) => a + c.points, 0) / rated.length);
  const level = levelFor(score, scale);
  return { points: score, levelPosition: level.position, proficient: level.countsAsProficient };
}

/**
 * Prepares the roll-up of a tree once (children lists, deepest first) and returns a function giving the mastery
 * of every node from the leaves' mastery (by id): leaves as given, parents rolled up from their children.
 */
export function treeRollUp(nodes: ReadonlyArray<{ id: string; parentId: string | null }>, rule: RollupRule, scale: readonly ScaleLevel[]) {
  const children = new Map<string, string[]>();
  for (const n of nodes) if (n.parentId) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  // Children before parents: reverse of a parents-first order computed by depth.
  const depth = new Map<string, number>();
  const parentOf = new Map(nodes.map((n) => [n.id, n.parentId]));
  const depthOf = (id: string): number => {
    if (depth.has(id)) return depth.get(id)!;
    const p = parentOf.get(id);
    const d = p ? depthOf(p) + 1 : 0;
    depth.set(id, d);
    return d;
  };
  const bottomUp = nodes.map((n) => n.id).sort((a, b) => depthOf(b) - depthOf(a));
  return (leaf: ReadonlyMap<string, Mastery>): Map<string, Mastery | null> => {
    const result = new Map<string, Mastery | null>();
    for (const id of bottomUp) {
      const kids = children.get(id);
      result.set(id, kids ? rollUp(kids.map((k) => result.get(k) ?? null), rule, scale) : (leaf.get(id) ?? null));
    }
    return result;
  };
}

/** Mastery of every node of a tree (see treeRollUp), for one person. */
export function treeMastery(
  nodes: ReadonlyArray<{ id: string; parentId: string | null }>,
  leaf: ReadonlyMap<string, Mastery>,
  rule: RollupRule,
  scale: readonly ScaleLevel[],
): Map<string, Mastery | null> {
  return treeRollUp(nodes, rule, scale)(leaf);
}

function exhaustive(x: never): never {
  throw new Error(`unknown mastery method ${String(x)}`);
}
