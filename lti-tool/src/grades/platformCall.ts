import http from 'node:http';
import https from 'node:https';
import { retryAfterSeconds } from '../http/boundedBody';

/** Why a call to a platform service did not give a usable answer. */
export type PlatformCallFailure =
  | 'network'
  | 'timeout'
  | 'rate_limited'
  | 'server_error'
  | 'unauthorized'
  | 'conflict'
  | 'not_found'
  | 'rejected'
  | 'malformed_answer'
  | 'too_large';

/** Failures worth another attempt later: the platform may well answer properly then. */
const TRANSIENT: ReadonlySet<PlatformCallFailure> = new Set(['network', 'timeout', 'rate_limited', 'server_error', 'malformed_answer', 'too_large']);

/** A platform service call that failed, classified so the caller can retry, refresh the token or give up. */
export class PlatformCallError extends Error {
  constructor(
    readonly failure: PlatformCallFailure,
    message: string,
    readonly status: number | null,
    /** What the platform asked for in Retry-After (429, 503), in seconds. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'PlatformCallError';
  }
  get transient(): boolean {
    return TRANSIENT.has(this.failure);
  }
}

/** One request to a platform service. */
export interface PlatformRequest {
  method: 'GET' | 'POST';
  url: string;
  accept: string;
  bearer: string;
  body?: { contentType: string; json: unknown };
  timeoutMs: number;
  /** Answers larger than this are refused (a platform must not be able to exhaust the tool's memory). */
  maxBytes: number;
  /** A 2xx answer's body is not needed (a score was accepted): it is not read at all. */
  discardBody?: boolean;
  userAgent: string;
}

/** A 2xx answer, read within the size limit. */
export interface PlatformAnswer {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
}

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const headerGetter = (h: http.IncomingHttpHeaders) => ({
  get: (name: string): string | null => {
    const v = h[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
  },
});

/** A short, tag-free excerpt of an error body for the admin's failure list. */
function excerpt(text: string): string {
  const plain = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return plain.length > 300 ? `${plain.slice(0, 300)}…` : plain;
}

function failureFor(status: number): PlatformCallFailure {
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 408 || status === 425 || status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'rejected';
}

/**
 * Calls platform services with a bearer token, a User-Agent (Canvas requires one), a timeout covering the
 * whole exchange and a size limit on the answer; non-2xx answers and transport errors become
 * PlatformCallError. Plain node:http(s) with keep-alive agents (at most 64 connections per LMS host):
 * a passback worker makes thousands of small calls, and fetch costs several times the CPU per call.
 * Redirects are not followed: an AGS endpoint that redirects is misconfigured (and would drop a POST body).
 * Idle keep-alive sockets are unreferenced by node, so they never keep a stopping process alive.
 */
export function createPlatformCaller() {
  const agents = { 'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }), 'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }) };

  function exchange(target: URL, r: PlatformRequest, payload: Buffer | null, where: string, retried = false): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = { accept: r.accept, authorization: `Bearer ${r.bearer}`, 'user-agent': r.userAgent };
      if (payload) Object.assign(headers, { 'content-type': r.body!.contentType, 'content-length': payload.length });
      const lib = target.protocol === 'https:' ? https : http;
      const req = lib.request(target, { method: r.method, headers, agent: agents[target.protocol as 'http:' | 'https:'] });
      const timer = setTimeout(() => req.destroy(new PlatformCallError('timeout', `${where} did not answer within ${r.timeoutMs} ms`, null)), r.timeoutMs);
      let answered = false;
      const fail = (e: unknown) => {
        clearTimeout(timer);
        if (e instanceof PlatformCallError) return reject(e);
        const code = (e as { code?: string }).code;
        // A kept-alive socket the server closed just as we reused it: the request never reached the server, so it
        // is sent again once on a fresh socket (Node's documented remedy) instead of counting as a failed attempt.
        if (!retried && !answered && req.reusedSocket && code === 'ECONNRESET') return void exchange(target, r, payload, where, true).then(resolve, reject);
        reject(new PlatformCallError('network', `${where} unreachable: ${code ?? (e as Error).message}`, null));
      };
      req.on('error', fail);
      req.on('response', (res) => {
        answered = true;
        const status = res.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        const limit = ok ? r.maxBytes : 16_384; // of an error page, an excerpt is enough
        if (ok && r.discardBody) {
          res.resume();
          res.on('end', () => {
            clearTimeout(timer);
            resolve({ status, headers: res.headers, body: Buffer.alloc(0) });
          });
          res.on('error', fail);
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        const tooLarge = () => new PlatformCallError('too_large', `${where} answered more than ${limit} bytes`, status);
        if (ok && Number(res.headers['content-length']) > limit) return void req.destroy(tooLarge());
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= limit) chunks.push(chunk);
          else if (ok) req.destroy(tooLarge());
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status, headers: res.headers, body: Buffer.concat(chunks) });
        });
        res.on('error', fail);
      });
      req.end(payload ?? undefined);
    });
  }

  return {
    async call(r: PlatformRequest): Promise<PlatformAnswer> {
      const target = new URL(r.url);
      if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new PlatformCallError('rejected', `${r.url} is not an http(s) URL`, null);
      const where = `${r.method} ${target.origin}${target.pathname}`;
      const raw = await exchange(target, r, r.body ? Buffer.from(JSON.stringify(r.body.json)) : null, where);
      const headers = headerGetter(raw.headers);
      if (raw.status >= 200 && raw.status < 300) return { status: raw.status, headers, text: raw.body.toString('utf8') };
      if (raw.status >= 300 && raw.status < 400) {
        throw new PlatformCallError('rejected', `${where} answered a redirect (${raw.status}) to ${headers.get('location') ?? 'nowhere'}; AGS endpoints must answer directly`, raw.status);
      }
      const detail = excerpt(raw.body.toString('utf8'));
      throw new PlatformCallError(failureFor(raw.status), `${where} answered ${raw.status}${detail ? `: ${detail}` : ''}`, raw.status, retryAfterSeconds(headers.get('retry-after')));
    },
  };
}

/** Platform service calls. */
export type PlatformCaller = ReturnType<typeof createPlatformCaller>;

/** Parses a JSON answer whose content type must be JSON (an HTML login or error page is not an answer). */
export function parseJsonAnswer(answer: PlatformAnswer, what: string): unknown {
  const type = (answer.headers.get('content-type') ?? '').toLowerCase();
  if (!/^application\/([a-z0-9.+-]*\+)?json\b/.test(type)) {
    throw new PlatformCallError('malformed_answer', `${what}: the platform answered ${type || 'no content type'} instead of JSON`, answer.status);
  }
  try {
    return JSON.parse(answer.text);
  } catch {
    throw new PlatformCallError('malformed_answer', `${what}: the platform's answer is not valid JSON`, answer.status);
  }
}
