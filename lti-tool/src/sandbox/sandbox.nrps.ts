import { createHash } from 'node:crypto';
import express, { Router, type Response } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { AppError, errors } from '../http/errors';
import { parseRole } from '../lti/roles';
import { DEMO_CONTEXT } from './sandbox.personas';
import { createSandboxNrpsStore, type NrpsFault, type NrpsSettings, type SandboxMember } from './sandbox.nrps.store';
import type { SandboxTokenEndpoint } from './sandbox.token';

const MEDIA_TYPE = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';
const SCOPE = 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly';

const faultSchema = z.object({
  kind: z.enum(['status', 'unauthorized', 'html', 'invalid_json', 'wrong_content_type', 'not_a_container', 'foreign_next', 'redirect', 'slow', 'huge', 'endless']),
  status: z.number().int().min(200).max(599).optional(),
  delayMs: z.number().int().min(0).max(60_000).optional(),
  page: z.number().int().min(1).optional(),
  times: z.number().int().min(0).optional(),
});
const settingsSchema = z.object({
  roleFormat: z.enum(['short', 'full']).optional(),
  pageSize: z.number().int().min(1).max(1000).optional(),
  anonymous: z.boolean().optional(),
  faults: z.array(faultSchema).max(20).optional(),
});
const memberSchema = z.object({
  userId: z.string().min(1).max(255),
  name: z.string().max(255).optional(),
  givenName: z.string().max(255).optional(),
  familyName: z.string().max(255).optional(),
  email: z.string().max(320).optional(),
  roles: z.array(z.string().max(512)).max(20).optional(),
  status: z.enum(['Active', 'Inactive']).optional(),
});
const membersSchema = z.object({ members: z.array(memberSchema).max(1000) });
const generateSchema = z.object({ count: z.number().int().min(1).max(50_000), prefix: z.string().regex(/^[a-z0-9-]{1,40}$/).default('staff'), role: z.enum(['Learner', 'Instructor', 'TeachingAssistant', 'Mentor']).default('Learner') });

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw errors.validation(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
}

/** NRPS lists course roles only; Moodle shortens them (`Instructor`), Canvas sends the URIs. */
function rolesAs(format: NrpsSettings['roleFormat'], roles: string[]): string[] {
  return roles.filter((r) => parseRole(r)?.scope === 'context').map((r) => (format === 'short' ? parseRole(r)!.name : r));
}

function memberJson(m: SandboxMember, s: NrpsSettings) {
  const profile = s.anonymous ? {} : { name: m.name, given_name: m.givenName, family_name: m.familyName, email: m.email };
  return { status: m.status, user_id: m.userId, ...profile, roles: rolesAs(s.roleFormat, m.roles) };
}

/** Waits, but stops as soon as the client hangs up (a tool that timed out). */
const sleep = (ms: number, res: Response) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    res.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/** Streams a valid-looking but oversized answer in chunks, without a Content-Length (the tool must stop reading). */
async function sendHuge(res: Response): Promise<void> {
  res.status(200).type(MEDIA_TYPE);
  res.write('{"members":[');
  const chunk = JSON.stringify({ user_id: 'padding', roles: ['Learner'], name: 'x'.repeat(64 * 1024 - 100) });
  for (let i = 0; i < 100 && !res.destroyed; i++) {
    if (!res.write(`${i ? ',' : ''}${chunk}`)) await new Promise((r) => res.once('drain', r));
  }
  res.end(']}');
}

/**
 * The sandbox LMS's Names and Role Provisioning Service: `GET /sandbox/nrps/:contextId` with a sandbox access
 * token carrying the NRPS scope, paged with `limit`/`from` (plus a keyset cursor) and `Link: rel="next"`, role
 * names short (Moodle) or full (Canvas). Tests shape the roster and inject faults through the other routes.
 */
