import { syncResponseEvidence } from '../../lti-tool/src/competencies/responseEvidence.store';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { buildFramework, call, courseWithCohort, linkFramework, publishModule, type Who } from './competencyFlow';

jest.setTimeout(300_000);

describe('module reflections and inquiry entries as evidence (the response sweep)', () => {
  let tool: TestTool;
  let admin: Who;
  let lead: Who;
  let t1: Who;
  let t2: Who;
  let cohortId: string;
  let goalsA: string;
  let m: { moduleId: string; stepIds: string[] };

  beforeAll(async () => {
    tool = await startTestTool();
    ({ admin, lead, teachers: [t1, t2], cohortId } = await courseWithCohort(tool, 'sweep-course'));
    const f = await buildFramework(tool, admin);
    goalsA = f.ids.goalsA;
    await linkFramework(tool, admin, cohortId, { frameworkId: f.frameworkId });
    m = await publishModule(tool, admin, cohortId, {
      title: 'Goals in practice',
      steps: [
        { kind: 'reflect', title: 'Reflect on goals', estimatedMinutes: 10, content: { prompt: 'How did it go?', visibility: 'choice' } },
        { kind: 'inquiry', title: 'Goals inquiry', estimatedMinutes: 30, content: { question: 'Do criteria help?' } },
      ],
    });
    for (const stepId of m.stepIds) await call(tool, 'PUT', `/api/cohorts/${cohortId}/competencies/${goalsA}/links`, admin, { targetKind: 'module_step', targetId: stepId });
  });
  afterAll(() => tool.stop());

  const respond = (who: Who, stepId: string, body: unknown, visibility: 'private' | 'cohort', revision = 0) =>
    call(tool, 'PUT', `/api/cohorts/${cohortId}/modules/${m.moduleId}/steps/${stepId}/response`, who, { body, visibility, revision });
  const evidence = async () => (await call(tool, 'GET', `/api/cohorts/${cohortId}/grading-queue?competencyId=${goalsA}`, lead)).body.items.map((i: { person: { userId: string }; title: string }) => [i.person.userId, i.title]);

  it('records cohort-visible reflections and inquiry entries on linked steps, never private ones', async () => {
    expect((await respond(t1, m.stepIds[0]!, { text: 'Students used the criteria.' }, 'cohort')).status).toBe(200);
    expect((await respond(t2, m.stepIds[0]!, { text: 'My private thoughts.' }, 'private')).status).toBe(200);
    expect((await respond(t1, m.stepIds[1]!, { stages: { plan: { text: 'Try criteria in maths.', evidenceUrl: null } } }, 'cohort')).status).toBe(200);
    await syncResponseEvidence(tool.db); // (the scheduled job may have run it already)
    expect(await syncResponseEvidence(tool.db)).toBe(0); // nothing changed since
    // One sweep inserts both in the same instant: their order is by id, so compare as sets.
    expect((await evidence()).sort()).toEqual([
      [t1.userId, 'Goals inquiry'],
      [t1.userId, 'Reflect on goals'],
    ]);
    const p = await call(tool, 'GET', `/api/cohorts/${cohortId}/people/${t1.userId}/competencies/${goalsA}`, lead);
    expect(p.body.competencies[0].evidence.map((e: { sourceKind: string; text: string }) => [e.sourceKind, e.text]).sort()).toEqual([
      ['inquiry_entry', 'Try criteria in maths.'],
      ['reflection', 'Students used the criteria.'],
    ]);
  });

  it('removes the evidence when its response becomes private', async () => {
    const own = await call(tool, 'GET', `/api/cohorts/${cohortId}/modules/${m.moduleId}/steps/${m.stepIds[0]}/response`, t1);
    expect((await respond(t1, m.stepIds[0]!, { text: 'Now private.' }, 'private', own.body.response.revision)).status).toBe(200);
    await syncResponseEvidence(tool.db);
    expect(await evidence()).toEqual([[t1.userId, 'Goals inquiry']]);
  });
});
