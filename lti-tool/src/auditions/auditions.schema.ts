import { z } from 'zod';

const text = (max: number) => z.string().max(max);
const httpUrl = z
  .string()
  .max(2000)
  .refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// address');
const uuid = z.uuid();
const key = z.string().regex(/^[a-z0-9_-]{1,40}$/i, 'letters, digits, - and _ only (at most 40)');

/** The kinds of submission part an audition may accept (files are attachment ids from the attachments feature). */
export const partKind = z.enum(['text', 'link', 'attachment']);
/** Who learns reviewer names: nobody but leads and the reviewer (`anonymous`), everyone (`named`), or leads only with authors hidden from reviewers too (`leads_only`). */
export const anonymity = z.enum(['anonymous', 'named', 'leads_only']);

/** A rubric criterion with 2–6 levels. */
export const criterionInput = z.object({
  id: key.optional(),
  title: text(200).min(1),
  description: text(2000).default(''),
  levels: z.array(z.object({ score: z.int().min(0).max(10), label: text(100).min(1), descriptor: text(1000).default('') })).min(2).max(6),
  /** Competencies of the cohort's framework a version gives evidence for through this criterion (checked by the service: 422). */
  competencyIds: z.array(text(100).min(1)).max(10).default([]),
});
/** A comment prompt such as "a strength". */
export const promptInput = z.object({
  id: key.optional(),
  kind: z.enum(['strength', 'suggestion', 'question', 'other']),
  label: text(300).min(1),
  required: z.boolean().default(true),
});
/** The feedback protocol: rubric criteria and/or comment prompts (at least one of either). */
export const protocolInput = z
  .object({ criteria: z.array(criterionInput).max(12).default([]), prompts: z.array(promptInput).max(10).default([]) })
  .refine((p) => p.criteria.length + p.prompts.length > 0, 'needs at least one criterion or comment prompt');

/** The work: text, links and attachment ids (uuids of the attachments feature). */
export const workInput = z.object({
  text: text(50_000).default(''),
  links: z.array(z.object({ url: httpUrl, title: text(200).default('') })).max(10).default([]),
  attachmentIds: z.array(uuid).max(10).default([]),
});
/** The classroom context a reviewer reads first. */
export const contextInput = z.object({
  gradeLevel: text(100).default(''),
  subject: text(100).default(''),
  students: text(2000).default(''),
  tried: text(4000).default(''),
  feedbackWanted: text(2000).default(''),
});
/** Protocol answers: a level score per criterion id and a comment per prompt id. */
export const answersInput = z.object({
  ratings: z.record(key, z.int().min(0).max(10)).default({}),
  comments: z.record(key, text(5000)).default({}),
});

/** POST an audition. */
export const createAuditionBody = z.object({
  moduleId: uuid,
  stepId: uuid.nullable().default(null),
  title: text(200).min(1),
  prompt: text(20_000).min(1),
  acceptedParts: z.array(partKind).min(1).max(3).default(['text', 'link']),
  protocol: protocolInput,
  reviewersPerSubmission: z.int().min(1).max(10).default(3),
  anonymity: anonymity.default('anonymous'),
  mode: z.enum(['rolling', 'fixed']).default('rolling'),
  deadline: z.iso.datetime({ offset: true }).nullable().default(null),
  reviewDueDays: z.int().min(1).max(60).default(7),
  reassignAfterDays: z.int().min(1).max(60).default(2),
  excludeSameSchool: z.boolean().default(false),
  competencyIds: z.array(text(100).min(1)).max(20).default([]),
  calibration: z.object({ work: workInput, context: contextInput, answers: answersInput }).nullable().default(null),
});
const c = createAuditionBody.shape;
/**
 * PATCH an audition: any field of the create body but the module. Built without the create defaults: zod's
 * `.partial()` keeps them, and a PATCH naming one field would reset every other setting to its default.
 */
export const updateAuditionBody = z.object({
  stepId: c.stepId.removeDefault().optional(),
  title: c.title.optional(),
  prompt: c.prompt.optional(),
  acceptedParts: c.acceptedParts.removeDefault().optional(),
  protocol: c.protocol.optional(),
  reviewersPerSubmission: c.reviewersPerSubmission.removeDefault().optional(),
  anonymity: c.anonymity.removeDefault().optional(),
  mode: c.mode.removeDefault().optional(),
  deadline: c.deadline.removeDefault().optional(),
  reviewDueDays: c.reviewDueDays.removeDefault().optional(),
  reassignAfterDays: c.reassignAfterDays.removeDefault().optional(),
  excludeSameSchool: c.excludeSameSchool.removeDefault().optional(),
  competencyIds: c.competencyIds.removeDefault().optional(),
  calibration: c.calibration.removeDefault().optional(),
});

/** PUT a submission draft (autosave). */
export const saveDraftBody = z.object({
  work: workInput.default({ text: '', links: [], attachmentIds: [] }),
  context: contextInput.default({ gradeLevel: '', subject: '', students: '', tried: '', feedbackWanted: '' }),
  whatChanged: text(4000).default(''),
  revision: z.int().min(0),
});
/** POST a version: the draft revision being submitted. */
export const submitBody = z.object({ revision: z.int().min(1) });
/** PUT a review draft. */
export const reviewDraftBody = z.object({ answers: answersInput, revision: z.int().min(0) });
/** POST a review. */
export const submitReviewBody = z.object({ answers: answersInput });
/** PUT a rating of a review. */
export const ratingBody = z.object({ specific: z.int().min(1).max(4), supportive: z.int().min(1).max(4), thanks: text(2000).default('') });
/** POST a reassignment (lead). Without `toUserId` the allocator picks. */
export const reassignBody = z.object({ toUserId: uuid.optional() });
/** POST a calibration attempt. */
export const calibrationBody = z.object({ answers: answersInput });

/** Types of the validated bodies. */
export type CreateAuditionInput = z.infer<typeof createAuditionBody>;
export type UpdateAuditionInput = z.infer<typeof updateAuditionBody>;
export type WorkInput = z.infer<typeof workInput>;
export type ContextInput = z.infer<typeof contextInput>;
export type Answers = z.infer<typeof answersInput>;
export type ProtocolInput = z.infer<typeof protocolInput>;
