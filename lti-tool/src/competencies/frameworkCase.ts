import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CompetencyKind, FrameworkTree, ScaleLevel } from './competency.types';
import type { ImportIssue } from './competencies.errors';
import { DEFAULT_SCALE } from './defaultScale';
import type { DraftNode, FrameworkDraft } from './frameworkDraft';

const nodeRef = z.object({ identifier: z.string().min(1), uri: z.string().optional(), title: z.string().optional() }).loose();
/** The parts of a 1EdTech CASE 1.0 CFPackage Staffroom reads (others are ignored). */
export const casePackageSchema = z
  .object({
    CFDocument: z.object({ identifier: z.string().min(1), title: z.string(), description: z.string().optional() }).loose(),
    CFItems: z.array(z.unknown()).default([]),
    CFAssociations: z.array(z.unknown()).default([]),
    CFRubrics: z.array(z.unknown()).optional(),
  })
  .loose();
const itemSchema = z
  .object({
    identifier: z.string().min(1),
    fullStatement: z.string(),
    humanCodingScheme: z.string().optional(),
    abbreviatedStatement: z.string().optional(),
    notes: z.string().optional(),
    CFItemType: z.string().optional(),
    extensions: z.object({ staffroomLevelDescriptions: z.record(z.string(), z.string()).optional() }).loose().optional(),
  })
  .loose();
const associationSchema = z
  .object({ associationType: z.string(), originNodeURI: nodeRef, destinationNodeURI: nodeRef, sequenceNumber: z.number().optional() })
  .loose();
const levelSchema = z.object({ quality: z.string(), score: z.number(), description: z.string().optional(), position: z.number().optional(), extensions: z.object({ staffroomCountsAsProficient: z.boolean().optional() }).loose().optional() }).loose();
const KINDS: Record<string, CompetencyKind> = { domain: 'domain', competency: 'competency', indicator: 'indicator' };
const BY_DEPTH: CompetencyKind[] = ['domain', 'competency', 'indicator'];

const zodIssues = (row: number | null, prefix: string, e: z.ZodError): ImportIssue[] =>
  e.issues.map((i) => ({ row, field: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message }));

/** Reads a CASE package into a draft plus the problems found (row = CFItems / CFAssociations index + 1). */
export function readCasePackage(input: unknown): { draft: FrameworkDraft; issues: ImportIssue[]; readable: boolean } {
  const empty: FrameworkDraft = { title: '', description: '', scale: [], nodes: [] };
  const pkg = casePackageSchema.safeParse(input);
  if (!pkg.success) return { draft: empty, issues: zodIssues(null, '', pkg.error), readable: false };
  const doc = pkg.data.CFDocument;
  const issues: ImportIssue[] = [];
  const items = new Map<string, z.infer<typeof itemSchema> & { row: number }>();
  pkg.data.CFItems.forEach((raw, i) => {
    const item = itemSchema.safeParse(raw);
    if (!item.success) return void issues.push(...zodIssues(i + 1, `CFItems.${i}`, item.error));
    if (items.has(item.data.identifier)) return void issues.push({ row: i + 1, field: `CFItems.${i}.identifier`, message: `duplicate identifier “${item.data.identifier}”` });
    items.set(item.data.identifier, { ...item.data, row: i + 1 });
  });
  const parentOf = new Map<string, { parent: string | null; seq: number }>();
  pkg.data.CFAssociations.forEach((raw, i) => {
    const a = associationSchema.safeParse(raw);
    if (!a.success) return void issues.push(...zodIssues(i + 1, `CFAssociations.${i}`, a.error));
    if (a.data.associationType !== 'isChildOf') return;
    const child = a.data.originNodeURI.identifier;
    const parent = a.data.destinationNodeURI.identifier;
    const at = (message: string) => issues.push({ row: i + 1, field: `CFAssociations.${i}`, message });
    if (!items.has(child)) return void at(`isChildOf names an unknown item “${child}”`);
    if (parent !== doc.identifier && !items.has(parent)) return void at(`isChildOf names an unknown parent “${parent}”`);
    if (parentOf.has(child)) return void at(`item “${child}” has more than one parent`);
    parentOf.set(child, { parent: parent === doc.identifier ? null : parent, seq: a.data.sequenceNumber ?? i });
  });
  const code = (id: string) => items.get(id)?.humanCodingScheme?.trim() || id;
  const depthOf = (id: string): number => {
    let d = 0;
    const seen = new Set<string>();
    for (let p = parentOf.get(id)?.parent ?? null; p && !seen.has(p); p = parentOf.get(p)?.parent ?? null, d++) seen.add(p);
    return d;
  };
  const nodes: DraftNode[] = [...items.values()]
    .sort((a, b) => (parentOf.get(a.identifier)?.seq ?? a.row) - (parentOf.get(b.identifier)?.seq ?? b.row) || a.row - b.row)
    .map((item) => {
      const parent = parentOf.get(item.identifier)?.parent ?? null;
      const short = item.abbreviatedStatement?.trim();
      const separate = !!short && short !== item.fullStatement;
      const kind = KINDS[item.CFItemType?.trim().toLowerCase() ?? ''] ?? BY_DEPTH[depthOf(item.identifier)] ?? `level ${depthOf(item.identifier) + 1} of the tree`;
      return {
        row: item.row,
        identifier: code(item.identifier),
        parentIdentifier: parent ? code(parent) : null,
        kind,
        title: (short || item.fullStatement).slice(0, 300),
        description: separate ? item.fullStatement : (item.notes ?? ''),
        levelDescriptions: item.extensions?.staffroomLevelDescriptions ?? {},
        caseIdentifier: item.identifier,
      };
    });
  const scale = readScale(pkg.data.CFRubrics, issues);
  return { draft: { title: doc.title, description: doc.description ?? '', scale, nodes, caseIdentifier: doc.identifier }, issues, readable: scale.length > 0 };
}

