import { z } from 'zod';

/** GET /api/roster query: an optional status filter and a page of members. */
export const rosterQuerySchema = z.object({
  status: z.enum(['active', 'inactive']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** A validated roster query. */
export type RosterQuery = z.infer<typeof rosterQuerySchema>;
