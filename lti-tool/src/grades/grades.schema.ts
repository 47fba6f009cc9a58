import { z } from 'zod';

/** AGS activityProgress values. */
export const ACTIVITY_PROGRESS = ['Initialized', 'Started', 'InProgress', 'Submitted', 'Completed'] as const;
/** AGS gradingProgress values (Canvas shows a score as final only with FullyGraded; Moodle ignores scoreGiven otherwise). */
export const GRADING_PROGRESS = ['FullyGraded', 'Pending', 'PendingManual', 'Failed', 'NotReady'] as const;

const key = z.string().trim().min(1).max(255);

/** A score another feature owes the LMS gradebook (what `grades.enqueueScore` accepts). */
export const scoreInputSchema = z
  .object({
    contextId: z.uuid(),
    userId: z.uuid(),
    /** The gradebook column: one per competency or module, found or created by resourceId and/or tag. */
    lineItem: z.object({
      resourceId: key.optional(),
      tag: key.optional(),
      label: z.string().trim().min(1).max(255),
      scoreMaximum: z.number().positive().finite(),
    }),
    /** The launch's resource link: its own line item is used when the platform allows no line item creation. */
    resourceLinkId: key.optional(),
    scoreGiven: z.number().min(0).finite(),
    comment: z.string().max(4000).optional(),
    activityProgress: z.enum(ACTIVITY_PROGRESS),
    gradingProgress: z.enum(GRADING_PROGRESS),
    /** When the score was made: it orders scores, and is the AGS timestamp. */
    at: z.date().refine((d) => !Number.isNaN(d.getTime()), 'must be a valid date'),
  })
  .refine((s) => s.lineItem.resourceId !== undefined || s.lineItem.tag !== undefined || s.resourceLinkId !== undefined, {
    message: 'a line item needs a resourceId or a tag (or the score a resourceLinkId)',
    path: ['lineItem'],
  });

/** Input of `grades.enqueueScore`. */
export type ScoreInput = z.input<typeof scoreInputSchema>;

/** GET /api/grades/failures query. */
export const failuresQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A passback id in a path. */
export const passbackIdSchema = z.object({ id: z.uuid() });