/** The scale from the package's first rubric criterion's levels (quality = label, score = points); default otherwise. */
function readScale(rubrics: unknown[] | undefined, issues: ImportIssue[]): ScaleLevel[] {
  const criterion = (rubrics?.[0] as { CFRubricCriteria?: Array<{ CFRubricCriterionLevels?: unknown[] }> } | undefined)?.CFRubricCriteria?.[0];
  const levels = criterion?.CFRubricCriterionLevels;
  if (!Array.isArray(levels) || levels.length === 0) return DEFAULT_SCALE.map((l) => ({ ...l }));
  const parsed = z.array(levelSchema).safeParse(levels);
  if (!parsed.success) {
    issues.push(...zodIssues(null, 'CFRubrics.0.CFRubricCriteria.0.CFRubricCriterionLevels', parsed.error));
    return [];
  }
  return [...parsed.data]
    .sort((a, b) => (a.position ?? a.score) - (b.position ?? b.score))
    .map((l, position) => ({ position, label: l.quality, points: l.score, countsAsProficient: l.extensions?.staffroomCountsAsProficient ?? false, description: l.description ?? '' }));
}

/** A framework as a CASE CFPackage: items with humanCodingScheme = identifier, isChildOf associations, the scale as a rubric. */
export function writeCasePackage(f: FrameworkTree, baseUri: string): Record<string, unknown> {
  const docId = f.caseIdentifier ?? f.id;
  const itemId = new Map(f.competencies.map((c) => [c.id, c.caseIdentifier ?? c.id]));
  const uri = (id: string) => `${baseUri}/${id}`;
  const updated = f.updatedAt.toISOString();
  const docRef = { identifier: docId, uri: uri(docId), title: f.title };
  return {
    CFDocument: { identifier: docId, uri: uri(docId), creator: 'Staffroom', title: f.title, description: f.description, lastChangeDateTime: updated, CFPackageURI: docRef },
    CFItems: f.competencies.map((c) => ({
      identifier: itemId.get(c.id),
      uri: uri(itemId.get(c.id)!),
      CFDocumentURI: docRef,
      fullStatement: c.description || c.title,
      abbreviatedStatement: c.title,
      humanCodingScheme: c.identifier,
      CFItemType: c.kind[0]!.toUpperCase() + c.kind.slice(1),
      lastChangeDateTime: updated,
      extensions: { staffroomLevelDescriptions: c.levelDescriptions },
    })),
    CFAssociations: f.competencies.map((c) => {
      const id = itemId.get(c.id)!;
      const parent = c.parentId ? itemId.get(c.parentId)! : docId;
      return {
        identifier: randomUUID(),
        uri: uri(`associations/${id}`),
        associationType: 'isChildOf',
        CFDocumentURI: docRef,
        sequenceNumber: c.position + 1,
        originNodeURI: { identifier: id, uri: uri(id), title: c.title },
        destinationNodeURI: { identifier: parent, uri: uri(parent), title: c.parentId ? '' : f.title },
        lastChangeDateTime: updated,
      };
    }),
    CFRubrics: [
      {
        identifier: `${docId}-scale`,
        uri: uri(`${docId}-scale`),
        title: 'Proficiency scale',
        lastChangeDateTime: updated,
        CFRubricCriteria: [
          {
            identifier: `${docId}-scale-criterion`,
            uri: uri(`${docId}-scale-criterion`),
            category: 'Proficiency',
            description: 'Levels used for every competency of this framework.',
            position: 1,
            lastChangeDateTime: updated,
            CFRubricCriterionLevels: f.scale.map((l) => ({
              identifier: `${docId}-level-${l.position}`,
              uri: uri(`${docId}-level-${l.position}`),
              quality: l.label,
              score: l.points,
              description: l.description,
              position: l.position + 1,
              lastChangeDateTime: updated,
              extensions: { staffroomCountsAsProficient: l.countsAsProficient },
            })),
          },
        ],
      },
    ],
  };
}
