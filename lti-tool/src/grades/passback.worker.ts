import type { Logger } from 'pino';
import type { Platform, PlatformStore } from '../lti/platform.store';
import type { AgsClient } from './ags.client';
import { PassbackError, type PassbackFailureKind } from './grades.errors';
import type { GradesStore, PassbackAttempt } from './grades.store';
import type { LineItemsService, ScoreTarget } from './lineItems.service';
import { isLti11Platform, type Lti11Passback } from './lti11Passback';
import { isGradable, retryDelayMs, timestampToSend } from './passback.policy';
import { PlatformCallError } from './platformCall';

/** The job a passback is delivered by. */
export interface PassbackJob {
  passbackId: string;
}

/** A failure as the worker decides on it. */
type Verdict =
  | { outcome: 'retry'; kind: PassbackFailureKind; message: string; retryAfterSeconds?: number | null }
  | { outcome: 'fail'; kind: PassbackFailureKind; message: string }
  | { outcome: 'superseded'; message: string }
  | { outcome: 'arrived-earlier'; message: string; url: string }
  | { outcome: 'forget-and-retry'; message: string; url: string };

function judge(err: unknown, target: ScoreTarget | null, previousFailure: string | null): Verdict {
  if (err instanceof PassbackError) return { outcome: err.transient ? 'retry' : 'fail', kind: err.kind, message: err.message };
  if (err instanceof PlatformCallError) {
    if (err.failure === 'conflict' && target && previousFailure === 'platform_timeout') {
      // The previous attempt timed out on our side but reached the LMS, which now holds this very score.
      return { outcome: 'arrived-earlier', message: `The LMS already holds this score (${err.message}): the previous attempt, which timed out, had arrived.`, url: target.url };
    }
    if (err.failure === 'conflict' && target) {
      return { outcome: 'superseded', message: `The LMS already holds a score for this person and column dated at or after this one (${err.message}): an earlier attempt arrived, or the grade was changed in the LMS.` };
    }
    if (err.failure === 'not_found' && target?.source === 'managed') return { outcome: 'forget-and-retry', message: err.message, url: target.url };
    if (err.transient) return { outcome: 'retry', kind: err.failure === 'timeout' ? 'platform_timeout' : 'platform_unavailable', message: err.message, retryAfterSeconds: err.retryAfterSeconds };
    if (err.failure === 'not_found' && target) return { outcome: 'fail', kind: 'line_item_gone', message: `The gradebook column no longer exists in the LMS (${err.message}).` };
    if (err.failure === 'unauthorized') return { outcome: 'fail', kind: 'token_refused', message: `The LMS refused a fresh access token (${err.message}).` };
    return { outcome: 'fail', kind: 'platform_rejected', message: `The LMS refused the score (${err.message}).` };
  }
  return { outcome: 'retry', kind: 'platform_unavailable', message: (err as Error)?.message ?? String(err) };
}

const exhaustive = (v: never): never => {
  throw new Error(`unhandled verdict ${JSON.stringify(v)}`);
};

/** How transient failures are retried. */
export interface RetryPolicy {
  /** Attempts after the first one. */
  limit: number;
  delaySeconds: number;
  backoff: boolean;
}

/**
 * Delivers one passback: skips it when a newer score for the same person and column exists (or the person
 * has no gradebook row), finds its line item, posts the score with its own timestamp, and marks it
 * delivered only if it was still pending. A transient failure schedules the next attempt as a new job
 * (exponential backoff with jitter, at least Retry-After); after the last attempt, and for permanent
 * failures, the passback is marked failed for an admin.
 */
