import { parseRole } from '../lti/roles';

const TEST_USER = 'http://purl.imsglobal.org/vocab/lti/system/person#TestUser';

/**
 * Whether the platform keeps a gradebook row for this member: an active learner. Canvas has no row for
 * teachers or its test student, Moodle answers 400 for anyone it cannot grade.
 */
export function isGradable(ltiRoles: readonly string[] | null, membershipStatus: string | null): boolean {
  if (!ltiRoles || membershipStatus !== 'active') return false;
  if (ltiRoles.includes(TEST_USER)) return false;
  return ltiRoles.some((r) => {
    const role = parseRole(r);
    return role?.scope === 'context' && (role.name === 'Learner' || role.name === 'Student');
  });
}

/**
 * The AGS timestamp to send. It is the time the score was made, except that Moodle compares timestamps in
 * whole seconds and refuses (409) a score not later than the last one it holds: a correction made within
 * the same second as the previous score is sent one second later, so it is not lost.
 */
export function timestampToSend(scoredAt: Date, lastSent: Date | null): Date {
  if (!lastSent) return scoredAt;
  const lastSecond = Math.floor(lastSent.getTime() / 1000);
  return Math.floor(scoredAt.getTime() / 1000) > lastSecond ? scoredAt : new Date((lastSecond + 1) * 1000);
}

/** When to try a passback again: exponential backoff with jitter (or a fixed delay), never before Retry-After. */
export function retryDelayMs(attempt: number, o: { delaySeconds: number; backoff: boolean; retryAfterSeconds: number | null }, random: () => number = Math.random): number {
  const base = o.backoff ? o.delaySeconds * 2 ** Math.min(16, attempt - 1) * (1 + random()) : o.delaySeconds;
  const seconds = Math.min(Math.max(base, o.retryAfterSeconds ?? 0), 6 * 3600);
  return Math.round(seconds * 1000);
}
