import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { FrameworkTree, ScaleLevel } from './competency.types';
import type { ImportIssue } from './competencies.errors';
import { DEFAULT_SCALE } from './defaultScale';
import type { DraftNode, FrameworkDraft } from './frameworkDraft';

/** The fixed CSV columns (docs/api/competencies.md); `level:<Label>` columns may follow. */
export const CSV_COLUMNS = ['kind', 'identifier', 'parent_identifier', 'title', 'description', 'points', 'counts_as_proficient'] as const;
const LEVEL_PREFIX = 'level:';
const YES = new Set(['yes', 'true', '1', 'y']);
const NO = new Set(['no', 'false', '0', 'n', '']);

/** Reads a framework CSV into a draft plus the problems found in the file's shape (row = file line). */
export function readFrameworkCsv(text: string, meta: { title: string; description: string }): { draft: FrameworkDraft; issues: ImportIssue[]; readable: boolean } {
  const issues: ImportIssue[] = [];
  const draft: FrameworkDraft = { title: meta.title, description: meta.description, scale: [], nodes: [] };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { info: true, relax_column_count: true, skip_empty_lines: true, bom: true }) as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? null;
    return { draft, readable: false, issues: [{ row: line, field: 'file', message: `not readable as CSV: ${(e as Error).message}` }] };
  }
  if (records.length === 0) return { draft, readable: false, issues: [{ row: 1, field: 'file', message: 'the file is empty: it needs the header row' }] };
  const header = records[0]!.record.map((h) => h.trim());
  for (const c of CSV_COLUMNS) if (!header.includes(c)) issues.push({ row: 1, field: c, message: `missing column “${c}”` });
  header.forEach((h, i) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(h) && !h.startsWith(LEVEL_PREFIX)) issues.push({ row: 1, field: h || `column ${i + 1}`, message: 'unknown column' });
  });
  if (issues.length) return { draft, issues, readable: false };
  const col = (r: string[], name: string) => (r[header.indexOf(name)] ?? '').trim();
  const levelColumns = header.filter((h) => h.startsWith(LEVEL_PREFIX));
  for (const { record, info } of records.slice(1)) {
    const row = info.lines;
    if (record.length !== header.length) {
      issues.push({ row, field: 'row', message: `has ${record.length} cells; the header has ${header.length}` });
      continue;
    }
    const kind = col(record, 'kind');
    if (kind === 'scale_level') {
      const points = Number(col(record, 'points'));
      const flag = col(record, 'counts_as_proficient').toLowerCase();
      const before = issues.length;
      if (col(record, 'points') === '' || !Number.isFinite(points)) issues.push({ row, field: 'points', message: 'a scale level needs its points as a number' });
      if (!YES.has(flag) && !NO.has(flag)) issues.push({ row, field: 'counts_as_proficient', message: 'use yes or no' });
      if (issues.length > before) continue;
      draft.scale.push({ position: draft.scale.length, label: col(record, 'title'), points, countsAsProficient: YES.has(flag), description: col(record, 'description') });
      (draft.scaleRows ??= []).push(row);
      continue;
    }
    const levelDescriptions: Record<string, string> = {};
    for (const h of levelColumns) {
      const value = col(record, h);
      if (value) levelDescriptions[h.slice(LEVEL_PREFIX.length)] = value;
    }
    const node: DraftNode = { row, kind, identifier: col(record, 'identifier'), parentIdentifier: col(record, 'parent_identifier') || null, title: col(record, 'title'), description: col(record, 'description'), levelDescriptions };
    draft.nodes.push(node);
  }
  const scaleRowsSeen = records.some(({ record }) => (record[header.indexOf('kind')] ?? '').trim() === 'scale_level');
  if (!scaleRowsSeen) draft.scale = DEFAULT_SCALE.map((l) => ({ ...l }));
  return { draft, issues, readable: true };
}

/** Writes a framework as CSV: its scale levels first, then its nodes parents first, one `level:` column per level. */
export function writeFrameworkCsv(f: Pick<FrameworkTree, 'scale' | 'competencies'>): string {
  const levelHeaders = f.scale.map((l) => `${LEVEL_PREFIX}${l.label}`);
  const identifiers = new Map(f.competencies.map((c) => [c.id, c.identifier]));
  const rows: string[][] = [[...CSV_COLUMNS, ...levelHeaders]];
  for (const l of f.scale) rows.push(['scale_level', '', '', l.label, l.description, String(l.points), l.countsAsProficient ? 'yes' : 'no', ...f.scale.map(() => '')]);
  for (const c of f.competencies) {
    rows.push([c.kind, c.identifier, c.parentId ? identifiers.get(c.parentId)! : '', c.title, c.description, '', '', ...f.scale.map((l) => c.levelDescriptions[l.label] ?? '')]);
  }
  return stringify(rows);
}

/** The downloadable template: the default scale and one example of each kind. */
export function csvTemplate(): string {
  const scale: ScaleLevel[] = DEFAULT_SCALE.map((l) => ({ ...l }));
  const c = (id: string, parentId: string | null, kind: 'domain' | 'competency' | 'indicator', identifier: string, title: string, description: string, levelDescriptions: Record<string, string> = {}) =>
    ({ id, frameworkId: '', parentId, kind, identifier, title, description, position: 0, levelDescriptions, caseIdentifier: null });
  return writeFrameworkCsv({
    scale,
    competencies: [
      c('d', null, 'domain', 'COL', 'Collaboration', 'Working with colleagues to improve learning.'),
      c('c', 'd', 'competency', 'COL.1', 'Plans lessons with colleagues', 'Co-plans and shares materials.', { Proficient: 'Co-plans a unit each term.' }),
      c('i', 'c', 'indicator', 'COL.1.a', 'Shares a plan for feedback', 'Posts a plan and asks a focused question.'),
    ],
  });
}
