import express, { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { AppError, errors } from '../http/errors';
import { createSandboxAgsStore, FAULT_KINDS, type FaultKind, type SandboxAgsStore, type SandboxLineItem } from './sandbox.ags.store';
import { PERSONAS } from './sandbox.personas';
import type { SandboxTokenEndpoint } from './sandbox.token';

const SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/';
const MEDIA = {
  lineItem: 'application/vnd.ims.lis.v2.lineitem+json',
  container: 'application/vnd.ims.lis.v2.lineitemcontainer+json',
  score: 'application/vnd.ims.lis.v1.score+json',
  results: 'application/vnd.ims.lis.v2.resultcontainer+json',
} as const;
/** Moodle's tool type id, which every AGS URL carries as `?type_id=1`. */
const TYPE_ID = '1';
/** ISO 8601 with a time zone and sub-second precision, as AGS asks of score timestamps. */
const ISO_SUBSECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{1,9}(Z|[+-]\d{2}:\d{2})$/;

const lineItemBody = z.object({
  label: z.string().trim().min(1).max(255),
  scoreMaximum: z.number().positive().finite(),
  resourceId: z.string().max(255).optional(),
  tag: z.string().max(255).optional(),
  resourceLinkId: z.string().max(255).optional(),
});

const scoreBody = z
  .object({
    userId: z.string().min(1).max(255),
    scoreGiven: z.number().min(0).finite().optional(),
    scoreMaximum: z.number().positive().finite().optional(),
    comment: z.string().max(10_000).optional(),
    activityProgress: z.enum(['Initialized', 'Started', 'InProgress', 'Submitted', 'Completed']),
    gradingProgress: z.enum(['FullyGraded', 'Pending', 'PendingManual', 'Failed', 'NotReady']),
    timestamp: z.string().regex(ISO_SUBSECOND, 'timestamp must be ISO 8601 with sub-second precision and a time zone'),
  })
  .refine((s) => s.scoreGiven === undefined || s.scoreMaximum !== undefined, { message: 'scoreMaximum is required with scoreGiven', path: ['scoreMaximum'] });

const faultBody = z.object({
  target: z.enum(['scores', 'lineitems', 'create', 'any']).default('scores'),
  kind: z.enum(FAULT_KINDS),
  count: z.number().int().min(1).max(1_000_000).nullable().default(1),
  rate: z.number().min(0).max(1).default(1),
  delayMs: z.number().int().min(0).max(60_000).default(0),
});

/** Persona subs the sandbox knows are not gradable (Moodle answers 400 for a non-student). */
const NOT_GRADABLE = new Set(PERSONAS.filter((p) => !p.roles.some((r) => r.endsWith('#Learner'))).map((p) => p.sub));

const refuse = (status: 400 | 401 | 403 | 404 | 415, id: string, message: string) => new AppError(status, id, `Sandbox AGS: ${message}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The sandbox platform's Assignment and Grade Services (AGS 2.0) under /sandbox/ags/:contextId, shaped like
 * Moodle's (URLs carry `?type_id=1`; line item URL + `/scores`; same-second or older scores answered 409), plus
 * controls for tests: a "grade sync only" mode that refuses line item creation, and injected faults.
 */
export function sandboxAgsRoutes(deps: { db: Knex; tokens: SandboxTokenEndpoint; issuer: string }): Router {
  const router = Router();
  const store: SandboxAgsStore = createSandboxAgsStore(deps.db);
  const json = express.json({ type: [MEDIA.lineItem, MEDIA.score, 'application/json'], limit: '64kb' });
  const base = (contextId: string) => `${deps.issuer}/ags/${encodeURIComponent(contextId)}`;
  const lineItemUrl = (item: SandboxLineItem) => `${base(item.contextId)}/lineitems/${item.id}/lineitem?type_id=${TYPE_ID}`;
  const present = (item: SandboxLineItem) => ({
    id: lineItemUrl(item),
    label: item.label,
    scoreMaximum: item.scoreMaximum,
    ...(item.resourceId !== null ? { resourceId: item.resourceId } : {}),
    ...(item.tag !== null ? { tag: item.tag } : {}),
    ...(item.resourceLinkId !== null ? { resourceLinkId: item.resourceLinkId } : {}),
  });

  // Verified access tokens for a minute (the sandbox's own HMAC tokens): the score endpoint is hot in benchmarks.
  const tokenCache = new Map<string, { scopes: string[] | null; until: number }>();
  async function verified(token: string): Promise<string[] | null> {
    const hit = tokenCache.get(token);
    if (hit && hit.until > Date.now()) return hit.scopes;
    const scopes = await deps.tokens.verifyAccessToken(token);
    if (tokenCache.size > 1000) tokenCache.clear();
    tokenCache.set(token, { scopes, until: Date.now() + 60_000 });
    return scopes;
  }

  /** Checks the bearer token and `?type_id=1` as Moodle's services.php does. */
  async function authorize(req: Request, anyOf: string[]): Promise<void> {
    if (req.query.type_id !== TYPE_ID) throw refuse(400, 'sandbox_ags_type_id', 'the type_id=1 query parameter is missing (keep the query string of AGS URLs)');
    const match = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '');
    const scopes = match ? await verified(match[1]!) : null;
    if (!scopes) throw refuse(401, 'sandbox_ags_unauthorized', 'a valid bearer access token is required');
    if (!anyOf.some((s) => scopes.includes(SCOPE + s))) throw refuse(403, 'sandbox_ags_scope', `the access token lacks the scope ${anyOf.map((s) => SCOPE + s).join(' or ')}`);
  }

  async function findItem(req: Request): Promise<SandboxLineItem> {
    const id = Number(req.params.id);
    const item = Number.isSafeInteger(id) ? await store.findLineItem(String(req.params.contextId), id) : null;
    if (!item) throw refuse(404, 'sandbox_ags_no_line_item', 'no such line item in this course');
    return item;
  }

  /** Answers with an injected fault; returns true when the call must not take effect. */
  async function injectFailure(res: Response, fault: { kind: FaultKind; delayMs: number } | null): Promise<boolean> {
    if (!fault) return false;
    switch (fault.kind) {
      case '429':
        res.status(429).set('retry-after', '1').json({ error: 'rate limited by the sandbox' });
        return true;
      case '500':
        res.status(500).json({ error: 'sandbox internal error' });
        return true;
      case '400':
        res.status(400).json({ error: 'sandbox refused the request' });
        return true;
      case '401':
        res.status(401).set('www-authenticate', 'Bearer error="invalid_token"').json({ error: 'access token revoked by the sandbox' });
        return true;
      case 'html':
        res.status(502).type('html').send('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>');
        return true;
      case 'timeout':
        await sleep(fault.delayMs || 5000);
        if (!res.writableEnded) res.status(504).type('text').send('gateway timeout');
        return true;
      case 'slow':
      case 'invalid-json':
      case 'huge':
        return false; // the call takes effect; its answer comes late or mangled (see send)
    }
  }

  /** Sends a successful answer, late or mangled when the fault says so. */
  async function send(res: Response, status: number, type: string, body: unknown, fault: { kind: FaultKind; delayMs: number } | null): Promise<void> {
    if (fault?.kind === 'slow') await sleep(fault.delayMs || 5000);
    if (res.writableEnded) return;
    res.status(status).type(type);
    if (fault?.kind === 'invalid-json') res.send('{"id": "truncated');
    else if (fault?.kind === 'huge') res.send(`[${'{"label":"padding","scoreMaximum":1},'.repeat(80_000)}{}]`);
    else res.send(JSON.stringify(body));
  }

  router.get('/sandbox/ags/:contextId/lineitems', async (req, res) => {
    await authorize(req, ['lineitem', 'lineitem.readonly']);
    const contextId = String(req.params.contextId);
    const fault = await store.takeFault(contextId, 'lineitems');
    if (await injectFailure(res, fault)) return;
    const q = req.query as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const limit = Math.min(Math.max(Number(q.limit) || 100, 1), 1000);
    const from = Math.max(Number(q.from) || 0, 0);
    const items = await store.listLineItems(contextId, { resourceId: str(q.resource_id), tag: str(q.tag), resourceLinkId: str(q.resource_link_id), offset: from, limit });
    if (items.length === limit) {
      const next = new URL(`${base(contextId)}/lineitems`);
      for (const [k, v] of Object.entries(q)) if (typeof v === 'string' && k !== 'from') next.searchParams.set(k, v);
      next.searchParams.set('limit', String(limit));
      next.searchParams.set('from', String(from + limit));
      res.set('link', `<${next}>; rel="next"`);
    }
    await send(res, 200, MEDIA.container, items.map(present), fault);
  });

  router.post('/sandbox/ags/:contextId/lineitems', json, async (req, res) => {
    await authorize(req, ['lineitem']);
    const contextId = String(req.params.contextId);
    if (await store.gradeSyncOnly(contextId)) throw refuse(403, 'sandbox_ags_grade_sync_only', 'this course uses grade sync only: the tool may not create line items');
    if (!req.is(MEDIA.lineItem)) throw refuse(415, 'sandbox_ags_media_type', `Content-Type must be ${MEDIA.lineItem}`);
    const fault = await store.takeFault(contextId, 'create');
    if (await injectFailure(res, fault)) return;
    const body = lineItemBody.safeParse(req.body);
    if (!body.success) throw errors.validation('Sandbox AGS: the line item is not valid', body.error.issues);
    const item = await store.createLineItem({ contextId, label: body.data.label, scoreMaximum: body.data.scoreMaximum, resourceId: body.data.resourceId ?? null, tag: body.data.tag ?? null, resourceLinkId: body.data.resourceLinkId ?? null });
    await send(res, 201, MEDIA.lineItem, present(item), fault);
  });

  router.get('/sandbox/ags/:contextId/lineitems/:id/lineitem', async (req, res) => {
    await authorize(req, ['lineitem', 'lineitem.readonly']);
    res.type(MEDIA.lineItem).send(JSON.stringify(present(await findItem(req))));
  });

  router.post('/sandbox/ags/:contextId/lineitems/:id/lineitem/scores', json, async (req, res) => {
    await authorize(req, ['score']);
    if (!req.is(MEDIA.score)) throw refuse(415, 'sandbox_ags_media_type', `Content-Type must be ${MEDIA.score}`);
    const id = Number(req.params.id);
    const found = Number.isSafeInteger(id) ? await store.lineItemWithFaults(String(req.params.contextId), id, 'scores') : null;
    if (!found) throw refuse(404, 'sandbox_ags_no_line_item', 'no such line item in this course');
    const { item } = found;
    const fault = await store.pickFault(found.faults);
    if (await injectFailure(res, fault)) return;
    const body = scoreBody.safeParse(req.body);
    if (!body.success) throw errors.validation('Sandbox AGS: incorrect score received', body.error.issues);
    const s = body.data;
    if (NOT_GRADABLE.has(s.userId)) throw refuse(400, 'sandbox_ags_not_gradable', `user ${s.userId} is not a student of this course`);
    const outcome = await store.receiveScore({
      lineItemId: item.id,
      userId: s.userId,
      scoreGiven: s.scoreGiven ?? null,
      scoreMaximum: s.scoreMaximum ?? null,
      activityProgress: s.activityProgress,
      gradingProgress: s.gradingProgress,
      comment: s.comment ?? null,
      timestamp: s.timestamp,
      timestampAt: new Date(s.timestamp),
      userAgent: req.get('user-agent') ?? null,
    });
    if (outcome === 'refused') {
      res.status(409).type('text').send(`Refusing score with an earlier timestamp for item ${item.id} and user ${s.userId}`);
      return;
    }
    const resultUrl = `${base(item.contextId)}/lineitems/${item.id}/lineitem/results?type_id=${TYPE_ID}&user_id=${encodeURIComponent(s.userId)}`;
    await send(res, 200, 'application/json', { resultUrl }, fault);
  });

  router.get('/sandbox/ags/:contextId/lineitems/:id/lineitem/results', async (req, res) => {
    await authorize(req, ['result.readonly']);
    const item = await findItem(req);
    const latest = new Map<string, { resultScore: number | null; resultMaximum: number | null; comment: string | null }>();
    for (const s of await store.scores({ lineItemId: item.id })) {
      if (s.outcome === 'accepted') latest.set(s.userId, { resultScore: s.scoreGiven, resultMaximum: s.scoreMaximum, comment: s.comment });
    }
    const results = [...latest].map(([userId, r]) => ({ id: `${lineItemUrl(item)}#${userId}`, scoreOf: lineItemUrl(item), userId, ...r }));
    res.type(MEDIA.results).send(JSON.stringify(results));
  });

  // Test controls (the sandbox exists only outside production).
  router.put('/sandbox/ags/:contextId/mode', express.json({ limit: '4kb' }), async (req, res) => {
    const body = z.object({ gradeSyncOnly: z.boolean() }).safeParse(req.body);
    if (!body.success) throw errors.validation('gradeSyncOnly must be true or false', body.error.issues);
    await store.setGradeSyncOnly(String(req.params.contextId), body.data.gradeSyncOnly);
    res.json({ gradeSyncOnly: body.data.gradeSyncOnly });
  });
  router.post('/sandbox/ags/:contextId/faults', express.json({ limit: '4kb' }), async (req, res) => {
    const body = faultBody.safeParse(req.body);
    if (!body.success) throw errors.validation('The fault is not valid', body.error.issues);
    await store.addFault(String(req.params.contextId), body.data);
    res.status(201).json(body.data);
  });
  router.delete('/sandbox/ags/:contextId/faults', async (req, res) => {
    await store.clearFaults(String(req.params.contextId));
    res.status(204).end();
  });
  return router;
}
