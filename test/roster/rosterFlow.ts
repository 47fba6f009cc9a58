import { CookieJar } from '../helpers/browserlessClient';
import { sessionTokenIn } from '../helpers/launchAssertions';
import { api, launchAs, postLaunch, signedLaunch } from '../helpers/ltiFlow';
import type { TestTool } from '../helpers/testTool';
import type { NrpsFault, NrpsSettings } from '../../lti-tool/src/sandbox/sandbox.nrps.store';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const NRPS_CLAIM = 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice';
/** LIS membership role URIs. */
export const ROLE = {
  learner: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
  instructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
} as const;
/** The demo course of the sandbox. */
export const DEMO = 'demo-pl-cohort';

/** Resolves when `check` holds, polling; fails the test after `ms` (no fixed sleeps). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, ms = 30_000, what = 'condition'): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`${what} not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A sync run as the API presents it. */
export interface SyncJson {
  id: string;
  trigger: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  attempts: number;
  progress: { pagesFetched: number; membersFetched: number };
  changes: { added: number; updated: number; reactivated: number; deactivated: number } | null;
  error: string | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A roster member as the API presents it. */
export interface MemberJson {
  userId: string;
  name: string | null;
  email: string | null;
  role: string;
  status: 'active' | 'inactive';
  lastLaunchAt: string | null;
}

/** The sandbox LMS's roster controls for one course. */
export function sandboxCourse(tool: TestTool, contextId = DEMO) {
  const base = `${tool.url}/sandbox/nrps/${encodeURIComponent(contextId)}`;
  const send = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`sandbox ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : res.json();
  };
  return {
    url: base,
    settings: (s: Partial<NrpsSettings>) => send('PUT', '/settings', s) as Promise<NrpsSettings>,
    faults: (faults: NrpsFault[]) => send('PUT', '/settings', { faults }) as Promise<NrpsSettings>,
    readSettings: () => send('GET', '/settings') as Promise<NrpsSettings>,
    upsert: (members: Array<{ userId: string; roles?: string[]; status?: 'Active' | 'Inactive'; name?: string; email?: string }>) => send('PUT', '/members', { members }),
    generate: (count: number, prefix = 'staff', role = 'Learner') => send('POST', '/members/generate', { count, prefix, role }),
    remove: (userId: string) => send('DELETE', `/members/${encodeURIComponent(userId)}`),
    reset: () => send('DELETE', ''),
  };
}

/** Launches as a persona into another course of the sandbox (its own context and NRPS URL); returns the session token. */
export async function launchInCourse(tool: TestTool, persona: string, contextId: string, o: { nrps?: boolean } = {}): Promise<string> {
  const jar = new CookieJar();
  const issuer = tool.services.sandbox!.identity.issuer;
  const { fields } = await signedLaunch(tool, jar, {
    persona,
    edit: (claims) => {
      claims[`${LTI}context`] = { id: contextId, label: contextId.toUpperCase(), title: `Course ${contextId}` };
      if (o.nrps === false) delete claims[NRPS_CLAIM];
      else claims[NRPS_CLAIM] = { context_memberships_url: `${issuer}/nrps/${contextId}`, service_versions: ['2.0'] };
    },
  });
  const res = await postLaunch(tool, jar, fields);
  const token = sessionTokenIn(await res.text());
  if (res.status !== 200 || !token) throw new Error(`launch into ${contextId} failed: ${res.status}`);
  return token;
}

/** Launches as a persona into the demo course; returns the session token. */
export async function launchDemo(tool: TestTool, persona: string): Promise<string> {
  const { res, token } = await launchAs(tool, persona);
  if (res.status !== 200 || !token) throw new Error(`launch as ${persona} failed: ${res.status}`);
  return token;
}

/** GET /api/roster/syncs/latest. */
export async function latestSync(tool: TestTool, token: string): Promise<SyncJson | null> {
  const res = await api(tool, '/api/roster/syncs/latest', token);
  if (res.status !== 200) throw new Error(`latest sync: ${res.status}`);
  return ((await res.json()) as { sync: SyncJson | null }).sync;
}

/** POST /api/roster/sync; returns the answer. */
export const requestSync = (tool: TestTool, token: string | null) => api(tool, '/api/roster/sync', token, { method: 'POST' });

/** Waits until the course's latest sync (or the one with `id`) has finished; returns it. */
export function finishedSync(tool: TestTool, token: string, id?: string): Promise<SyncJson> {
  return eventually(async () => {
    const run = await latestSync(tool, token);
    return run && (!id || run.id === id) && (run.status === 'succeeded' || run.status === 'failed') ? run : null;
  }, 60_000, 'a finished roster sync');
}

/** Asks for a sync as an admin and waits for it to finish. */
export async function syncNow(tool: TestTool, adminToken: string): Promise<SyncJson> {
  const res = await requestSync(tool, adminToken);
  if (res.status !== 202) throw new Error(`sync request: ${res.status} ${await res.text()}`);
  const { sync } = (await res.json()) as { sync: SyncJson };
  return finishedSync(tool, adminToken, sync.id);
}

/** The whole roster of the caller's course, by LMS user id (sub) — read from the API plus the users table. */
export async function rosterBySub(tool: TestTool, token: string): Promise<Record<string, { role: string; status: string; name: string | null; email: string | null }>> {
  const res = await api(tool, '/api/roster?limit=1000', token);
  if (res.status !== 200) throw new Error(`roster: ${res.status}`);
  const { members } = (await res.json()) as { members: MemberJson[] };
  const subs = new Map<string, string>((await tool.db('users').whereIn('id', members.map((m) => m.userId)).select('id', 'sub')).map((r: { id: string; sub: string }) => [r.id, r.sub]));
  return Object.fromEntries(members.map((m) => [subs.get(m.userId)!, { role: m.role, status: m.status, name: m.name, email: m.email }]));
}
