import { z } from 'zod';

/** `DELETE /api/admin/people/:userId`: the person's id typed again, so an erasure is never a slip. */
export const eraseBody = z.object({ confirm: z.string().min(1).max(100) });

/** `PUT /api/cohorts/:cohortId/privacy`: days student material is kept (null: until deleted). */
export const privacySettingsBody = z.object({ studentFileRetentionDays: z.number().int().min(1).max(3650).nullable() });

/** `PUT /api/attachments/:id/student-material`. */
export const studentMaterialBody = z.object({ containsStudentMaterial: z.boolean() });

/** Erase request body. */
export type EraseBody = z.infer<typeof eraseBody>;
/** Privacy settings body. */
export type PrivacySettingsBody = z.infer<typeof privacySettingsBody>;
