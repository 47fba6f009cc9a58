import type { Platform } from '../lti/platform.store';
import { ServiceTokenError, type ServiceTokenClient } from '../lti/serviceToken';
import { PassbackError } from './grades.errors';
import { createPlatformCaller, parseJsonAnswer, PlatformCallError } from './platformCall';

const SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/';
/** The AGS scopes Staffroom uses. */
export const AGS_SCOPES = { lineItem: `${SCOPE}lineitem`, score: `${SCOPE}score` } as const;
/** AGS media types. */
export const AGS_MEDIA = {
  lineItem: 'application/vnd.ims.lis.v2.lineitem+json',
  container: 'application/vnd.ims.lis.v2.lineitemcontainer+json',
  score: 'application/vnd.ims.lis.v1.score+json',
} as const;

/** At most this many container pages are read when looking for a line item. */
const MAX_PAGES = 20;
/** Line item answers are small; a page of a container may hold a few hundred items. */
const MAX_LINE_ITEM_BYTES = 64 * 1024;
const MAX_PAGE_BYTES = 1024 * 1024;

/** What identifies a Staffroom gradebook column on the platform. */
export interface LineItemKey {
  resourceId: string | null;
  tag: string | null;
}

/** A score as AGS 2.0 posts it. */
export interface AgsScore {
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  activityProgress: string;
  gradingProgress: string;
  /** ISO 8601 with milliseconds. */
  timestamp: string;
  comment?: string;
}

/**
 * The scores endpoint of a line item: `/scores` added to the URL's path, its query string kept
 * (Moodle: `…/lineitem?type_id=1` → `…/lineitem/scores?type_id=1`).
 */
