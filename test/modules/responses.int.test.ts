import { startTestTool, type TestTool } from '../helpers/testTool';
import { buildCohort } from './factories';
import { call, courseWithCohort, publishModule, type StepInput, type Who } from './moduleFlow';

jest.setTimeout(300_000);

const steps: StepInput[] = [
  { kind: 'reflect', title: 'Private reflection', estimatedMinutes: 10, content: { prompt: 'Only for you', visibility: 'private' } },
  { kind: 'reflect', title: 'Your choice', estimatedMinutes: 10, content: { prompt: 'Share if you like', visibility: 'choice' } },
  { kind: 'inquiry', title: 'Inquiry cycle', estimatedMinutes: 60, content: { question: 'What will we try?', visibility: 'cohort' } },
  { kind: 'checkpoint', title: 'Team meeting', estimatedMinutes: 30, content: { date: '2026-12-01', linkUrl: 'https://meet.example.org/t' } },
  { kind: 'read', title: 'Reading', estimatedMinutes: 5, content: { markdown: 'Read me' } },
];

describe('responses, autosave and checkpoint records', () => {
  let tool: TestTool;
  let admin: Who;
  let lead: Who;
  let teachers: [Who, Who, Who];
  let cohortId: string;
  let moduleId: string;
  let stepIds: string[];
  const url = (stepId: string, rest = 'response') => `/api/cohorts/${cohortId}/modules/${moduleId}/steps/${stepId}/${rest}`;

  beforeAll(async () => {
    tool = await startTestTool();
    ({ admin, lead, teachers, cohortId } = await courseWithCohort(tool, 'responses-course'));
    ({ moduleId, stepIds } = await publishModule(tool, admin, cohortId, { title: 'Reflective practice', steps }));
  });
  afterAll(async () => {
    await tool.stop();
  });

  it('autosaves a reflection revision by revision and marks the step started', async () => {
    const t = teachers[0];
    expect((await call(tool, 'GET', url(stepIds[1]!), t)).body).toEqual({ response: null });
    const first = await call(tool, 'PUT', url(stepIds[1]!), t, { body: { text: 'First *thoughts*' }, visibility: 'private', revision: 0 });
    expect(first.status).toBe(200);
    expect(first.body.response).toMatchObject({ revision: 1, visibility: 'private', body: { text: 'First *thoughts*', html: '<p>First <em>thoughts</em></p>\n' } });
    const second = await call(tool, 'PUT', url(stepIds[1]!), t, { body: { text: 'Second draft' }, visibility: 'cohort', revision: 1 });
    expect(second.body.response).toMatchObject({ revision: 2, visibility: 'cohort', body: { text: 'Second draft' } });
    expect((await call(tool, 'GET', url(stepIds[1]!), t)).body.response.revision).toBe(2);
    const player = (await call(tool, 'GET', `/api/cohorts/${cohortId}/modules/${moduleId}`, t)).body;
    expect(player.steps[1]).toMatchObject({ progress: { status: 'in_progress' }, response: { revision: 2 } });
  });

  it('answers 409 response_conflict with the saved text when another tab saved first, and never overwrites it', async () => {
    const t = teachers[1];
    await call(tool, 'PUT', url(stepIds[1]!), t, { body: { text: 'Tab A v1' }, visibility: 'private', revision: 0 });
    await call(tool, 'PUT', url(stepIds[1]!), t, { body: { text: 'Tab A v2' }, visibility: 'private', revision: 1 });
    const stale = await call(tool, 'PUT', url(stepIds[1]!), t, { body: { text: 'Tab B, written on v1' }, visibility: 'private', revision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ id: 'response_conflict', details: { current: { revision: 2, body: { text: 'Tab A v2' } } } });
    const firstSave = await call(tool, 'PUT', url(stepIds[0]!), t, { body: { text: 'private one' }, visibility: 'private', revision: 0 });
    expect(firstSave.status).toBe(200);
    const secondFirstSave = await call(tool, 'PUT', url(stepIds[0]!), t, { body: { text: 'other tab, also first' }, visibility: 'private', revision: 0 });
    expect(secondFirstSave.body.error).toMatchObject({ id: 'response_conflict', details: { current: { body: { text: 'private one' } } } });
  });

  it('lets exactly one of two tabs saving the same revision at the same moment win; the other gets 409 with the winner’s text', async () => {
    const t = teachers[2];
    await call(tool, 'PUT', url(stepIds[1]!), t, { body: { text: 'start' }, visibility: 'private', revision: 0 });
    const [a, b] = await Promise.all([
      call(tool, 'PUT', url(stepIds[1]!), t, { body: { text: 'from tab A' }, visibility: 'private', revision: 1 }),
      call(tool, 'PUT', url(stepIds[1]!), t, { body: { text: 'from tab B' }, visibility: 'private', revision: 1 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
    expect(loser.body.error.details.current.body.text).toBe(winner.body.response.body.text);
    expect((await call(tool, 'GET', url(stepIds[1]!), t)).body.response).toMatchObject({ revision: 2, body: { text: winner.body.response.body.text } });
  });

  it('never shows a private reflection to anyone but its author: not other teachers, leads or admins (404)', async () => {
    const author = teachers[0];
    const saved = await call(tool, 'PUT', url(stepIds[0]!), author, { body: { text: 'My private worry' }, visibility: 'private', revision: 0 });
    const id = saved.body.response.id;
    for (const reader of [teachers[1], lead, admin]) {
      expect((await call(tool, 'GET', url(stepIds[0]!, `responses/${id}`), reader)).status).toBe(404);
      const list = (await call(tool, 'GET', url(stepIds[0]!, 'responses'), reader)).body.responses;
      expect(list.map((r: { id: string }) => r.id)).not.toContain(id);
    }
    expect((await call(tool, 'GET', url(stepIds[0]!, `responses/${id}`), author)).body.response.body.text).toBe('My private worry');
  });

  it('shows cohort-visible work to cohort members as sanitised HTML only', async () => {
    const list = await call(tool, 'GET', url(stepIds[1]!, 'responses'), teachers[1]);
    expect(list.status).toBe(200);
    const shared = list.body.responses.find((r: { author: { id: string } }) => r.author.id === teachers[0].userId);
    expect(shared).toMatchObject({ mine: false, kind: 'reflect', author: { name: 'Tess One' }, body: { html: '<p>Second draft</p>\n' } });
    expect(shared.body.text).toBeUndefined();
  });

  it('paginates shared responses with a cursor', async () => {
    const current = (await call(tool, 'GET', url(stepIds[1]!), teachers[1])).body.response;
    await call(tool, 'PUT', url(stepIds[1]!), teachers[1], { body: { text: 'now shared' }, visibility: 'cohort', revision: current?.revision ?? 0 });
    const page1 = (await call(tool, 'GET', url(stepIds[1]!, 'responses?limit=1'), lead)).body;
    expect(page1.responses).toHaveLength(1);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = (await call(tool, 'GET', url(stepIds[1]!, `responses?limit=1&cursor=${page1.nextCursor}`), lead)).body;
    expect(page2.responses).toHaveLength(1);
    expect(page2.responses[0].id).not.toBe(page1.responses[0].id);
    expect(page2.nextCursor).toBeNull();
    expect((await call(tool, 'GET', url(stepIds[1]!, 'responses?cursor=garbage'), lead)).status).toBe(400);
  });

  it('hides others’ work from participants when the cohort keeps it to leads (403), but not from leads', async () => {
    const c = await buildCohort(tool.db, admin.contextId, { workVisibility: 'leads_only' });
    const m = await publishModule(tool, admin, c, { title: 'Leads only', steps });
    await call(tool, 'PUT', `/api/cohorts/${c}/modules/${m.moduleId}/steps/${m.stepIds[1]}/response`, teachers[0], { body: { text: 'shared with leads' }, visibility: 'cohort', revision: 0 });
    const asTeacher = await call(tool, 'GET', `/api/cohorts/${c}/modules/${m.moduleId}/steps/${m.stepIds[1]}/responses`, teachers[1]);
    expect({ status: asTeacher.status, id: asTeacher.body.error.id }).toEqual({ status: 403, id: 'forbidden' });
    const asLead = await call(tool, 'GET', `/api/cohorts/${c}/modules/${m.moduleId}/steps/${m.stepIds[1]}/responses`, lead);
    expect(asLead.body.responses.map((r: { body: { html: string } }) => r.body.html)).toEqual(['<p>shared with leads</p>\n']);
  });

  it('enforces the step’s visibility rule (422) and takes no response on a reading (422)', async () => {
    const t = teachers[1];
    expect((await call(tool, 'PUT', url(stepIds[0]!), t, { body: { text: 'x' }, visibility: 'cohort', revision: 0 })).body.error.id).toBe('visibility_not_allowed');
    expect((await call(tool, 'PUT', url(stepIds[2]!), t, { body: { stages: {} }, visibility: 'private', revision: 0 })).body.error.id).toBe('visibility_not_allowed');
    const reading = await call(tool, 'PUT', url(stepIds[4]!), t, { body: { text: 'x' }, visibility: 'private', revision: 0 });
    expect({ status: reading.status, id: reading.body.error.id }).toEqual({ status: 422, id: 'responses_not_accepted' });
  });

  it('answers 400 naming the field for a bad body, and saves nothing', async () => {
    const t = teachers[2];
    const tooLong = await call(tool, 'PUT', url(stepIds[0]!), t, { body: { text: 'x'.repeat(20_001) }, visibility: 'private', revision: 0 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details.fields[0].field).toBe('body.text');
    const badEvidence = await call(tool, 'PUT', url(stepIds[2]!), t, { body: { stages: { plan: { text: 'p', evidenceUrl: 'javascript:alert(1)' } } }, visibility: 'cohort', revision: 0 });
    expect(badEvidence.body.error.details.fields[0].field).toBe('body.stages.plan.evidenceUrl');
    const noRevision = await call(tool, 'PUT', url(stepIds[0]!), t, { body: { text: 'x' }, visibility: 'private' });
    expect(noRevision.body.error.details.fields[0].field).toBe('revision');
    expect(await tool.db('step_responses').where({ user_id: t.userId, step_id: stepIds[0] })).toHaveLength(0);
  });

  it('stores the four inquiry-cycle stages with optional evidence links', async () => {
    const saved = await call(tool, 'PUT', url(stepIds[2]!), teachers[0], {
      body: { stages: { plan: { text: 'We will try **exit tickets**', evidenceUrl: 'https://docs.example.org/plan' }, review: { text: 'Worked' } } },
      visibility: 'cohort',
      revision: 0,
    });
    expect(saved.body.response.body.stages).toEqual({
      plan: { text: 'We will try **exit tickets**', html: '<p>We will try <strong>exit tickets</strong></p>\n', evidenceUrl: 'https://docs.example.org/plan' },
      enquire: { text: '', html: '', evidenceUrl: null },
      implement: { text: '', html: '', evidenceUrl: null },
      review: { text: 'Worked', html: '<p>Worked</p>\n', evidenceUrl: null },
    });
  });

  it('lets leads (not participants) keep the checkpoint’s “what we agreed” record, with the same revision check', async () => {
    const record = url(stepIds[3]!, 'agreement');
    const byTeacher = await call(tool, 'PUT', record, teachers[0], { text: 'We agreed…', revision: 0 });
    expect({ status: byTeacher.status, id: byTeacher.body.error.id }).toEqual({ status: 403, id: 'forbidden' });
    const byLead = await call(tool, 'PUT', record, lead, { text: 'We agreed to visit in pairs.', revision: 0 });
    expect(byLead.body.agreement).toMatchObject({ revision: 1, text: 'We agreed to visit in pairs.', editedBy: { id: lead.userId } });
    const stale = await call(tool, 'PUT', record, admin, { text: 'Overwrite', revision: 0 });
    expect(stale.body.error).toMatchObject({ id: 'response_conflict', details: { current: { text: 'We agreed to visit in pairs.' } } });
    const player = (await call(tool, 'GET', `/api/cohorts/${cohortId}/modules/${moduleId}`, teachers[0])).body;
    expect(player.steps[3].agreement).toMatchObject({ html: '<p>We agreed to visit in pairs.</p>\n', revision: 1 });
    expect((await call(tool, 'PUT', url(stepIds[1]!, 'agreement'), lead, { text: 'x', revision: 0 })).body.error.id).toBe('responses_not_accepted');
  });
});
