import { z } from 'zod';

const day = z.iso.date();

/** Query of the cohort reports: a date range (inclusive days, UTC) and the format. */
export const reportQuery = z
  .object({
    from: day.optional(),
    to: day.optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after `to`', path: ['from'] });

/** A parsed report query. */
export type ReportQuery = z.infer<typeof reportQuery>;
