import { readBounded, retryAfterSeconds } from '../http/boundedBody';

/** The User-Agent of every LMS REST call (Canvas refuses API calls without one). */
export const LMS_USER_AGENT = 'Staffroom LTI tool (staff enrolment)';

/** How an LMS call is made: per-call timeout, response size limit, and how long a rate limit may make us wait. */
export interface LmsHttpOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Retries after a rate-limit answer (429, or Canvas's 403 "Rate Limit Exceeded") or a 503 with Retry-After. */
  maxRetries: number;
  /** A Retry-After longer than this is not waited for: the call fails as rate limited. */
  maxRetryWaitSeconds: number;
  /** Waits between retries (tests pass one that records the wait instead of sleeping). */
  sleep: (ms: number) => Promise<void>;
}

/** Defaults for calls made while an admin waits for the answer. */
export const DEFAULT_LMS_HTTP: LmsHttpOptions = {
  timeoutMs: 10_000,
  maxBytes: 5 * 1024 * 1024,
  maxRetries: 3,
  maxRetryWaitSeconds: 30,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** One request to an LMS. */
export interface LmsRequest {
  method: 'GET' | 'POST';
  url: string;
  bearer?: string;
  /** Sent as application/x-www-form-urlencoded (both Canvas and Moodle accept forms). */
  form?: URLSearchParams;
}

/** What came back. Expected failures are values so each adapter can explain them in its LMS's terms. */
export type LmsAnswer =
  | { kind: 'json'; status: number; body: unknown; links: Record<string, string> }
  | { kind: 'http_error'; status: number; detail: string; wwwAuthenticate: string | null }
  | { kind: 'rate_limited'; retryAfterSeconds: number | null }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'redirected'; status: number }
  | { kind: 'not_json'; status: number; contentType: string }
  | { kind: 'too_large' };

const DETAIL_CHARS = 300;

/** Parses an RFC 8288 Link header into rel → URL (Canvas paginates with rel="next"). */
export function parseLinkHeader(header: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  for (const part of header.split(',')) {
    const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (!match) continue;
    const rel = /rel="?([^";]+)"?/i.exec(match[2]!)?.[1];
    if (rel) for (const r of rel.split(/\s+/)) links[r.toLowerCase()] = match[1]!;
  }
  return links;
}

/** The LMS's own words for an error: Canvas `errors[].message`, `message`, or plain text without tags. */
function errorDetail(text: string): string {
  let detail = text;
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const errors = Array.isArray(body.errors) ? body.errors : body.errors ? [body.errors] : [];
    const parts = [...errors.map((e) => (e && typeof e === 'object' ? (e as Record<string, unknown>).message : e)), body.message, body.error]
      .map((p) => (typeof p === 'string' ? p : p && typeof p === 'object' ? JSON.stringify(p) : null))
      .filter((p): p is string => !!p);
    if (parts.length > 0) detail = parts.join('; ');
  } catch {
    detail = text.replace(/<[^>]*>/g, ' ');
  }
  detail = detail.replace(/\s+/g, ' ').trim();
  return detail.length > DETAIL_CHARS ? `${detail.slice(0, DETAIL_CHARS)}…` : detail;
}

async function once(req: LmsRequest, o: LmsHttpOptions): Promise<LmsAnswer> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': LMS_USER_AGENT };
  if (req.bearer) headers.authorization = `Bearer ${req.bearer}`;
  let res: Response;
  try {
    res = await fetch(req.url, { method: req.method, headers, body: req.form, redirect: 'manual', signal: AbortSignal.timeout(o.timeoutMs) });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    return { kind: 'unreachable', reason: err.name === 'TimeoutError' ? `no answer within ${o.timeoutMs / 1000} s` : (err.cause?.code ?? err.cause?.message ?? err.message) };
  }
  try {
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel();
      return { kind: 'redirected', status: res.status };
    }
    if (!res.ok) {
      const text = (await readBounded(res, 16 * 1024)) ?? '';
      const throttled = res.status === 429 || (res.status === 403 && /rate limit exceeded/i.test(text)) || (res.status === 503 && res.headers.has('retry-after'));
      if (throttled) return { kind: 'rate_limited', retryAfterSeconds: retryAfterSeconds(res.headers.get('retry-after')) };
      return { kind: 'http_error', status: res.status, detail: errorDetail(text), wwwAuthenticate: res.headers.get('www-authenticate') };
    }
    const contentType = res.headers.get('content-type') ?? '';
    if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType)) {
      await res.body?.cancel();
      return { kind: 'not_json', status: res.status, contentType: contentType || '(none)' };
    }
    const text = await readBounded(res, o.maxBytes);
    if (text === null) return { kind: 'too_large' };
    try {
      return { kind: 'json', status: res.status, body: JSON.parse(text) as unknown, links: parseLinkHeader(res.headers.get('link')) };
    } catch {
      return { kind: 'not_json', status: res.status, contentType };
    }
  } catch (e) {
    const err = e as Error;
    return { kind: 'unreachable', reason: err.name === 'TimeoutError' ? `no complete answer within ${o.timeoutMs / 1000} s` : err.message };
  }
}

/**
 * Calls an LMS: a timeout per attempt, a size limit, no redirects (a redirect could carry the token
 * elsewhere), and waiting out rate limits as the LMS asks (Retry-After, or 1 s, 2 s, 4 s without one).
 */
export async function callLms(req: LmsRequest, o: LmsHttpOptions = DEFAULT_LMS_HTTP): Promise<LmsAnswer> {
  for (let attempt = 0; ; attempt++) {
    const answer = await once(req, o);
    if (answer.kind !== 'rate_limited' || attempt >= o.maxRetries) return answer;
    const wait = answer.retryAfterSeconds ?? 2 ** attempt;
    if (wait > o.maxRetryWaitSeconds) return answer;
    await o.sleep(wait * 1000);
  }
}
