import { STARTER_TEMPLATES } from '../../lti-tool/src/cohorts/starterTemplates.content';
import { starterMinutes } from '../../lti-tool/src/cohorts/starterTemplates';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { call, launchIn, otherPlatform, person, type Launched } from '../helpers/courseFlow';

const SCHOOL_A = { id: 'school-a-pd', title: 'Riverside Primary PD' };
const SCHOOL_B = { id: 'school-b-pd', title: 'Hillcrest Secondary PD' };

describe('cohorts API: list, create, read, edit, templates', () => {
  let tool: TestTool;
  let admin: Launched;
  let lead: Launched;
  let participant: Launched;
  let otherCourseAdmin: Launched;
  let otherPlatformAdmin: Launched;

  const cohortCount = async () => Number((await tool.db('cohorts').count({ n: '*' }).first())!.n);
  const create = (body: object, who: Launched = admin) => call(tool, 'POST', '/api/cohorts', who, body);

  beforeAll(async () => {
    tool = await startTestTool();
    admin = await launchIn(tool, 'admin', SCHOOL_A);
    lead = await launchIn(tool, 'lead', SCHOOL_A);
    participant = await launchIn(tool, 'teacher-1', SCHOOL_A);
    otherCourseAdmin = await launchIn(tool, 'admin', SCHOOL_B);
    otherPlatformAdmin = await launchIn(tool, person('b-admin', 'Ada Byrne', 'admin'), SCHOOL_A, await otherPlatform(tool, 'lms-b.example.edu'));
  }, 120_000);
  afterAll(() => tool.stop());

  describe('GET /api/cohort-templates', () => {
    it('lists the five built-in starter templates with their module titles and total estimated minutes (200 for an admin)', async () => {
      const res = await call(tool, 'GET', '/api/cohort-templates', admin);
      expect(res.status).toBe(200);
      const builtIn = res.body.templates.filter((t: { builtIn: boolean }) => t.builtIn);
      expect(builtIn.map((t: { key: string }) => t.key).sort()).toEqual(STARTER_TEMPLATES.map((t) => t.key).sort());
      for (const t of STARTER_TEMPLATES) {
        const shown = builtIn.find((b: { key: string }) => b.key === t.key);
        expect(shown.title).toBe(t.title);
        expect(shown.modules.map((m: { title: string }) => m.title)).toEqual(t.modules.map((m) => m.title));
        expect(shown.modules.length).toBeGreaterThanOrEqual(2);
        expect(shown.modules.length).toBeLessThanOrEqual(4);
        expect(shown.totalEstimatedMinutes).toBe(starterMinutes(t));
      }
    });

    it('answers 200 for a lead and 403 for a participant', async () => {
      expect((await call(tool, 'GET', '/api/cohort-templates', lead)).status).toBe(200);
      const res = await call(tool, 'GET', '/api/cohort-templates', participant);
      expect(res.status).toBe(403);
      expect(res.body.error.id).toBe('forbidden');
    });

    it('answers 401 without a session', async () => {
      expect((await call(tool, 'GET', '/api/cohort-templates', null)).status).toBe(401);
    });
  });

  describe('POST /api/cohorts', () => {
    it('creates a cohort from scratch for an admin (201) with defaults, owned by their course and counting its members', async () => {
      const res = await create({ title: '  Reading across the curriculum  ', startsOn: '2026-09-01', endsOn: '2026-12-18' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        kind: 'cohort', title: 'Reading across the curriculum', description: '', status: 'active', startsOn: '2026-09-01', endsOn: '2026-12-18',
        pacing: 'self_paced', weeklyMinutes: null, workVisibility: 'cohort', templateSourceId: null, isOwner: true, isNetwork: false, yourRole: 'admin',
        counts: { members: 3, modules: 0, unpublishedModules: 0, contexts: 1 },
        permissions: { manage: true, invite: true, leave: false, viewMembers: true },
      });
      expect(res.body.contexts).toEqual([expect.objectContaining({ contextId: admin.contextId, title: SCHOOL_A.title, isOwner: true, isYours: true, memberCount: 3 })]);
      const events = await tool.db('cohort_events').where({ cohort_id: res.body.id }).pluck('action');
      expect(events).toEqual(['cohort_created']);
    });

    it.each([
      ['no title', {}, 'title'],
      ['an empty title', { title: '   ' }, 'title'],
      ['an end before the start', { title: 'x', startsOn: '2026-09-01', endsOn: '2026-08-31' }, 'endsOn'],
      ['a date that does not exist', { title: 'x', startsOn: '2026-02-30' }, 'startsOn'],
      ['weekly pacing without a weekly pace', { title: 'x', pacing: 'weekly' }, 'weeklyMinutes'],
      ['a weekly pace while self-paced', { title: 'x', pacing: 'self_paced', weeklyMinutes: 30 }, 'weeklyMinutes'],
      ['an unknown visibility', { title: 'x', workVisibility: 'everyone' }, 'workVisibility'],
      ['a template id that is not an id', { templateId: 'learning-visits' }, 'templateId'],
      ['an unknown field', { title: 'x', owner: 'me' }, ''],
    ])('answers 400 naming the field for %s, and creates nothing', async (_what, body, field) => {
      const before = await cohortCount();
      const res = await create(body);
      expect(res.status).toBe(400);
      expect(res.body.error.id).toBe('validation_failed');
      expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
      expect(await cohortCount()).toBe(before);
    });

    it('answers 403 for a lead and a participant, and creates nothing', async () => {
      const before = await cohortCount();
      for (const who of [lead, participant]) {
        const res = await create({ title: 'Not mine to make' }, who);
        expect(res.status).toBe(403);
        expect(res.body.error.id).toBe('forbidden');
      }
      expect(await cohortCount()).toBe(before);
    });

    it('creates a cohort from a built-in template (201): settings and published modules copied, title overridable', async () => {
      const templates = (await call(tool, 'GET', '/api/cohort-templates', admin)).body.templates;
      const visits = templates.find((t: { key: string }) => t.key === 'learning-visits');
      const res = await create({ templateId: visits.id, title: 'Visits: spring term', startsOn: '2027-01-10' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ title: 'Visits: spring term', description: visits.description, pacing: 'weekly', weeklyMinutes: 45, templateSourceId: visits.id, startsOn: '2027-01-10', endsOn: null });
      expect(res.body.counts.modules).toBe(visits.modules.length);
      const copied = await tool.db('modules').where({ cohort_id: res.body.id }).orderBy('position').pluck('title');
      expect(copied).toEqual(visits.modules.map((m: { title: string }) => m.title));
    });

    it('answers 404 template_not_found for another course’s template or an unknown id, and creates nothing', async () => {
      const theirs = await create({ title: 'B’s cohort' }, otherCourseAdmin);
      const theirTemplate = await call(tool, 'POST', `/api/cohorts/${theirs.body.id}/save-as-template`, otherCourseAdmin, {});
      expect(theirTemplate.status).toBe(201);
      const before = await cohortCount();
      for (const templateId of [theirTemplate.body.id, theirs.body.id, '00000000-0000-4000-8000-000000000000']) {
        const res = await create({ templateId });
        expect(res.status).toBe(404);
        expect(res.body.error.id).toBe('template_not_found');
      }
      expect(await cohortCount()).toBe(before);
    });
  });

  describe('GET /api/cohorts and GET /api/cohorts/:id', () => {
    let active: string;
    let archived: string;
    beforeAll(async () => {
      active = (await create({ title: 'Open cohort' })).body.id;
      archived = (await create({ title: 'Last year' })).body.id;
      expect((await call(tool, 'PATCH', `/api/cohorts/${archived}`, admin, { status: 'archived' })).status).toBe(200);
    });

    it('lists the course’s cohorts with counts for each role (200); participants see active cohorts only', async () => {
      const forAdmin = await call(tool, 'GET', '/api/cohorts?status=all', admin);
      expect(forAdmin.status).toBe(200);
      const adminIds = forAdmin.body.cohorts.map((c: { id: string }) => c.id);
      expect(adminIds).toEqual(expect.arrayContaining([active, archived]));
      expect(forAdmin.body.cohorts.find((c: { id: string }) => c.id === active).counts).toEqual({ members: 3, modules: 0, unpublishedModules: 0, contexts: 1 });

      const forLead = await call(tool, 'GET', '/api/cohorts?status=archived', lead);
      expect(forLead.body.cohorts.map((c: { id: string }) => c.id)).toEqual([archived]);

      const forParticipant = await call(tool, 'GET', '/api/cohorts?status=all', participant);
      expect(forParticipant.status).toBe(200);
      const ids = forParticipant.body.cohorts.map((c: { id: string }) => c.id);
      expect(ids).toContain(active);
      expect(ids).not.toContain(archived);
      expect(forParticipant.body.cohorts[0].counts).not.toHaveProperty('unpublishedModules');
    });

    it('never lists templates or other courses’ cohorts', async () => {
      const mine = (await call(tool, 'GET', '/api/cohorts?status=all', admin)).body.cohorts;
      expect(mine.every((c: { kind: string }) => c.kind === 'cohort')).toBe(true);
      const theirs = (await call(tool, 'GET', '/api/cohorts?status=all', otherCourseAdmin)).body.cohorts.map((c: { id: string }) => c.id);
      expect(theirs).not.toContain(active);
      expect((await call(tool, 'GET', '/api/cohorts', otherPlatformAdmin)).body.cohorts).toEqual([]);
    });

    // A lead's home call on every launch: named prepared statements need one text whatever the filter and the number of cohorts.
    it('lists with the same two statement texts whatever the status filter', async () => {
      const texts = async (status: string) => {
        const seen: string[] = [];
        const onQuery = (q: { sql: string }) => seen.push(q.sql);
        tool.db.on('query', onQuery);
        try {
          expect((await call(tool, 'GET', `/api/cohorts?status=${status}`, admin)).status).toBe(200);
        } finally {
          tool.db.removeListener('query', onQuery);
        }
        return seen.filter((sql) => /from cohorts c|from modules/i.test(sql));
      };
      const active = await texts('active');
      expect(active).toHaveLength(2);
      expect(await texts('all')).toEqual(active);
      expect(await texts('archived')).toEqual(active);
    });

    it('answers 400 naming status for an unknown list filter', async () => {
      const res = await call(tool, 'GET', '/api/cohorts?status=deleted', admin);
      expect(res.status).toBe(400);
      expect(res.body.error.details.fields[0].field).toBe('status');
    });

    it('shows one cohort to its admin, lead and participant (200); only admins and leads see its courses', async () => {
      for (const who of [admin, lead]) {
        const res = await call(tool, 'GET', `/api/cohorts/${active}`, who);
        expect(res.status).toBe(200);
        expect(res.body.contexts).toHaveLength(1);
      }
      const res = await call(tool, 'GET', `/api/cohorts/${active}`, participant);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: active, yourRole: 'participant', permissions: { manage: false, viewMembers: false } });
      expect(res.body).not.toHaveProperty('contexts');
    });

    it('answers 404 (never 403) for another course’s admin, another platform’s admin, a malformed id and an unknown id', async () => {
      for (const [who, id] of [[otherCourseAdmin, active], [otherPlatformAdmin, active], [admin, 'not-a-uuid'], [admin, '00000000-0000-4000-8000-000000000000']] as const) {
        const res = await call(tool, 'GET', `/api/cohorts/${id}`, who);
        expect(res.status).toBe(404);
        expect(res.body.error).toEqual({ id: 'not_found', message: 'Cohort was not found.' });
      }
    });
  });

  describe('PATCH /api/cohorts/:id', () => {
    let id: string;
    beforeAll(async () => {
      id = (await create({ title: 'Data conversations' })).body.id;
    });

    it('changes settings for the admin (200) and records who changed which fields', async () => {
      const res = await call(tool, 'PATCH', `/api/cohorts/${id}`, admin, { description: 'Termly', pacing: 'weekly', weeklyMinutes: 30, workVisibility: 'leads_only', endsOn: '2027-03-31' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ description: 'Termly', pacing: 'weekly', weeklyMinutes: 30, workVisibility: 'leads_only', endsOn: '2027-03-31' });
      const event = await tool.db('cohort_events').where({ cohort_id: id, action: 'cohort_updated' }).first();
      expect(event.actor_user_id).toBe(admin.userId);
      expect(event.details.fields.sort()).toEqual(['description', 'endsOn', 'pacing', 'weeklyMinutes', 'workVisibility']);
    });

    it('switching back to self-paced clears the weekly pace (200)', async () => {
      const res = await call(tool, 'PATCH', `/api/cohorts/${id}`, admin, { pacing: 'self_paced' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ pacing: 'self_paced', weeklyMinutes: null });
    });

    it('answers 400 naming endsOn when the new start is after the stored end, and changes nothing', async () => {
      const res = await call(tool, 'PATCH', `/api/cohorts/${id}`, admin, { startsOn: '2027-04-01', title: 'Renamed' });
      expect(res.status).toBe(400);
      expect(res.body.error.details.fields).toEqual([{ field: 'endsOn', message: 'must be on or after startsOn' }]);
      expect((await call(tool, 'GET', `/api/cohorts/${id}`, admin)).body).toMatchObject({ title: 'Data conversations', startsOn: null });
    });

    it('answers 400 for an empty change', async () => {
      expect((await call(tool, 'PATCH', `/api/cohorts/${id}`, admin, {})).status).toBe(400);
    });

    it('answers 403 for a lead and a participant, 404 for another course’s admin', async () => {
      expect((await call(tool, 'PATCH', `/api/cohorts/${id}`, lead, { title: 'x' })).status).toBe(403);
      expect((await call(tool, 'PATCH', `/api/cohorts/${id}`, participant, { title: 'x' })).status).toBe(403);
      expect((await call(tool, 'PATCH', `/api/cohorts/${id}`, otherCourseAdmin, { title: 'x' })).status).toBe(404);
      expect((await call(tool, 'PATCH', `/api/cohorts/${id}`, otherPlatformAdmin, { title: 'x' })).status).toBe(404);
    });

    it('an archived cohort refuses edits with 409 cohort_archived and accepts unarchiving (200)', async () => {
      expect((await call(tool, 'PATCH', `/api/cohorts/${id}`, admin, { status: 'archived' })).body.status).toBe('archived');
      const refused = await call(tool, 'PATCH', `/api/cohorts/${id}`, admin, { title: 'Sneaky' });
      expect(refused.status).toBe(409);
      expect(refused.body.error.id).toBe('cohort_archived');
      const back = await call(tool, 'PATCH', `/api/cohorts/${id}`, admin, { status: 'active', title: 'Data conversations II' });
      expect(back.status).toBe(200);
      expect(back.body).toMatchObject({ status: 'active', title: 'Data conversations II' });
    });
  });

  describe('POST /api/cohorts/:id/save-as-template and copies', () => {
    let source: { id: string; modules: number };
    let templateId: string;
    beforeAll(async () => {
      const builtIn = (await call(tool, 'GET', '/api/cohort-templates', admin)).body.templates.find((t: { key: string }) => t.key === 'peer-consultancy');
      const made = await create({ templateId: builtIn.id, title: 'Consultancy 2026', startsOn: '2026-10-01' });
      source = { id: made.body.id, modules: made.body.counts.modules };
    });

    it('saves a cohort as a template of the same course (201) without dates or people, with its modules', async () => {
      const res = await call(tool, 'POST', `/api/cohorts/${source.id}/save-as-template`, admin, { title: 'Our consultancy model' });
      expect(res.status).toBe(201);
      templateId = res.body.id;
      expect(res.body).toMatchObject({ kind: 'template', title: 'Our consultancy model', startsOn: null, endsOn: null, templateSourceId: source.id, counts: { members: 0, modules: source.modules } });
      expect(res.body.contexts).toEqual([expect.objectContaining({ contextId: admin.contextId, memberCount: 0 })]);
      const listed = (await call(tool, 'GET', '/api/cohort-templates', lead)).body.templates.find((t: { id: string }) => t.id === templateId);
      expect(listed).toMatchObject({ builtIn: false, key: null, title: 'Our consultancy model' });
      expect(listed.modules).toHaveLength(source.modules);
      expect(await tool.db('cohort_facilitators').where({ cohort_id: templateId })).toEqual([]);
    });

    it('answers 403 for a lead and a participant, 404 for another course’s admin', async () => {
      expect((await call(tool, 'POST', `/api/cohorts/${source.id}/save-as-template`, lead, {})).status).toBe(403);
      expect((await call(tool, 'POST', `/api/cohorts/${source.id}/save-as-template`, participant, {})).status).toBe(403);
      expect((await call(tool, 'POST', `/api/cohorts/${source.id}/save-as-template`, otherCourseAdmin, {})).status).toBe(404);
    });

    it('hides templates from participants (404) and from other courses’ template lists', async () => {
      expect((await call(tool, 'GET', `/api/cohorts/${templateId}`, participant)).status).toBe(404);
      expect((await call(tool, 'GET', `/api/cohorts/${templateId}`, lead)).status).toBe(200);
      const theirs = (await call(tool, 'GET', '/api/cohort-templates', otherCourseAdmin)).body.templates.map((t: { id: string }) => t.id);
      expect(theirs).not.toContain(templateId);
    });

    it('a cohort made from the template is independent: editing the copy’s settings and modules leaves the template as it was', async () => {
      const copy = await create({ templateId });
      expect(copy.status).toBe(201);
      expect(copy.body).toMatchObject({ title: 'Our consultancy model', templateSourceId: templateId });
      const templateModules = await tool.db('modules').where({ cohort_id: templateId }).orderBy('position').select('id', 'title');
      const copyModules = await tool.db('modules').where({ cohort_id: copy.body.id }).orderBy('position').select('id', 'title');
      expect(copyModules.map((m) => m.title)).toEqual(templateModules.map((m) => m.title));
      expect(copyModules.map((m) => m.id).filter((m) => templateModules.some((t) => t.id === m))).toEqual([]);

      expect((await call(tool, 'PATCH', `/api/cohorts/${copy.body.id}`, admin, { title: 'Copy renamed', description: 'Changed', workVisibility: 'leads_only' })).status).toBe(200);
      await tool.db('modules').where({ id: copyModules[0].id }).update({ title: 'Changed in the copy' });
      await tool.db('modules').where({ id: copyModules[1].id }).update({ archived_at: new Date() });

      const template = (await call(tool, 'GET', '/api/cohort-templates', admin)).body.templates.find((t: { id: string }) => t.id === templateId);
      expect(template).toMatchObject({ title: 'Our consultancy model', workVisibility: 'cohort' });
      expect(template.modules.map((m: { title: string }) => m.title)).toEqual(templateModules.map((m) => m.title));
    });
  });
});
