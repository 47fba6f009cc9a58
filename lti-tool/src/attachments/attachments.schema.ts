import { z } from 'zod';

/** `POST /api/attachments?purpose=…`: what the upload is for (a registered purpose). */
export const uploadQuery = z.object({ purpose: z.string().regex(/^[a-z][a-z0-9-]{1,63}$/, 'must be a registered purpose name') });

/** Upload query. */
export type UploadQuery = z.infer<typeof uploadQuery>;

/** A path id: anything but a uuid names nothing (404, never a database error). */
export const attachmentId = z.uuid();
