import { z } from 'zod';
import { COMPETENCY_KINDS, EVIDENCE_SOURCES, MASTERY_METHODS, ROLLUP_RULES } from './competency.types';

const text = (max: number) => z.string().trim().max(max);
const uuid = z.uuid();

/** One scale level as the API takes it (position is its index). */
export const scaleLevelBody = z.object({
  label: text(100).min(1),
  points: z.number().finite().min(0).max(100000),
  countsAsProficient: z.boolean(),
  description: text(1000).default(''),
});

/** POST /api/competency-frameworks */
export const createFrameworkBody = z.object({
  title: text(200).min(1),
  description: text(5000).default(''),
  scale: z.array(scaleLevelBody).min(2).max(10).optional(),
});

/** PATCH /api/competency-frameworks/:id */
export const updateFrameworkBody = z
  .object({ title: text(200).min(1).optional(), description: text(5000).optional(), scale: z.array(scaleLevelBody).min(2).max(10).optional() })
  .refine((b) => Object.keys(b).length > 0, 'give at least one of title, description, scale');

/** POST /api/competency-frameworks/:id/copy */
export const copyFrameworkBody = z.object({ title: text(200).min(1).optional() });

const levelDescriptions = z.record(z.string().max(100), text(2000));

/** POST /api/competency-frameworks/:id/competencies */
export const createCompetencyBody = z.object({
  parentId: uuid.nullable().default(null),
  kind: z.enum(COMPETENCY_KINDS),
  identifier: text(100).min(1),
  title: text(300).min(1),
  description: text(5000).default(''),
  levelDescriptions: levelDescriptions.default({}),
});

/** PATCH /api/competency-frameworks/:id/competencies/:competencyId */
export const updateCompetencyBody = z
  .object({ identifier: text(100).min(1).optional(), title: text(300).min(1).optional(), description: text(5000).optional(), levelDescriptions: levelDescriptions.optional() })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change');

/** Query of the CSV import (the CSV itself is the body). */
export const csvImportQuery = z.object({ title: text(200).min(1).default('Imported framework'), description: text(5000).default('') });

/** PUT /api/cohorts/:id/competencies */
export const cohortCompetenciesBody = z.object({
  frameworkId: uuid,
  masteryMethod: z.enum(MASTERY_METHODS).default('most_recent'),
  methodN: z.number().int().min(1).max(20).default(3),
  methodWeight: z.number().min(0.01).max(0.99).default(0.65),
  rollupRule: z.enum(ROLLUP_RULES).default('all_proficient'),
  credentialTitle: text(200).min(1).nullable().default(null),
  /** Which competencies the cohort works on; all of the framework's when omitted. */
  competencies: z
    .array(z.object({ competencyId: uuid, reportsToGradebook: z.boolean().default(false), inCredential: z.boolean().default(false) }))
    .max(10000)
    .optional(),
});

/** PUT /api/cohorts/:id/competencies/:competencyId/links */
export const linkBody = z.object({ targetKind: z.enum(['module_step', 'audition_criterion']), targetId: text(200).min(1) });

/** POST /api/cohorts/:id/competencies/:competencyId/evidence */
export const ownEvidenceBody = z
  .object({
    title: text(300).min(1),
    text: text(20000).default(''),
    url: z.url({ protocol: /^https?$/ }).max(2000).nullable().default(null),
    attachmentId: uuid.nullable().default(null),
  })
  .refine((b) => b.text !== '' || b.url !== null || b.attachmentId !== null, { message: 'give text, a link or an attachment', path: ['text'] });

/** POST /api/cohorts/:id/competencies/:competencyId/review-requests */
export const reviewRequestBody = z.object({ note: text(2000).default('') });

/** POST /api/cohorts/:id/people/:userId/competencies/:competencyId/ratings */
export const ratingBody = z.object({
  level: text(100).min(1),
  comment: text(4000).default(''),
  evidenceIds: z.array(uuid).max(200).default([]),
});

/** GET /api/cohorts/:id/grading-queue */
export const queueQuery = z.object({
  competencyId: uuid.optional(),
  school: text(200).min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

/** GET /api/cohorts/:id/competency-heatmap */
export const heatmapQuery = z.object({
  school: text(200).min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
});

/** The input of recordEvidence (for other features). */
export const automaticEvidenceSources = EVIDENCE_SOURCES.filter((s) => s !== 'own');