export function scoresUrl(lineItemUrl: string): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/scores`;
  return url.toString();
}

/** The `next` target of an RFC 8288 Link header, if any. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(',')) {
    const m = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (m && /(^|;)\s*rel="?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(m[2]!)) return m[1]!;
  }
  return null;
}

/** A URL the platform handed us, accepted only on the origin of the URL it came from (tokens must not leak). */
function sameOriginUrl(candidate: unknown, origin: string, what: string): string {
  if (typeof candidate !== 'string' || candidate.length > 2048) throw new PlatformCallError('malformed_answer', `${what} has no usable URL`, null);
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw new PlatformCallError('malformed_answer', `${what} is not a URL`, null);
  }
  if (url.origin !== origin) throw new PassbackError('foreign_url', false, `${what} points to ${url.origin}, not to the platform (${origin}); Staffroom does not send tokens there.`);
  return url.toString();
}

const matches = (item: Record<string, unknown>, key: LineItemKey) =>
  (key.resourceId === null || item.resourceId === key.resourceId) && (key.tag === null || item.tag === key.tag);

/** AGS 2.0 calls (line items, scores) with service tokens, timeouts, size limits and a User-Agent. */
export function createAgsClient(deps: { serviceTokens: ServiceTokenClient; timeoutMs: number; userAgent: string }) {
  const caller = createPlatformCaller();
  const call = (r: { method: 'GET' | 'POST'; url: string; accept: string; bearer: string; body?: { contentType: string; json: unknown }; maxBytes: number; discardBody?: boolean }) =>
    caller.call({ ...r, timeoutMs: deps.timeoutMs, userAgent: deps.userAgent });

  // A worker batch starts a hundred calls at once: they share one token request instead of each asking.
  const pending = new Map<string, Promise<string>>();
  async function token(platform: Platform, scopes: string[]): Promise<string> {
    const key = `${platform.id} ${scopes.join(' ')}`;
    let request = pending.get(key);
    if (!request) {
      request = deps.serviceTokens.get(platform, scopes).finally(() => pending.delete(key));
      pending.set(key, request);
    }
    try {
      return await request;
    } catch (e) {
      if (!(e instanceof ServiceTokenError)) throw e;
      // A 2xx that is no token (an HTML maintenance page, broken JSON) is a platform hiccup like a 503, not a refusal.
      const transient = e.status === null || e.status === 429 || e.status >= 500 || (e.status >= 200 && e.status < 300);
      throw new PassbackError(transient ? 'token_unavailable' : 'token_refused', transient, `Service token for ${scopes.join(' ')}: ${e.message}`);
    }
  }

  /** Runs a call with a token for `scopes`; on a 401 fetches a fresh token once and tries again. */
  async function withToken<T>(platform: Platform, scopes: string[], run: (bearer: string) => Promise<T>): Promise<T> {
    try {
      return await run(await token(platform, scopes));
    } catch (e) {
      if (!(e instanceof PlatformCallError && e.failure === 'unauthorized')) throw e;
      deps.serviceTokens.invalidate(platform, scopes);
      return run(await token(platform, scopes));
    }
  }

  return {
    withToken,
    /** Looks for a line item by resourceId/tag in the container (following `next` pages on the same origin). */
    async findLineItem(platform: Platform, containerUrl: string, key: LineItemKey): Promise<string | null> {
      const origin = new URL(containerUrl).origin;
      const first = new URL(containerUrl); // keeps the container's own query (Moodle's type_id)
      if (key.resourceId !== null) first.searchParams.set('resource_id', key.resourceId);
      if (key.tag !== null) first.searchParams.set('tag', key.tag);
      let url: string | null = first.toString();
      for (let page = 0; url && page < MAX_PAGES; page++) {
        const pageUrl: string = url;
        const answer = await withToken(platform, [AGS_SCOPES.lineItem], (bearer) => call({ method: 'GET', url: pageUrl, accept: AGS_MEDIA.container, bearer, maxBytes: MAX_PAGE_BYTES }));
        const items = parseJsonAnswer(answer, 'Line item list');
        if (!Array.isArray(items)) throw new PlatformCallError('malformed_answer', 'Line item list: the answer is not a JSON array', answer.status);
        const found = items.find((i): i is Record<string, unknown> => !!i && typeof i === 'object' && matches(i as Record<string, unknown>, key));
        if (found) return sameOriginUrl(found.id, origin, 'The line item found');
        const next = nextLink(answer.headers.get('link'));
        url = next ? sameOriginUrl(next, origin, 'The line item list’s next page') : null;
      }
      return null;
    },
    /** Creates a line item; returns its URL. */
    async createLineItem(platform: Platform, containerUrl: string, item: LineItemKey & { label: string; scoreMaximum: number }): Promise<string> {
      const json = {
        scoreMaximum: item.scoreMaximum,
        label: item.label,
        ...(item.resourceId !== null ? { resourceId: item.resourceId } : {}),
        ...(item.tag !== null ? { tag: item.tag } : {}),
      };
      const answer = await withToken(platform, [AGS_SCOPES.lineItem], (bearer) =>
        call({ method: 'POST', url: containerUrl, accept: AGS_MEDIA.lineItem, bearer, body: { contentType: AGS_MEDIA.lineItem, json }, maxBytes: MAX_LINE_ITEM_BYTES }),
      );
      const created = parseJsonAnswer(answer, 'The created line item');
      if (!created || typeof created !== 'object') throw new PlatformCallError('malformed_answer', 'The created line item is not a JSON object', answer.status);
      return sameOriginUrl((created as Record<string, unknown>).id, new URL(containerUrl).origin, 'The created line item');
    },
    /** Posts a score to a line item's scores endpoint. The answer's body is not needed and not kept. */
    async postScore(platform: Platform, lineItemUrl: string, score: AgsScore): Promise<void> {
      await withToken(platform, [AGS_SCOPES.score], (bearer) =>
        call({ method: 'POST', url: scoresUrl(lineItemUrl), accept: 'application/json', bearer, body: { contentType: AGS_MEDIA.score, json: score }, maxBytes: 0, discardBody: true }),
      );
    },
  };
}

/** The AGS client. */
export type AgsClient = ReturnType<typeof createAgsClient>;
