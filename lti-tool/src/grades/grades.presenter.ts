import type { PassbackStatus, PassbackView } from './grades.store';

/** A passback as the admin API shows it. */
export function presentPassback(p: PassbackView) {
  return {
    id: p.id,
    status: p.status,
    user: { id: p.userId, name: p.userName },
    lineItem: { resourceId: p.resourceId, tag: p.tag, label: p.payload.lineItem.label },
    score: { given: p.payload.score.scoreGiven, maximum: p.payload.score.scoreMaximum, activityProgress: p.payload.score.activityProgress, gradingProgress: p.payload.score.gradingProgress },
    scoredAt: p.scoredAt.toISOString(),
    attempts: p.attempts,
    failure: p.failureKind ? { kind: p.failureKind, reason: p.lastError } : null,
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** GET /api/grades/failures. */
export function presentFailures(r: { failures: PassbackView[]; counts: Record<PassbackStatus, number> }) {
  return { failures: r.failures.map(presentPassback), counts: r.counts };
}
