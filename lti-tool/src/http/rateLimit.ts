import type { ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { LaunchError } from '../lti/launchErrors';
import { AppError } from './errors';
import type { Hit } from './rateLimit.store';

/** Where hits are counted: exact shared rows (rateLimit.store.ts) or per-process batches (rateLimit.batched.ts). */
export interface HitCounter {
  hit(key: string, windowSeconds: number, limit: number): Promise<Hit>;
}

/** One limit: at most `limit` requests per `windowSeconds` for each key (0 turns it off). */
export interface RateLimitRule {
  /** Names the counter (and appears in the error), e.g. `lti-launch`. */
  name: string;
  limit: number;
  windowSeconds: number;
  /** Whose requests count together: by default the client address (`trust proxy` decides which one that is). */
  key?: (req: Request) => string | null;
  /** For LTI endpoints: what the LMS administrator can do about it (the refusal becomes a launch error page). */
  adminHint?: string;
}

/**
 * Refuses requests over the limit with 429 `rate_limited` and Retry-After. Counters are shared through the database,
 * so the limit holds across tool processes (exactly, or within the bound of ADR 0012 for batched counters). If the counter cannot be read the request goes on: a limiter must not turn a
 * database hiccup into an outage of its own (the request itself will report the database).
 */
export function rateLimit(store: HitCounter, rule: RateLimitRule, logger: Logger): RequestHandler {
  return async (req, res, next) => {
    const who = rule.key ? rule.key(req) : (req.ip ?? 'unknown');
    next((await countHit(store, rule, who, res, logger)) ?? undefined);
  };
}

/**
 * Counts one request of `who` (null: not limited) and sets RateLimit-Policy; over the limit it sets Retry-After and
 * returns the refusal to raise. Plain node:http, shared by the middleware above and the launch lane.
 */
export async function countHit(store: HitCounter, rule: RateLimitRule, who: string | null, res: ServerResponse, logger: Logger): Promise<AppError | null> {
  if (rule.limit <= 0 || who === null) return null;
  let hit;
  try {
    hit = await store.hit(`${rule.name}:${who}`, rule.windowSeconds, rule.limit);
  } catch (err) {
    logger.warn({ err, rule: rule.name }, 'rate limit counter unavailable; request allowed');
    return null;
  }
  res.setHeader('RateLimit-Policy', `${rule.limit};w=${rule.windowSeconds}`);
  if (hit.hits <= rule.limit) return null;
  const retryAfter = Math.max(1, Math.ceil((hit.resetsAt.getTime() - Date.now()) / 1000));
  res.setHeader('Retry-After', String(retryAfter));
  const message = `Too many requests. Please wait ${retryAfter} seconds and try again.`;
  return rule.adminHint ? new LaunchError(429, 'rate_limited', message, rule.adminHint) : new AppError(429, 'rate_limited', message);
}
