import { z } from 'zod';
import { LMS_KINDS, type EnrolOutcome } from './lms.adapter';
import { STAFF_LIST_MAX_ROWS } from './staffList';

/** An LMS address: http(s), no credentials, query or fragment; trailing slashes (and a pasted `/api/v1`) removed. */
const baseUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((v) => {
    try {
      const u = new URL(v);
      return ['https:', 'http:'].includes(u.protocol) && !u.username && !u.password && !u.search && !u.hash;
    } catch {
      return false;
    }
  }, 'must be the LMS address, e.g. https://district.instructure.com or https://moodle.example.org (no query string)')
  .transform((v) => {
    const u = new URL(v);
    return `${u.origin}${u.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '')}`;
  });

const token = z
  .string()
  .trim()
  .min(8, 'is too short to be an API token')
  .max(4096)
  .regex(/^[\x21-\x7e]+$/, 'must be the token exactly as the LMS showed it (no spaces)');

const roleId = z.number().int().min(1).max(1_000_000);

/** Body of PUT /api/enrolment/connection. The token may be left out to keep the saved one (same LMS and URL only). */
export const connectionBody = z
  .object({
    kind: z.enum(LMS_KINDS),
    baseUrl,
    token: token.optional(),
    allowCreateUsers: z.boolean().optional(),
    studentRoleId: roleId.optional(),
    teacherRoleId: roleId.optional(),
  })
  .strict();

/** A validated connection change. */
export type ConnectionBody = z.infer<typeof connectionBody>;

/** JSON body of the preview and run endpoints: a CSV, or people Staffroom already knows. */
export const listBody = z
  .object({
    csv: z.string().optional(),
    userIds: z
      .array(z.uuid('must be Staffroom user ids'))
      .min(1)
      .max(STAFF_LIST_MAX_ROWS)
      .refine((ids) => new Set(ids).size === ids.length, 'each person may be picked once')
      .optional(),
    /** For picked people: everyone's role; otherwise each keeps lead if they lead this course, else teacher. */
    role: z.enum(['teacher', 'lead']).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if ((b.csv === undefined) === (b.userIds === undefined)) ctx.addIssue({ code: 'custom', path: [], message: 'send either csv or userIds' });
    if (b.role && b.csv !== undefined) ctx.addIssue({ code: 'custom', path: ['role'], message: 'the CSV says each person’s role' });
  });

/** What to enrol: CSV text, or picked people. */
export type ListInput = { csv: string } | { userIds: string[]; role?: 'teacher' | 'lead' };

const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/** Query of GET /api/enrolment/runs. */
export const runsQuery = z.object({ limit: limit(100, 20), cursor: z.uuid().optional() });

/** Query of GET /api/enrolment/runs/:id (the report's people, in list order). */
export const runReportQuery = z.object({
  limit: limit(1000, 500),
  cursor: z.coerce.number().int().min(0).optional(),
  outcome: z.enum(['enrolled', 'created_and_enrolled', 'already_enrolled', 'not_found', 'failed', 'pending'] as const satisfies readonly (EnrolOutcome | 'pending')[]).optional(),
});

/** Query of GET /api/enrolment/people. */
export const peopleQuery = z.object({
  search: z.string().trim().max(100).optional(),
  limit: limit(200, 50),
  cursor: z.string().max(600).optional(),
});
