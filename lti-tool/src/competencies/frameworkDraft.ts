import { COMPETENCY_KINDS, type CompetencyKind, type ScaleLevel } from './competency.types';
import type { ImportIssue } from './competencies.errors';

/** One node of a framework before it is saved (from an import, a copy or the starter content). */
export interface DraftNode {
  /** Where it came from, for the report: CSV line or CASE item number (null when made in code). */
  row: number | null;
  identifier: string;
  parentIdentifier: string | null;
  kind: string;
  title: string;
  description: string;
  levelDescriptions: Record<string, string>;
  caseIdentifier?: string | null;
}

/** A whole framework before it is saved. Imports are checked as one of these, all or nothing. */
export interface FrameworkDraft {
  title: string;
  description: string;
  scale: ScaleLevel[];
  nodes: DraftNode[];
  caseIdentifier?: string | null;
  /** Where each scale level came from (CSV line), for the report. */
  scaleRows?: number[];
}

/** Most nodes one framework may have. */
export const MAX_NODES = 10_000;
const ALLOWED_PARENT: Record<CompetencyKind, ReadonlyArray<CompetencyKind | null>> = {
  domain: [null],
  competency: ['domain', null],
  indicator: ['competency'],
};

/** Problems with a scale: 2–10 levels, unique labels, points rising with position, at least one proficient. */
export function scaleIssues(scale: readonly ScaleLevel[], rows: readonly number[] = []): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const at = (field: string, message: string, i?: number) => issues.push({ row: i === undefined ? null : (rows[i] ?? null), field, message });
  if (scale.length < 2 || scale.length > 10) at('scale', 'a scale has 2 to 10 levels');
  const labels = new Set<string>();
  scale.forEach((l, i) => {
    if (!l.label.trim() || l.label.length > 100) at(`scale.${i}.label`, 'a level needs a label of at most 100 characters', i);
    if (labels.has(l.label.toLowerCase())) at(`scale.${i}.label`, `the level “${l.label}” appears twice`, i);
    labels.add(l.label.toLowerCase());
    if (!Number.isFinite(l.points) || l.points < 0 || l.points > 100000) at(`scale.${i}.points`, 'points must be a number from 0 to 100000', i);
    else if (i > 0 && !(l.points > scale[i - 1]!.points)) at(`scale.${i}.points`, 'each level must be worth more points than the one before', i);
  });
  if (scale.length > 0 && !scale.some((l) => l.countsAsProficient)) at('scale', 'at least one level must count as proficient');
  return issues;
}

/**
 * Every problem of a draft, each with its row: bad fields, duplicate identifiers, unknown parents, loops,
 * kinds in the wrong place and level descriptions for levels the scale does not have.
 */
export function draftIssues(d: FrameworkDraft): ImportIssue[] {
  const issues: ImportIssue[] = [];
  if (!d.title.trim() || d.title.length > 200) issues.push({ row: null, field: 'title', message: 'a framework needs a title of at most 200 characters' });
  issues.push(...scaleIssues(d.scale, d.scaleRows));
  if (d.nodes.length > MAX_NODES) issues.push({ row: null, field: 'rows', message: `a framework has at most ${MAX_NODES} competencies` });
  const labels = new Set(d.scale.map((l) => l.label));
  const byId = new Map<string, DraftNode>();
  for (const n of d.nodes) {
    const at = (field: string, message: string) => issues.push({ row: n.row, field, message });
    if (!n.identifier.trim() || n.identifier.length > 100) at('identifier', 'an identifier of 1 to 100 characters is required');
    else if (byId.has(n.identifier)) at('identifier', `duplicate identifier “${n.identifier}” (also on row ${byId.get(n.identifier)!.row ?? '?'})`);
    else byId.set(n.identifier, n);
    if (!(COMPETENCY_KINDS as readonly string[]).includes(n.kind)) at('kind', `“${n.kind}” is not one of ${COMPETENCY_KINDS.join(', ')}`);
    if (!n.title.trim() || n.title.length > 300) at('title', 'a title of 1 to 300 characters is required');
    if (n.description.length > 5000) at('description', 'at most 5000 characters');
    for (const [label, text] of Object.entries(n.levelDescriptions)) {
      if (!labels.has(label)) at(`level:${label}`, `unknown scale level “${label}”`);
      else if (text.length > 2000) at(`level:${label}`, 'at most 2000 characters');
    }
  }
  for (const n of d.nodes) {
    if (n.parentIdentifier === null) {
      if (!ALLOWED_PARENT[n.kind as CompetencyKind]?.includes(null) && ALLOWED_PARENT[n.kind as CompetencyKind]) issues.push({ row: n.row, field: 'parent_identifier', message: `an ${n.kind} needs a parent` });
      continue;
    }
    const parent = byId.get(n.parentIdentifier);
    if (!parent) {
      issues.push({ row: n.row, field: 'parent_identifier', message: `no competency has the identifier “${n.parentIdentifier}”` });
      continue;
    }
    const allowed = ALLOWED_PARENT[n.kind as CompetencyKind];
    if (allowed && !allowed.includes(parent.kind as CompetencyKind)) issues.push({ row: n.row, field: 'parent_identifier', message: `a ${n.kind} cannot sit under a ${parent.kind}` });
  }
  issues.push(...loopIssues(d.nodes, byId));
  return issues;
}

/** One issue per loop in the parent chain (A → B → A), reported on the first node met. */
function loopIssues(nodes: readonly DraftNode[], byId: ReadonlyMap<string, DraftNode>): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const settled = new Set<string>();
  for (const start of nodes) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let current: DraftNode | undefined = start;
    while (current && !settled.has(current.identifier)) {
      if (onPath.has(current.identifier)) {
        const loop = [...path.slice(path.indexOf(current.identifier)), current.identifier];
        issues.push({ row: current.row, field: 'parent_identifier', message: `loop in the tree: ${loop.join(' → ')}` });
        break;
      }
      onPath.add(current.identifier);
      path.push(current.identifier);
      current = current.parentIdentifier ? byId.get(current.parentIdentifier) : undefined;
    }
    for (const id of path) settled.add(id);
  }
  return issues;
}

/** Nodes ordered parents first (so inserts satisfy the parent key), keeping file order among siblings. */
export function parentsFirst(nodes: readonly DraftNode[]): DraftNode[] {
  const byId = new Map(nodes.map((n) => [n.identifier, n]));
  const depth = (n: DraftNode): number => {
    let d = 0;
    for (let p = n.parentIdentifier; p; p = byId.get(p)?.parentIdentifier ?? null) d++;
    return d;
  };
  return nodes.map((n, i) => ({ n, i, d: depth(n) })).sort((a, b) => a.d - b.d || a.i - b.i).map((x) => x.n);
}
