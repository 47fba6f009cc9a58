import { z } from 'zod';

const title = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');
const description = z.string().max(5_000, 'must be at most 5000 characters');
const day = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).nullable();
const pacing = z.enum(['self_paced', 'weekly']);
// Suggested pace: from a short weekly read to a full working day.
const weeklyMinutes = z.number().int('must be whole minutes').min(5, 'must be at least 5').max(480, 'must be at most 480').nullable();
const workVisibility = z.enum(['cohort', 'leads_only']);

const settings = {
  title: title.optional(),
  description: description.optional(),
  startsOn: day.optional(),
  endsOn: day.optional(),
  pacing: pacing.optional(),
  weeklyMinutes: weeklyMinutes.optional(),
  workVisibility: workVisibility.optional(),
};

/** Body of POST /api/cohorts: from scratch (title required) or from a template (settings copied, any overridden). */
export const createCohortBody = z.strictObject({ templateId: z.uuid('must be a template id').optional(), ...settings }).superRefine((b, ctx) => {
  if (!b.templateId && b.title === undefined) ctx.addIssue({ code: 'custom', path: ['title'], message: 'is required when not starting from a template' });
});
/** A validated create request. */
export type CreateCohortBody = z.infer<typeof createCohortBody>;

/** Body of PATCH /api/cohorts/:id: any settings, and archive/unarchive. */
export const updateCohortBody = z
  .strictObject({ ...settings, status: z.enum(['active', 'archived']).optional() })
  .refine((b) => Object.keys(b).length > 0, { message: 'name at least one field to change' });
/** A validated update request. */
export type UpdateCohortBody = z.infer<typeof updateCohortBody>;

/** Body of POST /api/cohorts/:id/save-as-template. */
export const saveAsTemplateBody = z.strictObject({ title: title.optional(), description: description.optional() });
/** A validated save-as-template request. */
export type SaveAsTemplateBody = z.infer<typeof saveAsTemplateBody>;

/** Body of POST /api/cohorts/:id/network-invites: how long the join code stays valid (default a week, at most 30 days). */
export const createInviteBody = z.strictObject({
  expiresInHours: z.number().int('must be whole hours').min(1, 'must be at least 1').max(720, 'must be at most 720 (30 days)').default(168),
});

/** Body of POST /api/cohorts/join. */
export const joinBody = z.strictObject({ code: z.string().trim().min(1, 'is required').max(64, 'is not a join code') });

/** Query of GET /api/cohorts (admins and leads may ask for archived cohorts). */
export const listCohortsQuery = z.object({ status: z.enum(['active', 'archived', 'all']).default('active') });

/** Query of GET /api/cohorts/:id/members. */
export const membersQuery = z.object({
  limit: z.coerce.number().int('must be a whole number').min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  status: z.enum(['active', 'all']).default('active'),
});
/** A validated members query. */
export type MembersQuery = z.infer<typeof membersQuery>;
