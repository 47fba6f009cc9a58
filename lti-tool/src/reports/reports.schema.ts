import { z } from 'zod';

const day = z.iso.date();

const range = z.object({
  from: day.optional(),
  to: day.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
const ordered = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;

/** Query of the cohort reports: a date range (inclusive days, UTC) and the format. */
export const reportQuery = range.refine(ordered, { message: 'must not be after `to`', path: ['from'] });

/** A parsed report query. */
export type ReportQuery = z.infer<typeof reportQuery>;

/** The sections of the impact summary (each downloadable on its own as CSV). */
export const IMPACT_SECTIONS = ['goals', 'participation', 'hours', 'feedback', 'growth', 'survey'] as const;

/** Query of the impact summary: a report query, and for the CSV one section (default: all of them). */
export const impactQuery = range
  .extend({ section: z.enum(IMPACT_SECTIONS).optional() })
  .refine(ordered, { message: 'must not be after `to`', path: ['from'] });
