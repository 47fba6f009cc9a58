import { readBounded, readStart } from '../http/boundedBody';
import type { Platform } from '../lti/platform.store';
import { ServiceTokenError, type ServiceTokenClient } from '../lti/serviceToken';
import { RosterSyncError, syncFailure } from './roster.errors';
import { NRPS_MEDIA_TYPE, NRPS_SCOPE, nextLinkTarget, parseMembershipPage, type NrpsMember } from './nrps.schema';

/** Limits that keep a slow, huge or hostile platform from hurting the tool. */
export interface NrpsLimits {
  /** Per page, headers and body together. */
  pageTimeoutMs: number;
  /** Bytes per page, enforced while reading. */
  maxPageBytes: number;
  maxPages: number;
  /** The `limit` Staffroom asks for when the platform's URL does not say (platforms may cap it lower). */
  pageSize: number;
}

/** One page of a course's membership. */
export interface NrpsPage {
  number: number;
  members: NrpsMember[];
}

const USER_AGENT = 'Staffroom LTI tool (roster sync)';
const ACCEPTED_TYPES = [NRPS_MEDIA_TYPE, 'application/json'];

/** A short, readable excerpt of an error body (HTML error pages reduced to their text). */
function excerpt(body: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1];
  const text = (title ?? body.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

const isTimeout = (e: unknown) => (e as Error)?.name === 'TimeoutError' || (e as Error)?.name === 'AbortError';

/** Reads a page within the size limit (never buffers a huge answer); a larger page fails the sync. */
async function readLimited(res: Response, max: number, what: string): Promise<string> {
  const text = await readBounded(res, max);
  if (text === null) throw syncFailure.permanent(`${what} is larger than the ${max}-byte limit per page`);
  return text;
}

/** The first page's URL: the platform's, with a page size unless it chose one. */
function firstPageUrl(membershipsUrl: string, pageSize: number): URL {
  const url = new URL(membershipsUrl);
  if (!url.searchParams.has('limit')) url.searchParams.set('limit', String(pageSize));
  return url;
}

/**
 * Reads a course's membership from the platform's NRPS endpoint page by page, following `Link: rel="next"`
 * only to the origin of the first URL (the bearer token goes with every request). At most two pages are in
 * memory (the one being stored and the next one being read), so memory stays flat however large the course is.
 */
export function createNrpsClient(deps: { tokens: ServiceTokenClient; limits: NrpsLimits }) {
  const { tokens, limits } = deps;
  const scopes = [NRPS_SCOPE];

  async function token(platform: Platform): Promise<string> {
    try {
      return await tokens.get(platform, scopes);
    } catch (e) {
      if (!(e instanceof ServiceTokenError)) throw e;
      // A 2xx that is no token (an HTML maintenance page, broken JSON) is a platform hiccup like a 503, not a refusal.
      const transient = e.status === null || e.status === 429 || e.status >= 500 || (e.status >= 200 && e.status < 300);
      throw syncFailure[transient ? 'transient' : 'permanent'](`the LMS did not issue a roster token: ${e.message}`);
    }
  }

  async function request(url: URL, bearer: string): Promise<{ res: Response; body: string }> {
    const signal = AbortSignal.timeout(limits.pageTimeoutMs);
    try {
      const res = await fetch(url, {
        headers: { accept: NRPS_MEDIA_TYPE, authorization: `Bearer ${bearer}`, 'user-agent': USER_AGENT },
        redirect: 'manual',
        signal,
      });
      const body = res.ok ? await readLimited(res, limits.maxPageBytes, 'the roster page') : await readStart(res, 16_384);
      return { res, body };
    } catch (e) {
      if (isTimeout(e)) throw syncFailure.transient(`the LMS roster service did not answer within ${limits.pageTimeoutMs / 1000} s`);
      if (e instanceof RosterSyncError) throw e;
      throw syncFailure.transient(`the LMS roster service could not be reached: ${(e as Error).message}`);
    }
  }

  /** Fetches one page; a 401 gets one retry with a fresh token (the platform may have revoked ours). */
  async function fetchPage(platform: Platform, url: URL, number: number): Promise<{ members: NrpsMember[]; linkHeader: string | null }> {
    let answer = await request(url, await token(platform));
    if (answer.res.status === 401) {
      tokens.invalidate(platform, scopes);
      answer = await request(url, await token(platform));
      if (answer.res.status === 401) throw syncFailure.permanent('the LMS refused the roster token twice (401), even a freshly issued one');
    }
    const { res, body } = answer;
    const page = `page ${number}`;
    if (res.status >= 300 && res.status < 400) {
      throw syncFailure.permanent(`the LMS redirected ${page} to ${res.headers.get('location') ?? 'elsewhere'}; Staffroom does not send its token to redirects`);
    }
    if (res.status === 429 || res.status >= 500) {
      const retryAfter = res.headers.get('retry-after');
      throw syncFailure.transient(`the LMS answered ${page} with ${res.status}${retryAfter ? ` (retry after ${retryAfter})` : ''}: ${excerpt(body)}`);
    }
    if (!res.ok) throw syncFailure.permanent(`the LMS answered ${page} with ${res.status}: ${excerpt(body) || 'no details'}`);

    const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type === 'text/html') throw syncFailure.permanent(`the LMS answered ${page} with an HTML page instead of the roster: ${excerpt(body)}`);
    if (!ACCEPTED_TYPES.includes(type)) throw syncFailure.permanent(`the LMS answered ${page} as "${type || 'no content type'}" instead of ${NRPS_MEDIA_TYPE}`);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw syncFailure.permanent(`the LMS answered ${page} with invalid JSON`);
    }
    const parsed = parseMembershipPage(json);
    if ('problem' in parsed) throw syncFailure.permanent(`${page}: ${parsed.problem}`);
    return { members: parsed.members, linkHeader: res.headers.get('link') };
  }

  /** Resolves and checks a next-page link: same origin as the first page, never a page already read. */
  function followable(target: string, current: URL, origin: string, seen: Set<string>): URL {
    let next: URL;
    try {
      next = new URL(target, current);
    } catch {
      throw syncFailure.permanent(`the LMS's next-page link "${target.slice(0, 200)}" is not a URL`);
    }
    if (next.origin !== origin) {
      throw syncFailure.permanent(`the LMS's next-page link points to another host (${next.host}); Staffroom refuses to send its roster token there`);
    }
    if (seen.has(next.toString())) throw syncFailure.permanent('the LMS\'s next-page links go round in a circle');
    return next;
  }

  return {
    /** Yields the membership page by page; throws RosterSyncError on any unusable answer. */
    async *pages(platform: Platform, membershipsUrl: string): AsyncGenerator<NrpsPage> {
      let url: URL;
      try {
        url = firstPageUrl(membershipsUrl, limits.pageSize);
      } catch {
        throw syncFailure.permanent('the roster URL the LMS announced is not a valid URL');
      }
      const origin = url.origin;
      const seen = new Set<string>([url.toString()]);
      let pending = fetchPage(platform, url, 1);
      for (let number = 1; ; number++) {
        const { members, linkHeader } = await pending;
        const target = nextLinkTarget(linkHeader);
        let next: URL | null = null;
        let refusal: unknown = null;
        try {
          if (target !== null && number >= limits.maxPages) throw syncFailure.permanent(`the roster has more than ${limits.maxPages} pages; Staffroom stopped reading`);
          next = target === null ? null : followable(target, url, origin, seen);
        } catch (e) {
          refusal = e;
        }
        if (next) {
          // Fetch the next page while the caller stores this one: two pages in memory at most.
          seen.add(next.toString());
          pending = fetchPage(platform, next, number + 1);
          pending.catch(() => undefined); // awaited on the next turn; if the caller stops first, its failure does not matter
        }
        yield { number, members };
        if (refusal) throw refusal;
        if (!next) return;
        url = next;
      }
    },
  };
}

/** The NRPS reader. */
export type NrpsClient = ReturnType<typeof createNrpsClient>;
