import { launchIn, person, sandboxDeployment } from '../helpers/courseFlow';
import { registerThroughSandbox } from '../registration/registrationFlow';
import { api } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';

const OPERATOR_TOKEN = 'operator-token-for-audit-tests-0123456789';
const course = { id: 'audit-course', title: 'Audit course' };

describe('the audit log of sensitive actions', () => {
  let tool: TestTool;
  const operator = (path: string, init: { method?: string; body?: unknown } = {}) =>
    fetch(`${tool.url}/api/operator${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
  const sandboxPlatformId = async () => {
    const { issuer, clientId } = tool.services.sandbox!.identity; // Dynamic Registration adds other clients of the same issuer
    return (await tool.services.platformStore.findByIssuer(issuer)).find((p) => p.clientId === clientId)!.id;
  };

  beforeAll(async () => {
    tool = await startTestTool({ OPERATOR_TOKEN });
  });
  afterAll(() => tool.stop());

  it("records an operator's new deployment for the platform's admins, newest first, with who did it; participants and leads get 403", async () => {
    const platformId = await sandboxPlatformId();
    expect((await operator(`/platforms/${platformId}/deployments`, { method: 'POST', body: { deploymentId: 'audit-deployment-2' } })).status).toBe(201);
    const admin = await launchIn(tool, person('audit-admin', 'Ada Admin', 'admin'), course);
    const res = await api(tool, '/api/audit', admin.token);
    expect(res.status).toBe(200);
    const { events } = await res.json();
    expect(events[0]).toMatchObject({ action: 'platform.deployment_added', actor: { kind: 'operator', userId: null }, subject: { type: 'platform', id: platformId }, details: { deploymentId: 'audit-deployment-2' } });

    for (const role of ['participant', 'lead'] as const) {
      const other = await launchIn(tool, person(`audit-${role}`, 'Someone Else', role), course);
      const refused = await api(tool, '/api/audit', other.token);
      expect(refused.status).toBe(403);
      expect((await refused.json()).error.id).toBe('forbidden');
    }
    expect((await api(tool, '/api/audit', null)).status).toBe(401);
  });

  it("keeps a registration of another platform out of a tenant's log, and shows everything to the operator", async () => {
    const { start } = await registerThroughSandbox(tool, { as: 'moodle' });
    const registered = await tool.db('platforms').where({ client_id: start.client_id }).first();
    const admin = await launchIn(tool, person('audit-admin-2', 'Ada Admin', 'admin'), course);
    const mine = (await (await api(tool, '/api/audit?action=platform.registered', admin.token)).json()).events;
    expect(mine.map((e: { subject: { id: string } }) => e.subject.id)).not.toContain(registered.id);

    const all = await (await operator('/audit?action=platform.registered')).json();
    expect(all.events[0]).toMatchObject({ action: 'platform.registered', actor: { kind: 'lms' }, subject: { id: registered.id }, details: { dynamic: true, productFamilyCode: 'moodle' } });
    expect((await api(tool, '/api/operator/audit', admin.token)).status).toBe(401); // a session is not the operator
  });

  it("keeps another deployment's events from this deployment's admin", async () => {
    const otherTenant = await sandboxDeployment(tool, 'audit-district-b');
    const adminB = await launchIn(tool, person('audit-admin-b', 'Bea Admin', 'admin'), course, otherTenant);
    const deploymentB = await tool.db('deployments').where({ deployment_id: 'audit-district-b' }).first();
    await tool.services.audit.record({ action: 'person.data_exported', actorKind: 'person', actorUserId: adminB.userId, deploymentRowId: deploymentB.id, subjectType: 'user', subjectId: adminB.userId });

    const adminA = await launchIn(tool, person('audit-admin-a', 'Ada Admin', 'admin'), course);
    const seenByA = (await (await api(tool, '/api/audit?action=person.data_exported', adminA.token)).json()).events;
    expect(seenByA).toEqual([]);
    const seenByB = (await (await api(tool, '/api/audit?action=person.data_exported', adminB.token)).json()).events;
    expect(seenByB).toHaveLength(1);
  });

  it('pages with a cursor, filters by time, and answers a bad filter with 400 naming the field', async () => {
    const platformId = await sandboxPlatformId();
    for (let i = 0; i < 3; i++) {
      await tool.services.audit.record({ action: 'platform.deployment_adopted', actorKind: 'lms', platformId, subjectType: 'platform', subjectId: platformId, details: { n: i } });
      await new Promise((r) => setTimeout(r, 5)); // distinct timestamps: events in the same instant are ordered by id
    }
    const admin = await launchIn(tool, person('audit-admin-3', 'Ada Admin', 'admin'), course);
    const first = await (await api(tool, '/api/audit?action=platform.deployment_adopted&limit=2', admin.token)).json();
    expect(first.events.map((e: { details: { n: number } }) => e.details.n)).toEqual([2, 1]);
    const second = await (await api(tool, `/api/audit?action=platform.deployment_adopted&limit=2&cursor=${first.nextCursor}`, admin.token)).json();
    expect(second.events.map((e: { details: { n: number } }) => e.details.n)).toEqual([0]);
    expect(second.nextCursor).toBeNull();
    const future = await (await api(tool, `/api/audit?from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`, admin.token)).json();
    expect(future.events).toEqual([]);

    const bad = await api(tool, '/api/audit?action=no.such.action', admin.token);
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.id).toBe('validation_failed');
    expect(body.error.details.fields[0].field).toContain('action');
    expect((await api(tool, '/api/audit?cursor=garbage', admin.token)).status).toBe(400);
  });
});
