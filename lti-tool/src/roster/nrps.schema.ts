import { z } from 'zod';

/** The media type of an NRPS v2 membership container. */
export const NRPS_MEDIA_TYPE = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';
/** The OAuth2 scope that lets a tool read a course's membership. */
export const NRPS_SCOPE = 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly';

/** A course member as the platform reports them, normalised. */
export interface NrpsMember {
  userId: string;
  name: string | null;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  roles: string[];
  /** Deleted members (NRPS differences) are treated as gone from the course. */
  status: 'active' | 'inactive' | 'deleted';
}

// Optional profile fields are what the platform chooses to share: a wrong type or an absurd length counts as not shared.
const shared = (max: number) => z.unknown().optional().transform((v) => (typeof v === 'string' && v.trim() !== '' && v.length <= max ? v : null));

const memberSchema = z.object({
  user_id: z.string().min(1).max(255),
  roles: z.array(z.unknown()).max(100).default([]),
  status: z.unknown().optional(),
  name: shared(255),
  given_name: shared(255),
  family_name: shared(255),
  email: shared(320),
});

const containerSchema = z.object({
  members: z.array(z.unknown()).max(10_000),
});

function statusOf(raw: unknown): NrpsMember['status'] {
  if (raw === undefined || raw === null) return 'active'; // the spec's default
  const s = String(raw).toLowerCase();
  return s === 'inactive' ? 'inactive' : s === 'deleted' ? 'deleted' : 'active';
}

/**
 * Checks one page of an NRPS answer. A member without a usable `user_id` fails the whole page: silently
 * skipping them would mark them as having left the course.
 */
export function parseMembershipPage(json: unknown): { members: NrpsMember[] } | { problem: string } {
  const container = containerSchema.safeParse(json);
  if (!container.success) return { problem: 'the answer is not an NRPS membership container (no "members" list)' };
  const members: NrpsMember[] = [];
  for (const [i, raw] of container.data.members.entries()) {
    const m = memberSchema.safeParse(raw);
    if (!m.success) {
      const field = m.error.issues[0]?.path.join('.') || 'member';
      return { problem: field === 'user_id' ? `member #${i + 1} has no valid user_id` : `member #${i + 1} has an invalid ${field}` };
    }
    const roles = m.data.roles.filter((r): r is string => typeof r === 'string' && r.length <= 512);
    members.push({
      userId: m.data.user_id,
      name: m.data.name,
      givenName: m.data.given_name,
      familyName: m.data.family_name,
      email: m.data.email,
      roles,
      status: statusOf(m.data.status),
    });
  }
  return { members };
}

/** The raw `rel="next"` target of an HTTP Link header (resolve and check it before use); null when there is none. */
export function nextLinkTarget(header: string | null): string | null {
  if (!header) return null;
  // Link: <url>; rel="next", <url>; rel="differences"  (URLs may contain commas, so match each <…> part)
  for (const match of header.matchAll(/<([^>]*)>\s*((?:;\s*[^;,<]*)*)/g)) {
    const params = match[2] ?? '';
    const rel = /;\s*rel\s*=\s*"?([^";]*)"?/i.exec(params)?.[1] ?? '';
    if (rel.toLowerCase().split(/\s+/).includes('next')) return match[1]!.trim();
  }
  return null;
}
