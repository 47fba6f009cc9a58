import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { errors } from '../http/errors';
import type { StaffroomRole } from './roles';
import { deriveKey } from './secretBox';

/** Who is calling, as proven by the bearer token a launch handed to the SPA. */
export interface SessionIdentity {
  sessionId: string;
  userId: string;
  contextId: string;
  platformId: string;
  deploymentId: string;
  role: StaffroomRole;
}

const ISSUER = 'staffroom';
const AUDIENCE = 'staffroom-api';

// Every token has this header. Verification compares it as text, so no other algorithm (nor `none`) gets a say.
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');

/**
 * Signs and checks session tokens: HS256 JWTs with a key derived from the shared secret, so any tool process behind
 * the load balancer can verify a token without a lookup or third-party cookies. The tool is the only issuer and
 * reader of these tokens, so they are made and checked with node:crypto directly, like the sealed login states:
 * one fixed header, a constant-time MAC comparison, then the claims. jose's general JWT machinery cost ~30 µs per
 * sign and per verify here against ~4 µs for the HMAC itself, twice per launch (ADR 0019).
 */
export function createSessionTokens(secret: string, ttlSeconds: number) {
  const key = deriveKey(secret, 'session-token:v1');
  const mac = (input: string) => createHmac('sha256', key).update(input).digest('base64url');
  return {
    ttlSeconds,
    sign(s: SessionIdentity, now: Date = new Date()): string {
      const iat = Math.floor(now.getTime() / 1000);
      const claims = { uid: s.userId, cid: s.contextId, pid: s.platformId, did: s.deploymentId, role: s.role, jti: s.sessionId, iss: ISSUER, aud: AUDIENCE, iat, exp: iat + ttlSeconds };
      const input = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
      return `${input}.${mac(input)}`;
    },
    verify(token: string, now: Date = new Date()): SessionIdentity | 'expired' | null {
      const dot = token.indexOf('.');
      const lastDot = token.lastIndexOf('.');
      if (dot < 0 || lastDot === dot || token.slice(0, dot) !== HEADER) return null;
      // The MAC is compared as text: base64url decoding is lenient, so comparing bytes would accept altered spellings.
      const given = Buffer.from(token.slice(lastDot + 1));
      const expected = Buffer.from(mac(token.slice(0, lastDot)));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      let payload: Record<string, unknown>;
      try {
        payload = JSON.parse(Buffer.from(token.slice(dot + 1, lastDot), 'base64url').toString('utf8')) as Record<string, unknown>;
      } catch {
        return null;
      }
      const { jti, uid, cid, pid, did, role, iss, aud, exp } = payload ?? {};
      if (iss !== ISSUER || aud !== AUDIENCE || typeof exp !== 'number') return null;
      if ([jti, uid, cid, pid, did].some((v) => typeof v !== 'string')) return null;
      if (role !== 'admin' && role !== 'lead' && role !== 'participant') return null;
      if (exp <= Math.floor(now.getTime() / 1000)) return 'expired';
      return { sessionId: jti as string, userId: uid as string, contextId: cid as string, platformId: pid as string, deploymentId: did as string, role };
    },
  };
}

/** Session token signing and verification. */
export type SessionTokens = ReturnType<typeof createSessionTokens>;

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by requireLaunch: the signed-in person in their launch context. */
    session?: SessionIdentity;
  }
}

/** The session an Authorization header proves, with one of `roles` (any role when empty); throws the 401/403 otherwise. */
export async function authenticate(tokens: SessionTokens, authorization: string | undefined, roles: readonly StaffroomRole[]): Promise<SessionIdentity> {
  const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(authorization ?? '');
  if (!match) throw errors.unauthenticated();
  const identity = tokens.verify(match[1]!);
  if (identity === 'expired') throw errors.sessionExpired();
  if (!identity) throw errors.unauthenticated('Your session token is not valid. Open Staffroom again from your course in the LMS.');
  if (roles.length > 0 && !roles.includes(identity.role)) throw errors.forbidden();
  return identity;
}

/** Middleware: requires a valid session whose role is one of `roles` (all roles when omitted). */
export function requireLaunch(tokens: SessionTokens, ...roles: StaffroomRole[]) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    try {
      req.session = await authenticate(tokens, req.get('authorization'), roles);
    } catch (err) {
      return next(err);
    }
    next();
  };
}

/** The session set by requireLaunch (throws if a route forgot the middleware). */
export function sessionOf(req: Request): SessionIdentity {
  if (!req.session) throw errors.unauthenticated();
  return req.session;
}
