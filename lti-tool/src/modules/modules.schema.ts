import { z } from 'zod';
import { isHttpUrl, videoEmbedFor } from './content.render';

/** The kinds of step a module may hold. */
export const STEP_KINDS = ['read', 'reflect', 'audition', 'checkpoint', 'inquiry', 'survey'] as const;
/** A step kind. */
export type StepKind = (typeof STEP_KINDS)[number];

/** The four stages of an inquiry cycle, in order. */
export const INQUIRY_STAGES = ['plan', 'enquire', 'implement', 'review'] as const;
/** One inquiry-cycle stage. */
export type InquiryStage = (typeof INQUIRY_STAGES)[number];

const httpUrl = z.string().trim().max(2048).refine(isHttpUrl, 'must be an http:// or https:// address');
const markdownText = (max: number) => z.string().max(max, `must be at most ${max} characters`);
/** Who sees written responses to a step: always private, always the cohort, or the author chooses. */
const responseVisibilityRule = z.enum(['private', 'cohort', 'choice']);

/** Kind-specific content as an editor sends it (Markdown sources; HTML is rendered by the server). */
export const stepContentInput = {
  read: z.strictObject({
    markdown: markdownText(50_000),
    videos: z.array(z.string().trim().max(2048).refine((v) => videoEmbedFor(v) !== null, 'must be a YouTube or Vimeo video address')).max(10).default([]),
  }),
  reflect: z.strictObject({ prompt: markdownText(5_000).min(1, 'is required'), visibility: responseVisibilityRule.default('choice') }),
  audition: z.strictObject({ auditionId: z.uuid().nullable().default(null), instructions: markdownText(5_000).default('') }),
  checkpoint: z.strictObject({
    date: z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'must be a date (YYYY-MM-DD) or an ISO date-time' }).nullable().default(null),
    linkUrl: httpUrl.nullable().default(null),
    mode: z.enum(['live', 'async']).default('live'),
    agenda: markdownText(5_000).default(''),
  }),
  inquiry: z.strictObject({ question: markdownText(5_000).default(''), visibility: responseVisibilityRule.default('cohort') }),
  // The survey's questions are built in (so answers compare across modules and cohorts); only the intro varies.
  survey: z.strictObject({ intro: markdownText(5_000).default('') }),
} as const;

/** Validated editor input for one kind's content. */
export type StepContentInput<K extends StepKind> = z.output<(typeof stepContentInput)[K]>;

const title = z.string().trim().min(1, 'is required').max(200);
const estimatedMinutes = z.number().int('must be whole minutes').min(1).max(600);

/** Body of POST …/draft/steps: a new step (content checked per kind by the service). */
export const newStepBody = z.strictObject({
  kind: z.enum(STEP_KINDS),
  title,
  estimatedMinutes,
  content: z.unknown().default({}),
  position: z.number().int().min(0).optional(),
});

/** Body of PATCH …/draft/steps/:stepId (the kind of a step cannot change). */
export const editStepBody = z.strictObject({ title: title.optional(), estimatedMinutes: estimatedMinutes.optional(), content: z.unknown().optional() });

/** Body of PUT …/draft/steps/order: every step id of the draft, once each, in the new order. */
export const stepOrderBody = z.strictObject({ stepIds: z.array(z.uuid()).min(1).max(200) });

/** Fields of the module a draft carries. */
const moduleFields = {
  title,
  summary: z.string().max(2_000).default(''),
  pdMinutes: z.number().int('must be whole minutes').min(0).max(6_000).default(0),
  unlockRule: z.enum(['open', 'after_previous']).default('open'),
};

/** Body of POST /api/cohorts/:id/modules. */
export const newModuleBody = z.strictObject({ ...moduleFields, reportsToGradebook: z.boolean().default(false) });

/** Body of PATCH …/draft: any of the module's versioned fields. */
export const editDraftBody = z.strictObject({
  title: title.optional(),
  summary: z.string().max(2_000).optional(),
  pdMinutes: moduleFields.pdMinutes.removeDefault().optional(),
  unlockRule: moduleFields.unlockRule.removeDefault().optional(),
});

/** Body of PATCH /api/cohorts/:id/modules/:moduleId: settings that apply at once (not versioned). */
export const moduleSettingsBody = z.strictObject({ archived: z.boolean().optional(), reportsToGradebook: z.boolean().optional() });

/** Body of PUT /api/cohorts/:id/modules/order. */
export const moduleOrderBody = z.strictObject({ moduleIds: z.array(z.uuid()).min(1).max(500) });

/** Body of PUT …/steps/:stepId/progress. */
export const progressBody = z.strictObject({ status: z.enum(['in_progress', 'complete']) });

const inquiryEntry = z.strictObject({ text: markdownText(4_000).default(''), evidenceUrl: httpUrl.nullable().default(null) });

/** Response bodies per step kind: a reflection, or inquiry-cycle stage entries (any stage may be empty). */
export const responseBodyInput = {
  reflect: z.strictObject({ text: markdownText(20_000) }),
  inquiry: z.strictObject({
    stages: z.strictObject({ plan: inquiryEntry.optional(), enquire: inquiryEntry.optional(), implement: inquiryEntry.optional(), review: inquiryEntry.optional() }),
  }),
} as const;

/** Body of PUT …/steps/:stepId/response: autosave with the revision the client last saw (0 for a first save). */
export const saveResponseBody = z.strictObject({
  body: z.unknown(),
  visibility: z.enum(['private', 'cohort']),
  revision: z.number().int().min(0),
});

/** Body of PUT …/steps/:stepId/agreement: the checkpoint's "what we agreed" record. */
export const saveAgreementBody = z.strictObject({ text: markdownText(20_000), revision: z.number().int().min(0) });

const surveyScale = z.number({ error: 'must be a number from 1 to 4' }).int('must be a whole number from 1 to 4').min(1, 'must be from 1 to 4').max(4, 'must be from 1 to 4');

/** Body of PUT …/steps/:stepId/survey: the person's answer (sending it again changes it). */
export const surveyAnswerBody = z.strictObject({
  useful: surveyScale,
  relevant: surveyScale,
  suggestion: z.string().trim().max(4_000, 'must be at most 4000 characters').default(''),
});

/** Body of POST …/steps/:stepId/time: seconds the step was open and visible since the last report. */
export const timeOnStepBody = z.strictObject({ seconds: z.number().int('must be whole seconds').min(1).max(3_600) });

/** `?limit&cursor` for lists that grow. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

/** Query of GET /api/cohorts/:id/progress. */
export const progressMatrixQuery = pageQuery.extend({ role: z.enum(['admin', 'lead', 'participant']).optional() });

/** Path ids are uuids; anything else is a 404, not a database error. */
export const uuidParam = z.uuid();