export function sandboxNrpsRoutes(deps: { db: Knex; tokens: SandboxTokenEndpoint }): Router {
  const router = Router();
  const store = createSandboxNrpsStore(deps.db);
  const json = express.json({ limit: '1mb' });

  router.get('/sandbox/nrps/:contextId', async (req, res) => {
    const contextId = String(req.params.contextId);
    const bearer = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '')?.[1];
    const scopes = bearer ? await deps.tokens.verifyAccessToken(bearer) : null;
    const fingerprint = bearer ? createHash('sha256').update(bearer).digest('hex') : '';
    const settings = await store.settings(contextId);
    if (!scopes || settings.revokedTokens.includes(fingerprint)) {
      res.status(401).set('www-authenticate', 'Bearer error="invalid_token"').json({ error: 'invalid_token' });
      return;
    }
    if (!scopes.includes(SCOPE)) throw new AppError(403, 'insufficient_scope', `the access token lacks ${SCOPE}`);
    if (!req.accepts([MEDIA_TYPE, 'application/json'])) {
      res.status(406).json({ error: 'not_acceptable', message: `Accept must allow ${MEDIA_TYPE}` });
      return;
    }
    if (!settings.exists) throw errors.notFound('That sandbox course');

    const requested = Number(req.query.limit);
    const limit = Math.min(Number.isInteger(requested) && requested > 0 ? requested : settings.pageSize, settings.pageSize);
    const from = Math.max(0, Number.parseInt(String(req.query.from ?? '0'), 10) || 0);
    const after = /^\d{1,9}$/.test(String(req.query.after ?? '')) ? Number(req.query.after) : null;
    const fault: NrpsFault | null = settings.faults.length ? await store.takeFault(contextId, Math.floor(from / limit) + 1) : null;
    switch (fault?.kind) {
      case 'status':
        res.status(fault.status ?? 500).set(fault.status === 429 ? { 'retry-after': '1' } : {}).json({ error: 'sandbox fault', status: fault.status ?? 500 });
        return;
      case 'unauthorized':
        await store.revokeToken(contextId, fingerprint);
        res.status(401).set('www-authenticate', 'Bearer error="invalid_token"').json({ error: 'invalid_token' });
        return;
      case 'html':
        res.status(fault.status ?? 200).type('html').send('<!doctype html><html><head><title>Site under maintenance</title></head><body><h1>Back soon</h1></body></html>');
        return;
      case 'invalid_json':
        res.status(200).type(MEDIA_TYPE).send('{"id": "truncated", "members": [{"user_id": "a"');
        return;
      case 'redirect':
        res.redirect(302, `https://lms.attacker.example${req.originalUrl}`);
        return;
      case 'huge':
        await sendHuge(res);
        return;
      case 'slow':
        await sleep(fault.delayMs ?? 15_000, res);
        if (res.destroyed || res.writableEnded) return;
        break;
      default:
        break;
    }

    const page = await store.page(contextId, { from, after }, limit);
    const base = `${req.protocol}://${req.get('host')}${req.baseUrl}${req.path}`;
    const next = new URL(fault?.kind === 'foreign_next' ? `https://lms.attacker.example${req.path}` : base);
    for (const [k, v] of Object.entries(req.query)) if (typeof v === 'string') next.searchParams.set(k, v);
    next.searchParams.set('limit', String(limit));
    next.searchParams.set('from', String(from + limit));
    if (page.last !== null) next.searchParams.set('after', String(page.last)); // the sandbox's own keyset cursor
    if (page.more || fault?.kind === 'endless' || fault?.kind === 'foreign_next') res.set('link', `<${next}>; rel="next"`);
    const body = fault?.kind === 'not_a_container' ? { id: base, error: 'this is not a membership container' } : {
      id: base,
      context: { id: contextId, label: contextId === DEMO_CONTEXT.id ? DEMO_CONTEXT.label : contextId, title: contextId === DEMO_CONTEXT.id ? DEMO_CONTEXT.title : contextId },
      members: page.members.map((m) => memberJson(m, settings)),
    };
    res.status(200).type(fault?.kind === 'wrong_content_type' ? 'text/plain' : MEDIA_TYPE).send(JSON.stringify(body));
  });

  // Test controls (the sandbox is never on in production).
  router.get('/sandbox/nrps/:contextId/settings', async (req, res) => {
    const { exists: _exists, revokedTokens: _revoked, ...settings } = await store.settings(String(req.params.contextId));
    res.json(settings);
  });
  router.put('/sandbox/nrps/:contextId/settings', json, async (req, res) => {
    await store.saveSettings(String(req.params.contextId), parse(settingsSchema, req.body));
    const { exists: _exists, revokedTokens: _revoked, ...settings } = await store.settings(String(req.params.contextId));
    res.json(settings);
  });
  router.put('/sandbox/nrps/:contextId/members', json, async (req, res) => {
    await store.upsert(String(req.params.contextId), parse(membersSchema, req.body).members);
    res.status(204).end();
  });
  router.post('/sandbox/nrps/:contextId/members/generate', json, async (req, res) => {
    await store.generate(String(req.params.contextId), parse(generateSchema, req.body));
    res.status(204).end();
  });
  router.delete('/sandbox/nrps/:contextId/members/:userId', async (req, res) => {
    if (!(await store.remove(String(req.params.contextId), String(req.params.userId)))) throw errors.notFound('That member');
    res.status(204).end();
  });
  router.delete('/sandbox/nrps/:contextId', async (req, res) => {
    await store.reset(String(req.params.contextId));
    res.status(204).end();
  });
  return router;
}