export function createPassbackWorker(deps: {
  store: GradesStore;
  lineItems: LineItemsService;
  ags: AgsClient;
  platforms: PlatformStore;
  lti11: Lti11Passback;
  retry: RetryPolicy;
  /** Records the error and enqueues the next attempt for `at` (one transaction). */
  retryLater(passbackId: string, at: Date, kind: string, message: string): Promise<void>;
  attemptLeaseSeconds: number;
  logger: Logger;
}) {
  // Registrations change rarely; a minute-old copy is fine for posting scores.
  const platforms = new Map<string, { platform: Platform | null; until: number }>();
  async function platformOf(id: string): Promise<Platform | null> {
    const cached = platforms.get(id);
    if (cached && cached.until > Date.now()) return cached.platform;
    const platform = await deps.platforms.findById(id);
    platforms.set(id, { platform, until: Date.now() + 60_000 });
    return platform;
  }

  /** Posts the score; `reached` learns the target as soon as it is known (the verdict depends on it). */
  async function deliver(p: PassbackAttempt, reached: (t: ScoreTarget) => void): Promise<void> {
    const platform = await platformOf(p.platformId);
    if (!platform) throw new PassbackError('platform_missing', false, 'The LMS registration of this course no longer exists.');
    if (isLti11Platform(platform)) {
      const serviceUrl = await deps.lti11.deliver(p, platform);
      await deps.store.markDelivered(p.id, { sentTimestamp: p.scoredAt, lineItemUrl: serviceUrl });
      return;
    }
    const req = { contextId: p.contextId, resourceId: p.resourceId, tag: p.tag, resourceLinkId: p.resourceLinkId, label: p.payload.lineItem.label, scoreMaximum: p.payload.lineItem.scoreMaximum };
    const target = await deps.lineItems.resolve(platform, req);
    reached(target);
    const sent = timestampToSend(p.scoredAt, p.lastSent);
    const s = p.payload.score;
    await deps.ags.postScore(platform, target.url, {
      userId: p.userSub,
      scoreGiven: s.scoreGiven,
      scoreMaximum: s.scoreMaximum,
      activityProgress: s.activityProgress,
      gradingProgress: s.gradingProgress,
      timestamp: sent.toISOString(),
      ...(s.comment !== null ? { comment: s.comment } : {}),
    });
    if (!(await deps.store.markDelivered(p.id, { sentTimestamp: sent, lineItemUrl: target.url }))) {
      deps.logger.warn({ passbackId: p.id }, 'passback was settled elsewhere while it was being posted');
    }
  }

  /** Retries later (a new job, so the delay can honour Retry-After), or ends the passback. */
  async function retryOrGiveUp(p: PassbackAttempt, kind: PassbackFailureKind, message: string, retryAfterSeconds: number | null): Promise<void> {
    if (p.attempts > deps.retry.limit) {
      await deps.store.settle(p.id, 'failed', 'retries_exhausted', `Gave up after ${p.attempts} attempts; the last error: ${message}`);
      deps.logger.warn({ passbackId: p.id, reason: message }, 'grade passback failed after its last retry');
      return;
    }
    const delay = retryDelayMs(p.attempts, { delaySeconds: deps.retry.delaySeconds, backoff: deps.retry.backoff, retryAfterSeconds });
    await deps.retryLater(p.id, new Date(Date.now() + delay), kind, message);
  }

  async function settleFailure(p: PassbackAttempt, verdict: Verdict): Promise<void> {
    switch (verdict.outcome) {
      case 'superseded':
        await deps.store.settle(p.id, 'superseded', 'platform_has_newer', verdict.message);
        return;
      case 'arrived-earlier':
        await deps.store.markDelivered(p.id, { sentTimestamp: timestampToSend(p.scoredAt, p.lastSent), lineItemUrl: verdict.url });
        return;
      case 'fail':
        await deps.store.settle(p.id, 'failed', verdict.kind, verdict.message);
        deps.logger.warn({ passbackId: p.id, kind: verdict.kind, reason: verdict.message }, 'grade passback failed');
        return;
      case 'forget-and-retry':
        await deps.lineItems.forget({ contextId: p.contextId, resourceId: p.resourceId, tag: p.tag }, verdict.url);
        return retryOrGiveUp(p, 'platform_unavailable', verdict.message, null);
      case 'retry':
        return retryOrGiveUp(p, verdict.kind, verdict.message, verdict.retryAfterSeconds ?? null);
      default:
        return exhaustive(verdict);
    }
  }

  return {
    async handle(job: { data: PassbackJob }): Promise<void> {
      const p = await deps.store.beginAttempt(job.data.passbackId, deps.attemptLeaseSeconds);
      if (!p) return; // delivered, settled, gone, or being posted by another job: nothing to do
      if (p.newerExists) {
        await deps.store.settle(p.id, 'superseded', 'newer_score', 'A newer score for this person and gradebook column exists; this older one is not sent.');
        return;
      }
      if (!isGradable(p.ltiRoles, p.membershipStatus)) {
        await deps.store.settle(p.id, 'skipped', 'not_gradable', 'This person is not an active learner of the course in the LMS, so the gradebook has no row for them.');
        return;
      }
      const seen: { target: ScoreTarget | null } = { target: null };
      try {
        await deliver(p, (t) => (seen.target = t));
      } catch (err) {
        await settleFailure(p, judge(err, seen.target, p.previousFailure));
      }
    },
  };
}

/** The grade passback job handler. */
export type PassbackWorker = ReturnType<typeof createPassbackWorker>;
