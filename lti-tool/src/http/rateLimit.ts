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
    if (rule.limit <= 0) return next();
    const who = rule.key ? rule.key(req) : (req.ip ?? 'unknown');
    if (who === null) return next();
    let hit;
    try {
      hit = await store.hit(`${rule.name}:${who}`, rule.windowSeconds, rule.limit);
    } catch (err) {
      logger.warn({ err, rule: rule.name }, 'rate limit counter unavailable; request allowed');
      return next();
    }
    res.set('RateLimit-Policy', `${rule.limit};w=${rule.windowSeconds}`);
    if (hit.hits <= rule.limit) return next();
    const retryAfter = Math.max(1, Math.ceil((hit.resetsAt.getTime() - Date.now()) / 1000));
    res.set('Retry-After', String(retryAfter));
    const message = `Too many requests. Please wait ${retryAfter} seconds and try again.`;
    next(rule.adminHint ? new LaunchError(429, 'rate_limited', message, rule.adminHint) : new AppError(429, 'rate_limited', message));
  };
}
