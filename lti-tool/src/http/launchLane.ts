import type { IncomingMessage, ServerResponse } from 'node:http';
import querystring, { type ParsedUrlQuery } from 'node:querystring';
import proxyaddr from 'proxy-addr';
import type { Logger } from 'pino';
import { authenticate, type SessionIdentity, type SessionTokens } from '../lti/session';
import type { StaffroomRole } from '../lti/roles';
import { AppError } from './errors';
import { presentError } from './errorMiddleware';
import { countHit, type HitCounter, type RateLimitRule } from './rateLimit';
import { logLaneRequest } from './requestLog';
import type { ApplySecurityHeaders } from './securityHeaders';

/*
 * The launch lane (ADR 0014): the few requests every launch makes (login initiation, the launch itself and the home
 * screen's first call) served on plain node:http ahead of Express. A launch storm is thousands of these a minute,
 * and Express's per-request work (prototype swaps, ~40 router layers, body-parser, pino-http's child loggers) was
 * the largest share of the tool's CPU per launch left. Everything else a request needs is the same code Express
 * uses: security headers, rate limits, session checks, the request log line and the error presentation.
 */

/** A form body: each field once, or every value of a repeated field. */
export type FormFields = Record<string, string | string[]>;

/** What a lane route's handler is given. */
export interface LaneCall {
  req: IncomingMessage;
  res: ServerResponse;
  query: ParsedUrlQuery;
  /** The urlencoded body (routes with `form`), else empty. */
  form: FormFields;
  /** The caller's session (routes with `auth`). */
  session: SessionIdentity | null;
}

/** How a route reads its form body; the refusals are the route's own errors (launch pages for LTI). */
export interface FormRule {
  maxBytes: number;
  maxParams: number;
  tooLarge: () => AppError;
  tooManyParams: () => AppError;
}

/** One route of the lane. The handler writes the whole response (rawResponse.ts). */
export interface LaneRoute {
  method: 'GET' | 'POST';
  path: string;
  /** Counted first, by client address, before the body is read. */
  limit?: { store: HitCounter; rule: RateLimitRule };
  form?: FormRule;
  /** Requires a session with one of `roles` (any role when empty). */
  auth?: { tokens: SessionTokens; roles: StaffroomRole[] };
  handle(call: LaneCall): Promise<void>;
}

/** The lane: `serve` answers a request when one of its routes matches and returns false otherwise. */
export interface LaunchLane {
  /** 'METHOD /path' of every route, for the route inventory (test/security). */
  routes: string[];
  serve(req: IncomingMessage, res: ServerResponse): boolean;
}

/** Express's reading of `trust proxy` (express/lib/utils compileTrust), so req.ip and the lane agree. */
export function compileTrust(value: boolean | number | string): (addr: string, i: number) => boolean {
  if (value === true) return () => true;
  if (typeof value === 'number') return (_addr, i) => i < value;
  if (typeof value === 'string') return remembered(proxyaddr.compile(value.split(',').map((v) => v.trim())));
  return proxyaddr.compile([]);
}

/** How many addresses `remembered` keeps before it starts again. */
const REMEMBERED_ADDRESSES = 10_000;

/**
 * A list of trusted addresses depends on the address alone, and parsing it (ipaddr.js) on every request was ~1.5 % of
 * a launch's CPU: each answer is kept, so the load balancer's address and a client's next requests are looked up.
 */
function remembered(trust: (addr: string, i: number) => boolean): (addr: string, i: number) => boolean {
  const known = new Map<string, boolean>();
  return (addr, i) => {
    let trusted = known.get(addr);
    if (trusted === undefined) {
      if (known.size >= REMEMBERED_ADDRESSES) known.clear();
      trusted = trust(addr, i);
      known.set(addr, trusted);
    }
    return trusted;
  };
}

export function createLaunchLane(deps: {
  routes: LaneRoute[];
  logger: Logger;
  securityHeaders: ApplySecurityHeaders;
  trustProxy: boolean | number | string;
}): LaunchLane {
  const table = new Map(deps.routes.map((r) => [`${r.method} ${r.path.toLowerCase()}`, r]));
  const trust = compileTrust(deps.trustProxy);

  async function run(route: LaneRoute, req: IncomingMessage, res: ServerResponse, path: string, search: string, ip: string): Promise<void> {
    try {
      await deps.securityHeaders(req, res);
      if (route.limit) {
        const refusal = await countHit(route.limit.store, route.limit.rule, ip, res, deps.logger);
        if (refusal) throw refusal;
      }
      const form = route.form ? await readForm(req, route.form) : {};
      const session = route.auth ? await authenticate(route.auth.tokens, req.headers.authorization, route.auth.roles) : null;
      await route.handle({ req, res, query: search ? querystring.parse(search) : {}, form, session });
    } catch (err) {
      presentError(err, req, res, deps.logger, path);
    }
  }

  return {
    routes: deps.routes.map((r) => `${r.method} ${r.path}`),
    serve(req, res) {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const path = q < 0 ? url : url.slice(0, q);
      // As Express routes: HEAD is GET without the body (node:http drops it), paths match in any case and with a
      // trailing slash (an admin may have registered /lti/login/).
      const key = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
      const route = table.get(`${req.method === 'HEAD' ? 'GET' : req.method} ${key.toLowerCase()}`);
      if (!route) return false;
      const ip = proxyaddr(req, trust);
      logLaneRequest(deps.logger, req, res, ip);
      void run(route, req, res, path, q < 0 ? '' : url.slice(q + 1), ip);
      return true;
    },
  };
}

const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;

/**
 * Reads an urlencoded body as body-parser's `urlencoded({ extended: false })` did: another content type is an empty
 * form; over `maxBytes` (declared or streamed) or `maxParams` fields is the route's refusal; a charset other than
 * UTF-8 is 415. Compressed bodies are refused (415): no LMS compresses a form post.
 */
export function readForm(req: IncomingMessage, rule: FormRule): Promise<FormFields> {
  const type = req.headers['content-type'] ?? '';
  if (!FORM_TYPE.test(type)) return Promise.resolve({});
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') return Promise.reject(new AppError(415, 'unsupported_encoding', 'The request body encoding is not supported.'));
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity') return Promise.reject(new AppError(415, 'unsupported_encoding', 'The request body encoding is not supported.'));
  if (Number(req.headers['content-length'] ?? 0) > rule.maxBytes) return Promise.reject(rule.tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (err: unknown, form?: FormFields) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      if (err) reject(err);
      else resolve(form!);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > rule.maxBytes) settle(rule.tooLarge());
      else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      try {
        settle(null, parseForm(Buffer.concat(chunks, size).toString('utf8'), rule));
      } catch (err) {
        settle(err);
      }
    });
    req.once('error', settle);
    // A client that goes away mid-body ends nothing: settle so the request's closures are released.
    req.once('close', () => {
      if (!settled) settle(new AppError(400, 'request_aborted', 'The request was aborted before its body arrived.'));
    });
  });
}

function parseForm(body: string, rule: FormRule): FormFields {
  // No prototype: a field named __proto__ is just a field.
  const form: FormFields = Object.create(null);
  if (!body) return form;
  let count = 1;
  for (let i = body.indexOf('&'); i !== -1; i = body.indexOf('&', i + 1)) if (++count > rule.maxParams) throw rule.tooManyParams();
  for (const [name, value] of new URLSearchParams(body)) {
    const seen = form[name];
    form[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return form;
}
