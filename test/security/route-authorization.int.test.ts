import { api } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { call } from '../modules/moduleFlow';
import { allows, appOf, CALLERS, fillPath, listRoutes, send, tokenOf, type Caller } from './callers';
import { buildFixture, type Fixture } from './fixtures';
import { routeTable, type RouteRow } from './routeTable';

jest.setTimeout(300_000);

const OPERATOR_TOKEN = 'authz-walk-operator-token-0123456789abcdef';

/** Calls one route as each caller in turn; returns 'caller: status' for every answer that is not the expected one. */
async function walk(fx: Fixture, key: string, row: RouteRow): Promise<{ actual: Record<string, number>; wrong: string[] }> {
  const [method, path] = key.split(' ') as [string, string];
  const actual: Record<string, number> = {};
  const wrong: string[] = [];
  for (const caller of CALLERS) {
    const params = row.params ? await row.params(fx, caller) : {};
    const body = typeof row.body === 'function' ? await row.body(fx, params) : row.body;
    const url = fillPath(path, params) + (row.query ? `?${row.query}` : '');
    const status = await send(fx.tool, method, url, tokenOf(fx.people, caller), body);
    actual[caller] = status;
    if (!allows(row.expect[caller], status)) wrong.push(`${caller}: got ${status}, expected ${JSON.stringify(row.expect[caller])}`);
  }
  return { actual, wrong };
}

describe('authorization of every route, for every role and another tenant', () => {
  let tool: TestTool;
  let fx: Fixture;
  let routes: string[];
  /** What each route answered each caller (printed with AUTHZ_PRINT=1, e.g. to review 'open' rows). */
  const seen: string[] = [];

  beforeAll(async () => {
    tool = await startTestTool({ OPERATOR_TOKEN });
    routes = listRoutes(appOf(tool));
    fx = await buildFixture(tool);
  });
  afterAll(async () => {
    if (process.env.AUTHZ_PRINT) console.log(seen.join('\n'));
    await tool?.stop();
  });

  it('has a table entry for every route of the app (add the route to test/security/routeTable.ts)', () => {
    const missing = routes.filter((r) => !(r in routeTable));
    if (missing.length) throw new Error(`routes without an entry in test/security/routeTable.ts:\n  ${missing.join('\n  ')}`);
  });

  it('has no table entry for a route the app no longer has', () => {
    const stale = Object.keys(routeTable).filter((r) => !routes.includes(r));
    if (stale.length) throw new Error(`entries of test/security/routeTable.ts for routes that no longer exist:\n  ${stale.join('\n  ')}`);
  });

  it('walks with the roles and tenants the table assumes', async () => {
    const me = async (caller: Exclude<Caller, 'anonymous'>) => (await call(tool, 'GET', '/api/me', fx.people[caller])).body;
    expect(await Promise.all((['participant', 'lead', 'admin', 'otherAdmin'] as const).map(async (c) => (await me(c)).role))).toEqual(['participant', 'lead', 'admin', 'admin']);
    const [ours, theirs] = [await tool.services.sessionTokens.verify(fx.people.admin.token), await tool.services.sessionTokens.verify(fx.people.otherAdmin.token)];
    expect(ours && ours !== 'expired' && theirs && theirs !== 'expired' && ours.platformId !== theirs.platformId).toBe(true);
  });

  it('lets the operator token (and only it) into the operator API', async () => {
    expect(await send(tool, 'GET', '/api/operator/platforms', OPERATOR_TOKEN)).toBe(200);
  });

  // Statuses cannot show a leak through a list that answers 200: another tenant's lists must not name our objects.
  it.each(['/api/cohorts?status=all', '/api/cohort-templates', '/api/competency-frameworks', '/api/enrolment/people', '/api/enrolment/runs', '/api/roster', '/api/audit', '/api/grades/failures', '/api/my-learning', '/api/feedback-to-give', '/api/notifications'])(
    'never names an object of this tenant to another tenant’s admin in GET %s',
    async (path) => {
      const template = await call(tool, 'POST', `/api/cohorts/${fx.cohortId}/save-as-template`, fx.people.admin, { title: 'Our own template' });
      const ours = [fx.cohortId, template.body.id, fx.moduleId, fx.auditionId, fx.frameworkId, fx.competencyId, fx.attachmentId, fx.notificationId, fx.submissionId]
        .concat((['participant', 'lead', 'admin', 'teacher2', 'teacher3'] as const).map((p) => fx.people[p].userId), fx.people.admin.contextId);
      const res = await api(tool, path, fx.people.otherAdmin.token);
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(ours.filter((id) => text.includes(id))).toEqual([]);
    },
  );

  describe.each(Object.entries(routeTable))('%s', (key, row) => {
    const callers = CALLERS.map((c: Caller) => `${c} ${JSON.stringify(row.expect[c])}`).join(', ');
    it(row.knownIssue ? `KNOWN ISSUE (${row.knownIssue}): ${callers}` : `answers ${callers}`, async () => {
      if (!routes.includes(key)) return; // reported by the stale-entry test
      const { actual, wrong } = await walk(fx, key, row);
      seen.push(`${key.padEnd(90)} ${CALLERS.map((c) => `${c}=${actual[c]}`).join(' ')}`);
      if (row.knownIssue) {
        if (wrong.length === 0) throw new Error(`${key} now answers as expected: remove its knownIssue ("${row.knownIssue}")`);
        console.warn(`known authorization issue, ${key}: ${row.knownIssue}\n  ${wrong.join('\n  ')}`);
        return;
      }
      expect({ route: key, wrong }).toEqual({ route: key, wrong: [] });
      expect(Object.keys(actual)).toEqual([...CALLERS]);
    });
  });
});
