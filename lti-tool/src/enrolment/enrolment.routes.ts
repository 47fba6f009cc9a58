import express, { Router, type Request } from 'express';
import type { z } from 'zod';
import { AppError, errors } from '../http/errors';
import { requireLaunch, sessionOf, type SessionTokens } from '../lti/session';
import { connectionBody, listBody, peopleQuery, runReportQuery, runsQuery, type ListInput } from './enrolment.schema';
import { enrolmentError } from './enrolment.failures';
import type { Enrolment } from './enrolment.module';
import { presentConnection, presentItem, presentKnownPerson, presentPreview, presentRun } from './enrolment.presenter';
import type { SessionContext } from './people.store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  throw errors.validation(fields.map((f) => `${f.field || 'body'}: ${f.message}`).join('; '), { fields });
}

/** A staff list comes as CSV (text/csv) or JSON ({csv} or {userIds}). */
function listInput(req: Request): ListInput {
  if (typeof req.body === 'string') return { csv: req.body };
  if (!req.is('application/json')) throw new AppError(415, 'unsupported_media_type', 'Send the staff list as text/csv, or as JSON with csv or userIds.');
  const body = parse(listBody, req.body);
  return body.csv !== undefined ? { csv: body.csv } : { userIds: body.userIds!, ...(body.role ? { role: body.role } : {}) };
}

/**
 * /api/enrolment: LMS connection, staff-list preview, enrolment runs and their reports. Administrators
 * of the session's course only; everything is scoped to the session's platform (connection) or course (runs).
 */
export function enrolmentRoutes(deps: { tokens: SessionTokens; enrolment: Enrolment }): Router {
  const router = Router();
  const admin = requireLaunch(deps.tokens, 'admin');
  // Staff lists may be up to 1 MB of CSV (more than the API's usual JSON limit); the list parser gives the exact 413.
  const listBodies = [express.text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: '2mb' }), express.json({ limit: '3mb' })];
  const jsonBody = express.json({ limit: '16kb' });
  const { connections, runs, people } = deps.enrolment;

  async function contextOf(req: Request): Promise<SessionContext> {
    const ctx = await people.sessionContext(sessionOf(req));
    if (!ctx) throw errors.sessionExpired();
    return ctx;
  }
  const noStore = (res: express.Response) => res.set('cache-control', 'no-store');

  router.get('/api/enrolment/connection', admin, async (req, res) => {
    const ctx = await contextOf(req);
    const connection = await connections.get(ctx.platformId);
    noStore(res).json({ connection: connection ? presentConnection(connection) : null, course: { lmsCourseId: ctx.lmsCourseId, ltiContextId: ctx.ltiContextId } });
  });

  router.put('/api/enrolment/connection', admin, jsonBody, async (req, res) => {
    const ctx = await contextOf(req);
    const result = await connections.save(ctx, parse(connectionBody, req.body));
    if (!result.ok) throw enrolmentError(result.error);
    noStore(res).json({ connection: presentConnection(result.value.connection, result.value.check) });
  });

  router.delete('/api/enrolment/connection', admin, async (req, res) => {
    const ctx = await contextOf(req);
    if (!(await connections.remove(ctx.platformId))) throw errors.notFound('The LMS connection');
    res.status(204).end();
  });

  router.get('/api/enrolment/people', admin, async (req, res) => {
    const ctx = await contextOf(req);
    const q = parse(peopleQuery, req.query);
    const page = await people.listKnownPeople(ctx, { search: q.search || null, limit: q.limit, after: decodePeopleCursor(q.cursor) });
    const last = page.at(-1);
    const nextCursor = page.length === q.limit && last ? Buffer.from(JSON.stringify({ name: last.name ?? '', id: last.userId })).toString('base64url') : null;
    noStore(res).json({ people: page.map(presentKnownPerson), nextCursor });
  });

  router.post('/api/enrolment/preview', admin, ...listBodies, async (req, res) => {
    const ctx = await contextOf(req);
    const result = await runs.preview(ctx, listInput(req));
    if (!result.ok) throw enrolmentError(result.error);
    noStore(res).json(presentPreview(result.value));
  });

  router.post('/api/enrolment/runs', admin, ...listBodies, async (req, res) => {
    const ctx = await contextOf(req);
    const result = await runs.start(ctx, listInput(req), deps.enrolment.enqueue);
    if (!result.ok) throw enrolmentError(result.error);
    const { run, items } = result.value;
    const body = { run: presentRun(run), items: items ? items.map(presentItem) : null };
    if (items) noStore(res).status(200).json(body);
    else noStore(res).status(202).location(`/api/enrolment/runs/${run.id}`).json(body);
  });

  router.get('/api/enrolment/runs', admin, async (req, res) => {
    const ctx = await contextOf(req);
    const page = await runs.list(ctx, parse(runsQuery, req.query));
    noStore(res).json({ runs: page.runs.map(presentRun), nextCursor: page.nextCursor });
  });

  router.get('/api/enrolment/runs/:id', admin, async (req, res) => {
    const ctx = await contextOf(req);
    const id = String(req.params.id);
    const q = parse(runReportQuery, req.query);
    const report = UUID.test(id) ? await runs.report(ctx, id, q) : null;
    if (!report) throw errors.notFound('That enrolment run');
    noStore(res).json({ run: presentRun(report.run), items: report.items.map(presentItem), nextCursor: report.nextCursor });
  });
  return router;
}

function decodePeopleCursor(cursor: string | undefined): { name: string; id: string } | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { name?: unknown; id?: unknown };
    if (typeof v.name === 'string' && typeof v.id === 'string' && UUID.test(v.id)) return { name: v.name, id: v.id };
  } catch {
    // fall through
  }
  throw errors.validation('cursor: is not a cursor this endpoint gave out', { fields: [{ field: 'cursor', message: 'is not a cursor this endpoint gave out' }] });
}
