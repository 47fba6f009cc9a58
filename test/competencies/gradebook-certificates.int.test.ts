import { createLocalJWKSet, jwtVerify } from 'jose';
import { DEMO_CONTEXT, findPersona } from '../../lti-tool/src/sandbox/sandbox.personas';
import { eventually, PASSBACK_TEST_ENV, sandboxAgs } from '../grades/gradesFlow';
import { api, launchAs } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { buildCohort } from '../modules/factories';
import { threeSteps } from '../modules/moduleFlow';
import { call, getText, linkFramework, publishModule, rate, type Who } from './competencyFlow';

jest.setTimeout(300_000);

/** A demo-course persona's session (the sandbox launch carries the AGS claim). */
async function demo(tool: TestTool, persona: string): Promise<Who> {
  const { token } = await launchAs(tool, persona);
  const me = (await (await api(tool, '/api/me', token)).json()) as { user: { id: string }; context: { id: string } };
  return { token: token!, userId: me.user.id, contextId: me.context.id };
}

describe('competency mastery in the LMS gradebook, and certificates', () => {
  let tool: TestTool;
  let admin: Who;
  let lead: Who;
  let teacher: Who;
  let other: Who;
  let cohortId: string;
  let c: { domain: string; plan: string; feedback: string };

  beforeAll(async () => {
    tool = await startTestTool(PASSBACK_TEST_ENV);
    [admin, lead, teacher, other] = [await demo(tool, 'admin'), await demo(tool, 'lead'), await demo(tool, 'teacher-1'), await demo(tool, 'teacher-2')];
    cohortId = await buildCohort(tool.db, admin.contextId, { title: 'Collaboration cohort' });
    const f = (await call(tool, 'POST', '/api/competency-frameworks', admin, { title: 'Collaboration' })).body.id as string;
    const add = async (parentId: string | null, kind: string, identifier: string, title: string) =>
      (await call(tool, 'POST', `/api/competency-frameworks/${f}/competencies`, admin, { parentId, kind, identifier, title })).body.competencyId as string;
    const domain = await add(null, 'domain', 'COL', 'Collaboration');
    c = { domain, plan: await add(domain, 'competency', 'COL.1', 'Plans with colleagues'), feedback: await add(domain, 'competency', 'COL.2', 'Gives feedback') };
    await linkFramework(tool, admin, cohortId, {
      frameworkId: f,
      credentialTitle: 'Collaborative practitioner',
      competencies: [
        { competencyId: c.domain, reportsToGradebook: true },
        { competencyId: c.plan, reportsToGradebook: true, inCredential: true },
        { competencyId: c.feedback, inCredential: true },
      ],
    });
    const m = await publishModule(tool, admin, cohortId, { title: 'Co-planning', pdMinutes: 90, steps: threeSteps });
    for (const stepId of m.stepIds) await call(tool, 'PUT', `/api/cohorts/${cohortId}/modules/${m.moduleId}/steps/${stepId}/progress`, teacher, { status: 'complete' });
  });
  afterAll(() => tool.stop());

  const lineItem = (competencyId: string) => sandboxAgs(tool).listLineItems(DEMO_CONTEXT.id, { resourceId: `staffroom-competency:${cohortId}:${competencyId}`, offset: 0, limit: 10 });

  it('posts the mastery (points / max) with the comment to one AGS line item per reported competency, tagged with its id', async () => {
    const res = await rate(tool, lead, cohortId, teacher.userId, c.plan, 'Proficient', 'Plans units with the team.');
    expect(res).toMatchObject({ status: 201, body: { certificateIssued: false } });
    const [item] = await eventually(async () => ((await lineItem(c.plan)).length ? lineItem(c.plan) : null));
    expect(item).toMatchObject({ label: 'COL.1 Plans with colleagues', scoreMaximum: 4, tag: `staffroom-competency:${c.plan}` });
    const scores = await eventually(async () => {
      const s = await sandboxAgs(tool).scores({ lineItemId: item!.id });
      return s.length ? s : null;
    });
    expect(scores).toEqual([
      expect.objectContaining({ userId: findPersona('teacher-1')!.sub, scoreGiven: 3, scoreMaximum: 4, comment: 'Proficient. Plans units with the team.', gradingProgress: 'FullyGraded', outcome: 'accepted' }),
    ]);
    // COL rolls up only when every child is rated; COL.2 does not report.
    expect(await tool.db('score_passbacks').where({ resource_id: `staffroom-competency:${cohortId}:${c.domain}` })).toHaveLength(0);
  });

  it('has no certificate before every credential competency is proficient (404)', async () => {
    expect((await call(tool, 'GET', `/api/cohorts/${cohortId}/people/me/certificate`, teacher)).status).toBe(404);
  });

  it('issues a certificate once the person is proficient in every credential competency, and posts the rolled-up parent', async () => {
    const res = await rate(tool, lead, cohortId, teacher.userId, c.feedback, 'Exemplary', 'Feedback is specific.');
    expect(res.body.certificateIssued).toBe(true);
    expect((await rate(tool, admin, cohortId, teacher.userId, c.feedback, 'Exemplary')).body.certificateIssued).toBe(false); // once
    const rows = await eventually(async () => {
      const r = await tool.db('score_passbacks').where({ resource_id: `staffroom-competency:${cohortId}:${c.domain}` });
      return r.length && r.every((x) => x.status !== 'pending') ? r : null;
    });
    expect(rows[0]).toMatchObject({ status: 'delivered', tag: `staffroom-competency:${c.domain}` });
    expect(rows[0].payload.score).toMatchObject({ scoreGiven: 3, scoreMaximum: 4 });
  });

  it('returns an Open Badges 3.0 AchievementCredential signed with the tool key, with the competencies as alignments and the PD hours', async () => {
    const res = await call(tool, 'GET', `/api/cohorts/${cohortId}/people/me/certificate`, teacher);
    expect(res.status).toBe(200);
    expect(res.body.certificate).toMatchObject({ title: 'Collaborative practitioner', pdMinutes: 90 });
    const jwks = createLocalJWKSet(await tool.services.toolKeys.publicJwks());
    const { payload, protectedHeader } = await jwtVerify(res.body.credentialJwt, jwks);
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(payload).toMatchObject({
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      '@context': expect.arrayContaining(['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']),
      sub: `urn:uuid:${teacher.userId}`,
      credentialSubject: { type: ['AchievementSubject'], creditsEarned: 1.5, achievement: { achievementType: 'Certificate', name: 'Collaborative practitioner' } },
    });
    const alignments = (payload.credentialSubject as { achievement: { alignment: Array<{ targetCode: string; targetName: string }> } }).achievement.alignment;
    expect(alignments.map((a) => [a.targetCode, a.targetName])).toEqual([
      ['COL.1', 'Plans with colleagues'],
      ['COL.2', 'Gives feedback'],
    ]);
  });

  it('renders a printable certificate page for the person and their leads, and 404 for anyone else', async () => {
    const page = await getText(tool, `/api/cohorts/${cohortId}/people/me/certificate.html`, teacher);
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(page.text).toContain('Collaborative practitioner');
    expect(page.text).toContain('1.5 hours');
    expect((await getText(tool, `/api/cohorts/${cohortId}/people/${teacher.userId}/certificate.html`, lead)).status).toBe(200);
    expect((await call(tool, 'GET', `/api/cohorts/${cohortId}/people/${teacher.userId}/certificate`, other)).status).toBe(404);
  });

  it('lists who holds the cohort’s certificate for leads and admins (200), not for participants (403)', async () => {
    const res = await call(tool, 'GET', `/api/cohorts/${cohortId}/certificates`, lead);
    expect(res.status).toBe(200);
    expect(res.body.certificates).toEqual([
      { id: expect.any(String), title: 'Collaborative practitioner', issuedAt: expect.any(String), person: { userId: teacher.userId, name: findPersona('teacher-1')!.name, school: null } },
    ]);
    expect((await call(tool, 'GET', `/api/cohorts/${cohortId}/certificates`, admin)).body.certificates).toHaveLength(1);
    expect((await call(tool, 'GET', `/api/cohorts/${cohortId}/certificates`, teacher)).status).toBe(403);
  });

  it('lists a person’s own certificates with their cohort (one for the teacher, none for a colleague)', async () => {
    const mine = await call(tool, 'GET', '/api/competency-certificates', teacher);
    expect(mine.status).toBe(200);
    expect(mine.body.certificates).toEqual([{ id: expect.any(String), title: 'Collaborative practitioner', issuedAt: expect.any(String), cohort: { id: cohortId, title: 'Collaboration cohort' } }]);
    expect((await call(tool, 'GET', '/api/competency-certificates', other)).body).toEqual({ certificates: [] });
    const one = await call(tool, 'GET', `/api/cohorts/${cohortId}/people/me/certificate`, teacher);
    expect(one.body.certificate.cohort).toEqual({ id: cohortId, title: 'Collaboration cohort' });
  });
});
