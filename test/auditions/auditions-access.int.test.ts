import { randomUUID } from 'node:crypto';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { call, launchInto, otherPlatform, person, type Who } from '../modules/moduleFlow';
import { auditionCourse, createAudition, protocol, submitWork } from './auditionFlow';

jest.setTimeout(300_000);

describe('auditions: set-up, roles and tenancy', () => {
  let tool: TestTool;
  let admin: Who;
  let lead: Who;
  let teachers: Who[];
  let cohortId: string;
  let moduleId: string;
  let auditionId: string;
  let base: string;

  beforeAll(async () => {
    tool = await startTestTool();
    const c = await auditionCourse(tool, 'access-course', 2);
    ({ admin, lead, teachers, cohortId, moduleId } = c);
    auditionId = await createAudition(tool, admin, cohortId, moduleId, { stepId: c.stepId, competencyIds: ['assessment-for-learning'] });
    base = `/api/cohorts/${cohortId}/auditions/${auditionId}`;
  });
  afterAll(async () => {
    await tool.stop();
  });

  it('creates an audition with defaults (3 reviewers, anonymous, rolling, 7 days) and links the module step', async () => {
    const res = await call(tool, 'GET', base, lead);
    expect(res.status).toBe(200);
    expect(res.body.audition).toMatchObject({ reviewersPerSubmission: 3, anonymity: 'anonymous', mode: 'rolling', reviewDueDays: 7, reassignAfterDays: 2, excludeSameSchool: false, acceptedParts: ['text', 'link'], competencyIds: ['assessment-for-learning'], canManage: true });
    expect(res.body.audition.protocol.prompts.map((p: { id: string; required: boolean }) => [p.id, p.required])).toEqual([['strength', true], ['suggestion', true], ['question', false]]);
    const list = await call(tool, 'GET', `/api/cohorts/${cohortId}/auditions`, teachers[0]!);
    expect(list.body.auditions).toEqual([expect.objectContaining({ id: auditionId, canManage: false, mySubmission: null })]);
  });

  it('lets leads create and change auditions; participants get 403', async () => {
    expect((await call(tool, 'POST', `/api/cohorts/${cohortId}/auditions`, teachers[0]!, { moduleId, title: 'x', prompt: 'y', protocol })).status).toBe(403);
    expect((await call(tool, 'PATCH', base, teachers[0]!, { title: 'Mine now' })).status).toBe(403);
    const patched = await call(tool, 'PATCH', base, lead, { title: 'Audition a unit plan', reviewersPerSubmission: 2 });
    expect(patched.body.audition).toMatchObject({ title: 'Audition a unit plan', reviewersPerSubmission: 2 });
  });

  it('changes only the fields a PATCH names (200): the other settings keep their values, not the defaults', async () => {
    const created = await call(tool, 'POST', `/api/cohorts/${cohortId}/auditions`, lead, {
      moduleId, title: 'Kept settings', prompt: 'y', protocol, reviewersPerSubmission: 2, anonymity: 'leads_only', reviewDueDays: 14, excludeSameSchool: true, competencyIds: ['x-1'],
    });
    expect(created.status).toBe(201);
    const path = `/api/cohorts/${cohortId}/auditions/${created.body.audition.id}`;
    const renamed = await call(tool, 'PATCH', path, lead, { title: 'Renamed' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.audition).toMatchObject({ title: 'Renamed', reviewersPerSubmission: 2, anonymity: 'leads_only', reviewDueDays: 14, excludeSameSchool: true, competencyIds: ['x-1'] });
  });

  it('answers 400 naming each wrong field (fixed mode without deadline, empty protocol, duplicate ids, bad links)', async () => {
    const post = (b: object) => call(tool, 'POST', `/api/cohorts/${cohortId}/auditions`, lead, { moduleId, title: 'x', prompt: 'y', protocol, ...b });
    const fields = async (b: object) => ((await post(b)).body.error.details.fields as { field: string }[]).map((f) => f.field);
    expect(await fields({ mode: 'fixed' })).toEqual(['deadline']);
    expect(await fields({ protocol: { criteria: [], prompts: [] } })).toEqual(['protocol']);
    expect(await fields({ protocol: { prompts: [{ id: 'a', kind: 'strength', label: 'x' }, { id: 'a', kind: 'question', label: 'y' }] } })).toEqual(['protocol.prompts.1.id']);
    expect(await fields({ reviewersPerSubmission: 0, anonymity: 'secret' })).toEqual(expect.arrayContaining(['reviewersPerSubmission', 'anonymity']));
    const draft = await call(tool, 'PUT', `${base}/submission/draft`, teachers[0]!, { work: { links: [{ url: 'javascript:alert(1)' }] }, revision: 0 });
    expect(draft.body.error.details.fields[0].field).toBe('work.links.0.url');
  });

  it('refuses parts the audition does not accept', async () => {
    const saved = await call(tool, 'PUT', `${base}/submission/draft`, teachers[1]!, { work: { text: 'x', attachmentIds: [randomUUID()] }, context: { gradeLevel: '1', subject: 's', students: 'st', feedbackWanted: 'f' }, revision: 0 });
    const res = await call(tool, 'POST', `${base}/submission/versions`, teachers[1]!, { revision: saved.body.submission.revision });
    expect(res.body.error.details.fields).toEqual([{ field: 'draft.work.attachmentIds', message: 'this audition does not accept this kind of part' }]);
  });

  it('answers 404 (never 403) for guessed ids, other courses and other tenants', async () => {
    expect((await call(tool, 'GET', `/api/cohorts/${cohortId}/auditions/${randomUUID()}`, lead)).status).toBe(404);
    expect((await call(tool, 'GET', `/api/cohorts/${cohortId}/auditions/not-a-uuid`, lead)).status).toBe(404);
    expect((await call(tool, 'GET', `${base}/reviews/${randomUUID()}`, teachers[0]!)).status).toBe(404);
    expect((await call(tool, 'GET', `${base}/submissions/${randomUUID()}`, lead)).status).toBe(404);
    const elsewhere = await launchInto(tool, person('other-admin', 'Olga Other', 'admin'), 'other-course');
    const tenant = await otherPlatform(tool, 'lms.other-district.example');
    const foreign = await launchInto(tool, person('foreign-admin', 'Fred Foreign', 'admin'), 'access-course', tenant);
    for (const who of [elsewhere, foreign]) {
      for (const [method, path] of [['GET', base], ['GET', `/api/cohorts/${cohortId}/auditions`], ['PATCH', base], ['GET', `${base}/overview`], ['POST', `${base}/allocate`], ['PUT', `${base}/submission/draft`]] as const) {
        const res = await call(tool, method, path, who, method === 'GET' ? undefined : { title: 'x', revision: 0 });
        expect([path, res.status]).toEqual([path, 404]);
      }
    }
    expect((await call(tool, 'POST', `/api/cohorts/${cohortId}/auditions`, lead, { moduleId: randomUUID(), title: 'x', prompt: 'y', protocol })).status).toBe(404);
  });

  it('locks the anonymity setting once reviews exist (409 anonymity_locked)', async () => {
    const id = await createAudition(tool, lead, cohortId, moduleId, { reviewersPerSubmission: 1 });
    const b = `/api/cohorts/${cohortId}/auditions/${id}`;
    expect((await call(tool, 'PATCH', b, lead, { anonymity: 'named' })).status).toBe(200);
    await submitWork(tool, teachers[0]!, b);
    await submitWork(tool, teachers[1]!, b);
    expect((await call(tool, 'PATCH', b, lead, { anonymity: 'anonymous' })).body.error.id).toBe('anonymity_locked');
  });

  it('fixed mode waits for the deadline; allocate is for leads, runs once (409 already_allocated), and 409 not_fixed_mode in rolling mode', async () => {
    const id = await createAudition(tool, lead, cohortId, moduleId, { reviewersPerSubmission: 1, mode: 'fixed', deadline: '2030-01-01T00:00:00Z' });
    const b = `/api/cohorts/${cohortId}/auditions/${id}`;
    await submitWork(tool, teachers[0]!, b);
    await submitWork(tool, teachers[1]!, b);
    expect((await call(tool, 'GET', `${b}/submission`, teachers[0]!)).body.submission.progress.reviewers).toBe(0);
    expect((await call(tool, 'POST', `${b}/allocate`, teachers[0]!)).status).toBe(403);
    expect((await call(tool, 'POST', `${b}/allocate`, lead)).body).toEqual({ assigned: 2 });
    expect((await call(tool, 'POST', `${b}/allocate`, lead)).body.error.id).toBe('already_allocated');
    expect((await call(tool, 'POST', `${base}/allocate`, lead)).body.error.id).toBe('not_fixed_mode');
    expect((await call(tool, 'GET', `${b}/submission`, teachers[1]!)).body.submission.progress.reviewers).toBe(1);
  });
});
