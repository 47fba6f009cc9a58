import { installStarterFramework } from '../../lti-tool/src/competencies/starterFramework';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { buildFramework, call, courseWithCohort, launchInto, otherPlatform, person, type Who } from './competencyFlow';

jest.setTimeout(300_000);

describe('competency frameworks API', () => {
  let tool: TestTool;
  let admin: Who;
  let lead: Who;
  let teacher: Who;
  let otherAdmin: Who;

  beforeAll(async () => {
    tool = await startTestTool();
    ({ admin, lead, teachers: [teacher] } = await courseWithCohort(tool, 'fw-course'));
    const tenant = await otherPlatform(tool, 'other-district.example.org');
    otherAdmin = await launchInto(tool, person('fw-other-admin', 'Olga Other', 'admin'), 'fw-other-course', tenant);
  });
  afterAll(() => tool.stop());

  it('lists the built-in starter framework once, however often it is installed, with the five professional-learning domains', async () => {
    await Promise.all([tool.services.competencies.ensureStarter(), tool.services.competencies.ensureStarter()]);
    await installStarterFramework(tool.db);
    const list = await call(tool, 'GET', '/api/competency-frameworks', admin);
    expect(list.status).toBe(200);
    const starters = list.body.frameworks.filter((f: { builtIn: boolean }) => f.builtIn);
    expect(starters).toHaveLength(1);
    const starter = await call(tool, 'GET', `/api/competency-frameworks/${starters[0].id}`, lead);
    expect(starter.body.competencies.filter((c: { kind: string }) => c.kind === 'domain').map((c: { title: string }) => c.title)).toEqual([
      'Collaboration',
      'Evidence-based practice',
      'Instructional design',
      'Equity',
      'Leadership',
    ]);
    expect(starter.body.scale.map((l: { label: string }) => l.label)).toEqual(['Beginning', 'Developing', 'Proficient', 'Exemplary']);
  });

  it('refuses to change the built-in framework (409 starter_framework_read_only) and copies it into the course (201)', async () => {
    const starterId = (await call(tool, 'GET', '/api/competency-frameworks', admin)).body.frameworks.find((f: { builtIn: boolean }) => f.builtIn).id;
    const edit = await call(tool, 'PATCH', `/api/competency-frameworks/${starterId}`, admin, { title: 'Mine now' });
    expect(edit).toMatchObject({ status: 409, body: { error: { id: 'starter_framework_read_only' } } });
    const copy = await call(tool, 'POST', `/api/competency-frameworks/${starterId}/copy`, admin, { title: 'Our district framework' });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ title: 'Our district framework', builtIn: false, sourceFrameworkId: starterId });
    expect(copy.body.competencies.length).toBe((await call(tool, 'GET', `/api/competency-frameworks/${starterId}`, admin)).body.competencies.length);
    const renamed = await call(tool, 'PATCH', `/api/competency-frameworks/${copy.body.id}`, admin, { title: 'Adapted' });
    expect(renamed).toMatchObject({ status: 200, body: { title: 'Adapted' } });
  });

  it('builds a tree through the API: domains → competencies → indicators, in order', async () => {
    const { frameworkId } = await buildFramework(tool, admin);
    const f = await call(tool, 'GET', `/api/competency-frameworks/${frameworkId}`, admin);
    expect(f.body.competencies.map((c: { identifier: string }) => c.identifier)).toEqual(['COL', 'COL.1', 'COL.2', 'DES', 'DES.1', 'DES.1.a', 'DES.1.b']);
    expect(f.body.competencies[1]).toMatchObject({ kind: 'competency', levelDescriptions: { Proficient: 'Plans with colleagues, consistently.' } });
  });

  it('refuses an indicator under a domain (422 invalid_parent), a duplicate identifier (409) and an unknown level description (422 unknown_level)', async () => {
    const { frameworkId, ids } = await buildFramework(tool, admin, 'Rules');
    const path = `/api/competency-frameworks/${frameworkId}/competencies`;
    expect((await call(tool, 'POST', path, admin, { parentId: ids.col, kind: 'indicator', identifier: 'X', title: 'X' })).body.error.id).toBe('invalid_parent');
    expect((await call(tool, 'POST', path, admin, { parentId: ids.col, kind: 'competency', identifier: 'COL.1', title: 'Again' })).body.error.id).toBe('duplicate_identifier');
    expect((await call(tool, 'POST', path, admin, { parentId: ids.col, kind: 'competency', identifier: 'COL.9', title: 'Y', levelDescriptions: { Mastered: 'x' } })).body.error.id).toBe('unknown_level');
  });

  it('defines a custom scale (points and counts-as-proficient) and rejects one without a proficient level (422 import_invalid)', async () => {
    const scale = [
      { label: 'Not yet', points: 0, countsAsProficient: false },
      { label: 'Meets', points: 2, countsAsProficient: true },
      { label: 'Leads', points: 3, countsAsProficient: true },
    ];
    const created = await call(tool, 'POST', '/api/competency-frameworks', admin, { title: 'Custom scale', scale });
    expect(created.status).toBe(201);
    expect(created.body.scale.map((l: { label: string; points: number }) => [l.label, l.points])).toEqual([['Not yet', 0], ['Meets', 2], ['Leads', 3]]);
    const bad = await call(tool, 'PATCH', `/api/competency-frameworks/${created.body.id}`, admin, { scale: scale.map((l) => ({ ...l, countsAsProficient: false })) });
    expect(bad).toMatchObject({ status: 422, body: { error: { id: 'import_invalid', details: { issues: [{ field: 'scale', message: 'at least one level must count as proficient' }] } } } });
  });

  it('edits and deletes competencies and frameworks (200, 204)', async () => {
    const { frameworkId, ids } = await buildFramework(tool, admin, 'Editable');
    const edited = await call(tool, 'PATCH', `/api/competency-frameworks/${frameworkId}/competencies/${ids.plan}`, admin, { title: 'Co-plans units' });
    expect(edited.body.competencies.find((c: { id: string }) => c.id === ids.plan).title).toBe('Co-plans units');
    expect((await call(tool, 'DELETE', `/api/competency-frameworks/${frameworkId}/competencies/${ids.goals}`, admin)).status).toBe(204);
    const after = await call(tool, 'GET', `/api/competency-frameworks/${frameworkId}`, admin);
    expect(after.body.competencies.map((c: { identifier: string }) => c.identifier)).toEqual(['COL', 'COL.1', 'COL.2', 'DES']);
    expect((await call(tool, 'DELETE', `/api/competency-frameworks/${frameworkId}`, admin)).status).toBe(204);
    expect((await call(tool, 'GET', `/api/competency-frameworks/${frameworkId}`, admin)).status).toBe(404);
  });

  it('lets leads read but not write (403), and participants neither (403)', async () => {
    const { frameworkId } = await buildFramework(tool, admin, 'Roles');
    expect((await call(tool, 'GET', `/api/competency-frameworks/${frameworkId}`, lead)).status).toBe(200);
    expect((await call(tool, 'PATCH', `/api/competency-frameworks/${frameworkId}`, lead, { title: 'x' })).status).toBe(403);
    expect((await call(tool, 'POST', '/api/competency-frameworks', lead, { title: 'x' })).status).toBe(403);
    expect((await call(tool, 'GET', '/api/competency-frameworks', teacher)).status).toBe(403);
  });

  it('answers 404 to an admin of another district guessing a framework or competency id, and to malformed ids', async () => {
    const { frameworkId, ids } = await buildFramework(tool, admin, 'Private');
    expect((await call(tool, 'GET', `/api/competency-frameworks/${frameworkId}`, otherAdmin)).status).toBe(404);
    expect((await call(tool, 'PATCH', `/api/competency-frameworks/${frameworkId}`, otherAdmin, { title: 'x' })).status).toBe(404);
    expect((await call(tool, 'DELETE', `/api/competency-frameworks/${frameworkId}/competencies/${ids.plan}`, otherAdmin)).status).toBe(404);
    expect((await call(tool, 'GET', '/api/competency-frameworks/not-a-uuid', admin)).status).toBe(404);
    expect((await call(tool, 'GET', '/api/competency-frameworks', otherAdmin)).body.frameworks.map((f: { id: string }) => f.id)).not.toContain(frameworkId);
  });

  it('answers 401 without a session', async () => {
    expect((await call(tool, 'GET', '/api/competency-frameworks', null)).status).toBe(401);
  });
});
