import { z } from 'zod';
import { AUDIT_ACTIONS } from './audit.types';

const cursor = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    const [at, id] = Buffer.from(s, 'base64url').toString().split('|');
    const occurredAt = new Date(at ?? '');
    if (!id || Number.isNaN(occurredAt.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'is not a cursor this API gave out' });
      return z.NEVER;
    }
    return { occurredAt, id };
  });

/** Query of GET /api/audit (and the operator's): action filter (comma-separated), time range, page size, cursor. */
export const auditQuery = z.object({
  action: z
    .string()
    .max(1000)
    .transform((s) => s.split(',').map((a) => a.trim()).filter(Boolean))
    .pipe(z.array(z.enum(AUDIT_ACTIONS)))
    .optional(),
  from: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
  to: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: cursor.optional(),
});

/** The next page's cursor for the last event of a page. */
export const cursorOf = (e: { occurredAt: Date; id: string }) => Buffer.from(`${e.occurredAt.toISOString()}|${e.id}`).toString('base64url');
