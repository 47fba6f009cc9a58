import { Router, type Request } from 'express';
import { errors } from '../http/errors';
import { requireLaunch, sessionOf, type SessionTokens } from '../lti/session';
import { requireOperator } from '../registration/operator.auth';
import { auditQuery, cursorOf } from './audit.schema';
import type { AuditScope, AuditStore } from './audit.store';
import type { AuditEvent } from './audit.types';

const present = (e: AuditEvent) => ({
  id: e.id,
  occurredAt: e.occurredAt.toISOString(),
  action: e.action,
  actor: { kind: e.actorKind, userId: e.actorUserId },
  subject: { type: e.subjectType, id: e.subjectId },
  details: e.details,
});

async function page(store: AuditStore, scope: AuditScope, req: Request) {
  const parsed = auditQuery.safeParse(req.query);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
    throw errors.validation(fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
  }
  const q = parsed.data;
  const events = await store.list(scope, { actions: q.action, from: q.from, to: q.to, limit: q.limit + 1, before: q.cursor });
  const shown = events.slice(0, q.limit);
  return { events: shown.map(present), nextCursor: events.length > q.limit ? cursorOf(shown[shown.length - 1]!) : null };
}

/**
 * The audit log: GET /api/audit for a tenant's LMS administrators (their deployment's events and their platform's
 * registration events), and GET /api/operator/audit for the tool operator (everything) when OPERATOR_TOKEN is set.
 */
export function auditRoutes(deps: { tokens: SessionTokens; store: AuditStore; operatorToken?: string }): Router {
  const router = Router();
  router.get('/api/audit', requireLaunch(deps.tokens, 'admin'), async (req, res) => {
    const s = sessionOf(req);
    res.set('cache-control', 'no-store').json(await page(deps.store, { kind: 'tenant', platformId: s.platformId, deploymentRowId: s.deploymentId }, req));
  });
  if (deps.operatorToken) {
    router.get('/api/operator/audit', requireOperator(deps.operatorToken), async (req, res) => {
      res.set('cache-control', 'no-store').json(await page(deps.store, { kind: 'operator' }, req));
    });
  }
  return router;
}
