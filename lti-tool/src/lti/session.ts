import { createSecretKey } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
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

/**
 * Signs and checks session tokens. HMAC with a key derived from the shared secret, so any tool
 * process behind the load balancer can verify a token without a lookup or third-party cookies.
 */
export function createSessionTokens(secret: string, ttlSeconds: number) {
  // A KeyObject prepared once: given raw bytes, jose would build one on every sign and verify.
  const key = createSecretKey(deriveKey(secret, 'session-token:v1'));
  return {
    ttlSeconds,
    async sign(s: SessionIdentity, now: Date = new Date()): Promise<string> {
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT({ uid: s.userId, cid: s.contextId, pid: s.platformId, did: s.deploymentId, role: s.role })
        .setProtectedHeader({ alg: 'HS256' })
        .setJti(s.sessionId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttlSeconds)
        .sign(key);
    },
    async verify(token: string): Promise<SessionIdentity | 'expired' | null> {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
        const { jti, uid, cid, pid, did, role } = payload as Record<string, unknown>;
        if ([jti, uid, cid, pid, did].some((v) => typeof v !== 'string')) return null;
        if (role !== 'admin' && role !== 'lead' && role !== 'participant') return null;
        return { sessionId: jti as string, userId: uid as string, contextId: cid as string, platformId: pid as string, deploymentId: did as string, role };
      } catch (e) {
        return (e as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'expired' : null;
      }
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
  const identity = await tokens.verify(match[1]!);
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
