import { startTestTool, type TestTool } from '../helpers/testTool';
import { call, launchIn, otherPlatform, person, type Launched } from '../helpers/courseFlow';

const COURSE = { id: 'members-course', title: 'Members course' };
const OTHER_COURSE = { id: 'elsewhere', title: 'Elsewhere' };
const NAMES = ['Zara Young', 'amir Khan', 'Bea Lopez', 'Chen Wu', 'Dana Ode', 'Eli Park', 'Fay Moss'];

interface Member {
  userId: string;
  name: string | null;
  role: string;
  status: string;
  lastLaunchAt: string | null;
  facilitatorModuleIds: string[];
}

describe('cohort members and module facilitators', () => {
  let tool: TestTool;
  let admin: Launched;
  let lead: Launched;
  let teachers: Launched[];
  let anonymous: Launched;
  let outsider: Launched;
  let otherPlatformAdmin: Launched;
  let cohortId: string;
  let modules: string[];
  let otherCohortModule: string;
  const members = (query: string, who: Launched = admin) =>
    call<{ members: Member[]; nextCursor: string | null; error?: { id: string; details: { fields: { field: string }[] } } }>(tool, 'GET', `/api/cohorts/${cohortId}/members${query}`, who);
  const facilitator = (method: 'PUT' | 'DELETE', moduleId: string, userId: string, who: Launched = admin) =>
    call(tool, method, `/api/cohorts/${cohortId}/modules/${moduleId}/facilitators/${userId}`, who);

  beforeAll(async () => {
    tool = await startTestTool();
    admin = await launchIn(tool, 'admin', COURSE);
    lead = await launchIn(tool, 'lead', COURSE);
    teachers = [];
    for (const [i, name] of NAMES.entries()) teachers.push(await launchIn(tool, person(`t${i}`, name, 'participant'), COURSE));
    anonymous = await launchIn(tool, person('anon', null, 'participant'), COURSE);
    outsider = await launchIn(tool, person('out', 'Olly Outside', 'participant'), OTHER_COURSE);
    otherPlatformAdmin = await launchIn(tool, person('x-admin', 'Xan Admin', 'admin'), COURSE, await otherPlatform(tool, 'canvas.other.example.com'));
    const template = (await call(tool, 'GET', '/api/cohort-templates', admin)).body.templates.find((t: { key: string }) => t.key === 'problem-solving-team');
    cohortId = (await call(tool, 'POST', '/api/cohorts', admin, { templateId: template.id, title: 'Problem solvers' })).body.id;
    modules = await tool.db('modules').where({ cohort_id: cohortId }).orderBy('position').pluck('id');
    const other = (await call(tool, 'POST', '/api/cohorts', admin, { templateId: template.id, title: 'Another cohort' })).body.id;
    otherCohortModule = (await tool.db('modules').where({ cohort_id: other }).first('id')).id;
  }, 120_000);
  afterAll(() => tool.stop());

  describe('GET /api/cohorts/:id/members', () => {
    it('pages through every member by name (case-insensitive, unnamed first) with limit and cursor (200)', async () => {
      const seen: Member[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await members(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body.members.length).toBeLessThanOrEqual(3);
        seen.push(...res.body.members);
        cursor = res.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).toBe(4); // 10 people, 3 a page
      expect(new Set(seen.map((m) => m.userId)).size).toBe(10);
      expect(seen.map((m) => m.name)).toEqual([null, 'amir Khan', 'Bea Lopez', 'Chen Wu', 'Dana Ode', 'Eli Park', 'Fay Moss', 'Morgan Ellis', 'Priya Raman', 'Zara Young']);
      expect(seen.find((m) => m.userId === lead.userId)).toMatchObject({ role: 'lead', status: 'active', lastLaunchAt: expect.any(String) });
    });

    it('shows the lead the same people (200) and refuses participants (403) and other tenants (404)', async () => {
      expect((await members('?limit=200', lead)).body.members).toHaveLength(10);
      expect((await members('', teachers[0])).status).toBe(403);
      expect((await members('', otherPlatformAdmin)).status).toBe(404);
      expect((await members('', outsider)).status).toBe(403); // a participant elsewhere: role first, and no id is confirmed
    });

    it('hides inactive members (as roster sync leaves them) unless status=all', async () => {
      await tool.db('memberships').where({ user_id: teachers[6]!.userId, context_id: admin.contextId }).update({ status: 'inactive' });
      const active = (await members('?limit=200')).body.members;
      expect(active.map((m) => m.userId)).not.toContain(teachers[6]!.userId);
      const all = (await members('?limit=200&status=all')).body.members;
      expect(all.find((m) => m.userId === teachers[6]!.userId)).toMatchObject({ status: 'inactive' });
    });

    it.each([
      ['?limit=0', 'limit'],
      ['?limit=201', 'limit'],
      ['?limit=ten', 'limit'],
      ['?cursor=not-a-cursor', 'cursor'],
      [`?cursor=${Buffer.from('["a","b"]').toString('base64url')}`, 'cursor'],
      ['?status=gone', 'status'],
    ])('answers 400 naming the field for %s', async (query, field) => {
      const res = await members(query);
      expect(res.status).toBe(400);
      expect(res.body.error!.details.fields[0]!.field).toBe(field);
    });
  });

  describe('PUT and DELETE /api/cohorts/:id/modules/:moduleId/facilitators/:userId', () => {
    it('assigns a member as a module’s facilitator (201), recording who assigned it; repeating answers 200 unchanged', async () => {
      const first = await facilitator('PUT', modules[0]!, teachers[0]!.userId);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ cohortId, moduleId: modules[0], userId: teachers[0]!.userId, assignedBy: admin.userId, assignedAt: expect.any(String) });
      const again = await facilitator('PUT', modules[0]!, teachers[0]!.userId);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(await tool.db('cohort_events').where({ cohort_id: cohortId, action: 'facilitator_assigned' }).select('actor_user_id', 'details')).toEqual([
        { actor_user_id: admin.userId, details: { moduleId: modules[0], userId: teachers[0]!.userId } },
      ]);
    });

    it('gives the facilitator lead rights on that module only: their cohort view and the members list show it', async () => {
      const view = await call(tool, 'GET', `/api/cohorts/${cohortId}`, teachers[0]!);
      expect(view.body).toMatchObject({ yourRole: 'participant', facilitatorModuleIds: [modules[0]] });
      const listed = (await members('?limit=200')).body.members.find((m) => m.userId === teachers[0]!.userId);
      expect(listed!.facilitatorModuleIds).toEqual([modules[0]]);
    });

    it('answers 403 for a lead and a participant, 404 for another platform’s admin, and assigns nothing', async () => {
      expect((await facilitator('PUT', modules[1]!, teachers[1]!.userId, lead)).status).toBe(403);
      expect((await facilitator('PUT', modules[1]!, teachers[1]!.userId, teachers[0])).status).toBe(403);
      expect((await facilitator('PUT', modules[1]!, teachers[1]!.userId, otherPlatformAdmin)).status).toBe(404);
      expect(await tool.db('cohort_facilitators').where({ module_id: modules[1] })).toEqual([]);
    });

    it('answers 404 for a module of another cohort, an archived module or a malformed module id', async () => {
      await tool.db('modules').where({ id: modules[2] }).update({ archived_at: new Date() });
      for (const moduleId of [otherCohortModule, modules[2]!, 'module-1']) {
        const res = await facilitator('PUT', moduleId, teachers[1]!.userId);
        expect(res.status).toBe(404);
        expect(res.body.error.id).toBe('not_found');
      }
    });

    it('answers 422 not_a_cohort_member for someone outside the cohort, an inactive member or a malformed user id', async () => {
      for (const userId of [outsider.userId, teachers[6]!.userId, 'someone']) {
        const res = await facilitator('PUT', modules[1]!, userId);
        expect(res.status).toBe(422);
        expect(res.body.error.id).toBe('not_a_cohort_member');
        expect(res.body.error.details.fields[0].field).toBe('userId');
      }
    });

    it('removes an assignment (204, audited); removing it again answers 404', async () => {
      expect((await facilitator('PUT', modules[1]!, anonymous.userId)).status).toBe(201);
      expect((await facilitator('DELETE', modules[1]!, anonymous.userId, lead)).status).toBe(403);
      expect((await facilitator('DELETE', modules[1]!, anonymous.userId)).status).toBe(204);
      expect((await call(tool, 'GET', `/api/cohorts/${cohortId}`, anonymous)).body.facilitatorModuleIds).toEqual([]);
      expect((await facilitator('DELETE', modules[1]!, anonymous.userId)).status).toBe(404);
      expect(await tool.db('cohort_events').where({ cohort_id: cohortId, action: 'facilitator_unassigned' }).pluck('actor_user_id')).toEqual([admin.userId]);
    });

    it('refuses assignments in an archived cohort (409 cohort_archived) and on a template (422 template_has_no_members)', async () => {
      await call(tool, 'PATCH', `/api/cohorts/${cohortId}`, admin, { status: 'archived' });
      const archived = await facilitator('PUT', modules[1]!, teachers[2]!.userId);
      expect(archived.status).toBe(409);
      expect(archived.body.error.id).toBe('cohort_archived');
      await call(tool, 'PATCH', `/api/cohorts/${cohortId}`, admin, { status: 'active' });

      const template = await call(tool, 'POST', `/api/cohorts/${cohortId}/save-as-template`, admin, {});
      const templateModule = (await tool.db('modules').where({ cohort_id: template.body.id }).first('id')).id;
      const res = await call(tool, 'PUT', `/api/cohorts/${template.body.id}/modules/${templateModule}/facilitators/${teachers[2]!.userId}`, admin);
      expect(res.status).toBe(422);
      expect(res.body.error.id).toBe('template_has_no_members');
      expect((await call(tool, 'GET', `/api/cohorts/${template.body.id}/members`, admin)).body).toEqual({ members: [], nextCursor: null });
    });
  });
});
