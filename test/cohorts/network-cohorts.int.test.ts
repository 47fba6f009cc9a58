import { startTestTool, type TestTool } from '../helpers/testTool';
import { call, launchIn, otherPlatform, person, sandboxDeployment, type Launched } from '../helpers/courseFlow';

const OWNER_COURSE = { id: 'riverside-pd', title: 'Riverside PD' };
const B_COURSE = { id: 'hillcrest-pd', title: 'Hillcrest PD' };
const C_COURSE = { id: 'lakeside-pd', title: 'Lakeside PD' };
const D_COURSE = { id: 'bystander-pd', title: 'Bystander PD' };
const CODE = /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/;

describe('network cohorts: join codes, joining across deployments and platforms, leaving', () => {
  let tool: TestTool;
  let owner: { admin: Launched; lead: Launched; teacher: Launched };
  let b: { admin: Launched; lead: Launched; teacher: Launched };
  let c: { admin: Launched; teacher: Launched };
  let bystanderAdmin: Launched;
  let cohortId: string;
  let moduleId: string;

  const invite = async (body: object = {}, who: Launched = owner.admin, id = cohortId) => call(tool, 'POST', `/api/cohorts/${id}/network-invites`, who, body);
  const join = (who: Launched, code: unknown) => call(tool, 'POST', '/api/cohorts/join', who, { code });
  const contextsOf = async () => (await tool.db('cohort_contexts').where({ cohort_id: cohortId }).pluck('context_id')).sort();

  beforeAll(async () => {
    tool = await startTestTool();
    owner = { admin: await launchIn(tool, 'admin', OWNER_COURSE), lead: await launchIn(tool, 'lead', OWNER_COURSE), teacher: await launchIn(tool, 'teacher-1', OWNER_COURSE) };
    const districtB = await sandboxDeployment(tool, 'district-b');
    b = {
      admin: await launchIn(tool, person('b-admin', 'Bea Admin', 'admin'), B_COURSE, districtB),
      lead: await launchIn(tool, person('b-lead', 'Bo Lead', 'lead'), B_COURSE, districtB),
      teacher: await launchIn(tool, person('b-teacher', 'Bram Teacher', 'participant'), B_COURSE, districtB),
    };
    const lmsC = await otherPlatform(tool, 'moodle.lakeside.example.org');
    c = { admin: await launchIn(tool, person('c-admin', 'Cal Admin', 'admin'), C_COURSE, lmsC), teacher: await launchIn(tool, person('c-teacher', 'Cy Teacher', 'participant'), C_COURSE, lmsC) };
    bystanderAdmin = await launchIn(tool, 'admin', D_COURSE);
    const template = (await call(tool, 'GET', '/api/cohort-templates', owner.admin)).body.templates.find((t: { key: string }) => t.key === 'action-learning-set');
    cohortId = (await call(tool, 'POST', '/api/cohorts', owner.admin, { templateId: template.id, title: 'Cross-school action learning' })).body.id;
    moduleId = (await tool.db('modules').where({ cohort_id: cohortId }).orderBy('position').first('id')).id;
  }, 120_000);
  afterAll(() => tool.stop());

  describe('POST /api/cohorts/:id/network-invites', () => {
    it('gives the owner admin a readable single-use code (201) that expires after 7 days by default, storing only its hash', async () => {
      const before = Date.now();
      const res = await invite();
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ cohortId, status: 'pending', usedAt: null, code: expect.stringMatching(CODE) });
      const expiresIn = new Date(res.body.expiresAt).getTime() - before;
      expect(expiresIn).toBeGreaterThan(167 * 3600_000);
      expect(expiresIn).toBeLessThanOrEqual(168 * 3600_000 + 60_000);
      const row = await tool.db('cohort_join_codes').where({ id: res.body.id }).first();
      expect(JSON.stringify(row)).not.toContain(res.body.code.replace(/-/g, ''));
      expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(await tool.db('cohort_events').where({ cohort_id: cohortId, action: 'network_invite_created' }).first('actor_user_id')).toEqual({ actor_user_id: owner.admin.userId });
    });

    it.each([
      [0, 'expiresInHours'],
      [721, 'expiresInHours'],
      [1.5, 'expiresInHours'],
    ])('answers 400 naming the field for expiresInHours %p', async (hours, field) => {
      const res = await invite({ expiresInHours: hours });
      expect(res.status).toBe(400);
      expect(res.body.error.details.fields[0].field).toBe(field);
    });

    it('answers 403 for the owner course’s lead and participant, 404 for an admin of a course outside the cohort', async () => {
      expect((await invite({}, owner.lead)).status).toBe(403);
      expect((await invite({}, owner.teacher)).status).toBe(403);
      expect((await invite({}, bystanderAdmin)).status).toBe(404);
      expect((await invite({}, c.admin)).status).toBe(404);
    });

    it('answers 422 template_not_shareable for a template', async () => {
      const template = await call(tool, 'POST', `/api/cohorts/${cohortId}/save-as-template`, owner.admin, { title: 'Not shareable' });
      const res = await invite({}, owner.admin, template.body.id);
      expect(res.status).toBe(422);
      expect(res.body.error.id).toBe('template_not_shareable');
    });
  });

  describe('POST /api/cohorts/join', () => {
    it('links a course of another deployment of the same LMS (200): its admin sees the cohort as a joined network cohort', async () => {
      const { body } = await invite();
      const res = await join(b.admin, body.code.toLowerCase());
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: cohortId, isOwner: false, isNetwork: true, yourRole: 'admin', permissions: { manage: false, invite: false, leave: true } });
      expect(res.body.contexts.map((x: { contextId: string; isYours: boolean }) => [x.contextId, x.isYours])).toEqual([[owner.admin.contextId, false], [b.admin.contextId, true]]);
      expect(await contextsOf()).toEqual([owner.admin.contextId, b.admin.contextId].sort());
      const used = await tool.db('cohort_join_codes').where({ id: body.id }).first();
      expect(used).toMatchObject({ used_by_context_id: b.admin.contextId, used_by_user_id: b.admin.userId });
    });

    it('shows the cohort to the joined course’s lead and participants (200)', async () => {
      expect((await call(tool, 'GET', '/api/cohorts', b.teacher)).body.cohorts.map((x: { id: string }) => x.id)).toEqual([cohortId]);
      expect((await call(tool, 'GET', `/api/cohorts/${cohortId}`, b.teacher)).status).toBe(200);
      expect((await call(tool, 'GET', `/api/cohorts/${cohortId}`, b.lead)).status).toBe(200);
    });

    it('refuses a used code with 409 join_code_used, and changes nothing', async () => {
      const { body } = await invite();
      expect((await join(b.admin, body.code)).status).toBe(409); // already in: the code stays unused…
      expect((await join(c.admin, body.code)).status).toBe(200); // …so another school can still use it once
      const again = await join(bystanderAdmin, body.code);
      expect(again.status).toBe(409);
      expect(again.body.error.id).toBe('join_code_used');
      expect(await contextsOf()).not.toContain(bystanderAdmin.contextId);
    });

    it('links a course on another LMS platform (it joined above) and shows the code as used by it', async () => {
      expect(await contextsOf()).toContain(c.admin.contextId);
      expect((await call(tool, 'GET', `/api/cohorts/${cohortId}`, c.teacher)).status).toBe(200);
      const invites = (await call(tool, 'GET', `/api/cohorts/${cohortId}/network-invites`, owner.admin)).body.invites;
      const usedByC = invites.find((i: { usedByContextId: string }) => i.usedByContextId === c.admin.contextId);
      expect(usedByC).toMatchObject({ status: 'used', usedByContextTitle: C_COURSE.title });
      expect(invites.every((i: object) => !('code' in i))).toBe(true);
    });

    it('answers 409 already_in_cohort when the course is already linked, leaving the code unused', async () => {
      const { body } = await invite();
      const res = await join(owner.admin, body.code);
      expect(res.status).toBe(409);
      expect(res.body.error.id).toBe('already_in_cohort');
      expect((await tool.db('cohort_join_codes').where({ id: body.id }).first()).used_at).toBeNull();
    });

    it('answers 422 join_code_expired for an expired code, and changes nothing', async () => {
      const { body } = await invite({ expiresInHours: 1 });
      await tool.db('cohort_join_codes').where({ id: body.id }).update({ expires_at: new Date(Date.now() - 1000) });
      const res = await join(bystanderAdmin, body.code);
      expect(res.status).toBe(422);
      expect(res.body.error.id).toBe('join_code_expired');
      expect(await contextsOf()).not.toContain(bystanderAdmin.contextId);
      expect((await tool.db('cohort_join_codes').where({ id: body.id }).first()).used_at).toBeNull();
    });

    it('a revoked code answers 409 join_code_revoked; revoking it again answers 409 invite_closed', async () => {
      const { body } = await invite();
      expect((await call(tool, 'DELETE', `/api/cohorts/${cohortId}/network-invites/${body.id}`, owner.admin)).status).toBe(204);
      const res = await join(bystanderAdmin, body.code);
      expect(res.status).toBe(409);
      expect(res.body.error.id).toBe('join_code_revoked');
      const again = await call(tool, 'DELETE', `/api/cohorts/${cohortId}/network-invites/${body.id}`, owner.admin);
      expect(again.body.error.id).toBe('invite_closed');
      expect((await call(tool, 'DELETE', `/api/cohorts/${cohortId}/network-invites/${body.id}`, b.admin)).status).toBe(403);
    });

    it.each([
      ['an unknown code', 'ABCDE-FGHJK-MNPQR-STVWX', 404, 'join_code_not_found'],
      ['text that is not a code', 'hello', 404, 'join_code_not_found'],
      ['an empty code', '', 400, 'validation_failed'],
      ['a number', 12345, 400, 'validation_failed'],
    ])('answers %s with %i %s', async (_what, code, status, id) => {
      const res = await join(bystanderAdmin, code);
      expect(res.status).toBe(status);
      expect(res.body.error.id).toBe(id);
      if (status === 400) expect(res.body.error.details.fields[0].field).toBe('code');
    });

    it('answers 403 for leads and participants (only admins link courses), leaving the code unused', async () => {
      const { body } = await invite();
      expect((await join(owner.lead, body.code)).status).toBe(403);
      expect((await join(b.teacher, body.code)).status).toBe(403);
      expect((await tool.db('cohort_join_codes').where({ id: body.id }).first()).used_at).toBeNull();
    });

    it('two admins racing with one code: exactly one joins', async () => {
      const extra = await launchIn(tool, person('e-admin', 'Eve Admin', 'admin'), { id: 'extra-pd', title: 'Extra PD' });
      const { body } = await invite();
      const results = await Promise.all([join(bystanderAdmin, body.code), join(extra, body.code)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const linked = (await contextsOf()).filter((id) => id === bystanderAdmin.contextId || id === extra.contextId);
      expect(linked).toHaveLength(1);
      // Put the course that got in back out, so later tests see the same network.
      const inId = linked[0]!;
      const inAdmin = inId === extra.contextId ? extra : bystanderAdmin;
      expect((await call(tool, 'DELETE', `/api/cohorts/${cohortId}/contexts/${inId}`, inAdmin)).status).toBe(204);
    });
  });

  describe('per-school visibility and rights in a network cohort', () => {
    it('each school’s admin and lead see only their own staff in the members list', async () => {
      const ids = async (who: Launched) => (await call(tool, 'GET', `/api/cohorts/${cohortId}/members`, who)).body.members.map((m: { userId: string }) => m.userId).sort();
      expect(await ids(owner.admin)).toEqual([owner.admin.userId, owner.lead.userId, owner.teacher.userId].sort());
      expect(await ids(b.admin)).toEqual([b.admin.userId, b.lead.userId, b.teacher.userId].sort());
      expect(await ids(b.lead)).toEqual([b.admin.userId, b.lead.userId, b.teacher.userId].sort());
      expect(await ids(c.admin)).toEqual([c.admin.userId, c.teacher.userId].sort());
    });

    it('counts members across all schools but shows per-course totals, not people, for the others', async () => {
      const res = await call(tool, 'GET', `/api/cohorts/${cohortId}`, b.admin);
      expect(res.body.counts).toMatchObject({ members: 8, contexts: 3 });
      expect(res.body.contexts.map((x: { memberCount: number }) => x.memberCount)).toEqual([3, 3, 2]);
    });

    it('a joined school’s admin cannot change, share or save the cohort (403)', async () => {
      expect((await call(tool, 'PATCH', `/api/cohorts/${cohortId}`, b.admin, { title: 'Mine now' })).status).toBe(403);
      expect((await invite({}, b.admin)).status).toBe(403);
      expect((await call(tool, 'POST', `/api/cohorts/${cohortId}/save-as-template`, b.admin, {})).status).toBe(403);
      expect((await call(tool, 'GET', `/api/cohorts/${cohortId}/network-invites`, b.admin)).status).toBe(403);
    });
  });

  describe('DELETE /api/cohorts/:id/contexts/:contextId', () => {
    it('refuses to remove the owner course (409) and another school’s course for a joined admin (403)', async () => {
      const ownerOut = await call(tool, 'DELETE', `/api/cohorts/${cohortId}/contexts/${owner.admin.contextId}`, c.admin);
      expect(ownerOut.status).toBe(409);
      expect(ownerOut.body.error.id).toBe('owner_context_cannot_leave');
      expect((await call(tool, 'DELETE', `/api/cohorts/${cohortId}/contexts/${owner.admin.contextId}`, owner.admin)).status).toBe(409);
      expect((await call(tool, 'DELETE', `/api/cohorts/${cohortId}/contexts/${b.admin.contextId}`, c.admin)).status).toBe(403);
      expect((await call(tool, 'DELETE', `/api/cohorts/${cohortId}/contexts/${b.admin.contextId}`, b.teacher)).status).toBe(403);
      expect((await call(tool, 'DELETE', `/api/cohorts/${cohortId}/contexts/${b.admin.contextId}`, bystanderAdmin)).status).toBe(404);
      expect((await call(tool, 'DELETE', `/api/cohorts/${cohortId}/contexts/${bystanderAdmin.contextId}`, owner.admin)).status).toBe(404);
      expect(await contextsOf()).toHaveLength(3);
    });

    it('lets a joined school leave (204): its people lose the cohort and their facilitator rights, and the leave is audited', async () => {
      expect((await call(tool, 'PUT', `/api/cohorts/${cohortId}/modules/${moduleId}/facilitators/${b.teacher.userId}`, b.admin)).status).toBe(201);
      expect((await call(tool, 'DELETE', `/api/cohorts/${cohortId}/contexts/${b.admin.contextId}`, b.admin)).status).toBe(204);
      expect((await call(tool, 'GET', `/api/cohorts/${cohortId}`, b.teacher)).status).toBe(404);
      expect((await call(tool, 'GET', '/api/cohorts', b.admin)).body.cohorts).toEqual([]);
      expect(await tool.db('cohort_facilitators').where({ cohort_id: cohortId, user_id: b.teacher.userId })).toEqual([]);
      const event = await tool.db('cohort_events').where({ cohort_id: cohortId, action: 'network_left', actor_context_id: b.admin.contextId }).first();
      expect(event.actor_user_id).toBe(b.admin.userId);
      expect(event.details).toMatchObject({ contextId: b.admin.contextId, facilitatorsRemoved: [{ userId: b.teacher.userId, moduleId }] });
    });

    it('lets the owner admin remove a joined school (204)', async () => {
      expect((await call(tool, 'DELETE', `/api/cohorts/${cohortId}/contexts/${c.admin.contextId}`, owner.admin)).status).toBe(204);
      expect(await contextsOf()).toEqual([owner.admin.contextId]);
      expect((await call(tool, 'GET', `/api/cohorts/${cohortId}`, c.admin)).status).toBe(404);
      expect(await tool.db('cohort_events').where({ cohort_id: cohortId, action: 'network_context_removed' }).pluck('actor_user_id')).toEqual([owner.admin.userId]);
    });
  });
});
