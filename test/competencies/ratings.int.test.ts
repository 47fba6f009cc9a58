import { recordEvidence } from '../../lti-tool/src/competencies/competencies.module';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { buildFramework, call, courseWithCohort, launchInto, linkFramework, otherPlatform, person, publishModule, rate, type Who } from './competencyFlow';

jest.setTimeout(300_000);

describe('evidence, review requests, the grading queue, ratings and mastery', () => {
  let tool: TestTool;
  let admin: Who;
  let lead: Who;
  let t1: Who;
  let t2: Who;
  let t3: Who;
  let cohortId: string;
  let ids: Awaited<ReturnType<typeof buildFramework>>['ids'];
  let otherAdmin: Who;

  beforeAll(async () => {
    tool = await startTestTool();
    ({ admin, lead, teachers: [t1, t2, t3], cohortId } = await courseWithCohort(tool, 'rating-course'));
    const built = await buildFramework(tool, admin);
    ids = built.ids;
    // The cohort works on everything but COL.2 (feedback).
    const competencies = Object.entries(ids)
      .filter(([k]) => k !== 'feedback')
      .map(([, competencyId]) => ({ competencyId }));
    await linkFramework(tool, admin, cohortId, { frameworkId: built.frameworkId, masteryMethod: 'highest', competencies });
    await tool.db('memberships').where({ user_id: t1.userId }).update({ school: 'North School' });
    await tool.db('memberships').whereIn('user_id', [t2.userId, t3.userId]).update({ school: 'South School' });
    otherAdmin = await launchInto(tool, person('rating-other-admin', 'Olga Other', 'admin'), 'rating-other-course', await otherPlatform(tool, 'rating-other.example.org'));
  });
  afterAll(() => tool.stop());

  const queue = (who: Who, query = '') => call(tool, 'GET', `/api/cohorts/${cohortId}/grading-queue${query}`, who);
  const profile = (who: Who, userId = 'me', competencyId?: string) => call(tool, 'GET', `/api/cohorts/${cohortId}/people/${userId}/competencies${competencyId ? `/${competencyId}` : ''}`, who);

  it('shows the cohort’s framework, settings and competencies to its members; parents roll up and are not ratable', async () => {
    const res = await call(tool, 'GET', `/api/cohorts/${cohortId}/competencies`, t1);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ masteryMethod: 'highest', rollupRule: 'all_proficient' });
    expect(res.body.competencies.map((c: { identifier: string; ratable: boolean }) => [c.identifier, c.ratable])).toEqual([
      ['COL', false],
      ['COL.1', true],
      ['DES', false],
      ['DES.1', false],
      ['DES.1.a', true],
      ['DES.1.b', true],
    ]);
  });

  it('lets a teacher attach own evidence (text, link) and request a review; a second pending request is 409', async () => {
    const own = await call(tool, 'POST', `/api/cohorts/${cohortId}/competencies/${ids.plan}/evidence`, t1, { title: 'Co-planned unit', text: 'We planned fractions together.', url: 'https://docs.example.org/unit' });
    expect(own).toMatchObject({ status: 201, body: { sourceKind: 'own', title: 'Co-planned unit', url: 'https://docs.example.org/unit', reviewedAt: null } });
    await call(tool, 'POST', `/api/cohorts/${cohortId}/competencies/${ids.goalsA}/evidence`, t2, { title: 'Goals poster', text: 'Photo of the wall.' });
    const request = await call(tool, 'POST', `/api/cohorts/${cohortId}/competencies/${ids.goalsA}/review-requests`, t2, { note: 'Ready for a look' });
    expect(request).toMatchObject({ status: 201, body: { status: 'pending', note: 'Ready for a look' } });
    expect((await call(tool, 'POST', `/api/cohorts/${cohortId}/competencies/${ids.goalsA}/review-requests`, t2, {})).body.error.id).toBe('review_already_requested');
    await call(tool, 'POST', `/api/cohorts/${cohortId}/competencies/${ids.goalsB}/evidence`, t3, { title: 'Criteria checklist', text: 'Students used it.' });
  });

  it('refuses evidence without text, link or attachment (400) and for a competency the cohort does not work on (422)', async () => {
    expect((await call(tool, 'POST', `/api/cohorts/${cohortId}/competencies/${ids.plan}/evidence`, t1, { title: 'Empty' })).status).toBe(400);
    const res = await call(tool, 'POST', `/api/cohorts/${cohortId}/competencies/${ids.feedback}/evidence`, t1, { title: 'x', text: 'y' });
    expect(res).toMatchObject({ status: 422, body: { error: { id: 'competency_not_in_cohort' } } });
  });

  it('gives leads a grading queue of pending requests and new evidence, oldest first (evidence of a requested pair only through its request)', async () => {
    const res = await queue(lead);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { kind: string; person: { userId: string }; competency: { identifier: string } }) => [i.kind, i.person.userId, i.competency.identifier])).toEqual([
      ['evidence', t1.userId, 'COL.1'],
      ['review_request', t2.userId, 'DES.1.a'],
      ['evidence', t3.userId, 'DES.1.b'],
    ]);
    expect(res.body.nextCursor).toBeNull();
  });

  it('filters the queue by competency and school, and pages it with a cursor', async () => {
    expect((await queue(admin, `?competencyId=${ids.goalsB}`)).body.items.map((i: { person: { userId: string } }) => i.person.userId)).toEqual([t3.userId]);
    expect((await queue(admin, `?school=${encodeURIComponent('North School')}`)).body.items.map((i: { person: { userId: string } }) => i.person.userId)).toEqual([t1.userId]);
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await queue(lead, `?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((i) => i.id));
      cursor = page.body.nextCursor;
    }
    expect(seen).toEqual((await queue(lead)).body.items.map((i: { id: string }) => i.id));
    expect((await queue(lead, '?cursor=garbage')).status).toBe(400);
  });

  it('keeps the queue from participants (403) and from other districts guessing the cohort id (404)', async () => {
    expect((await queue(t1)).status).toBe(403);
    expect((await queue(otherAdmin)).status).toBe(404);
  });

  it('records a rating with who, when and on which evidence; it settles the evidence and leaves the queue', async () => {
    const evidenceId = (await profile(lead, t1.userId, ids.plan)).body.competencies[0].evidence[0].id;
    const res = await rate(tool, lead, cohortId, t1.userId, ids.plan, 'Exemplary', 'Led the planning.', [evidenceId]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ rating: { level: 'Exemplary', points: 4, comment: 'Led the planning.', evidenceIds: [evidenceId], ratedBy: { userId: lead.userId } }, mastery: { level: 'Exemplary', proficient: true } });
    expect((await queue(lead)).body.items.map((i: { person: { userId: string } }) => i.person.userId)).toEqual([t2.userId, t3.userId]);
  });

  it('never overwrites ratings: a lower later rating is added to the history; "highest" keeps Exemplary', async () => {
    const res = await rate(tool, admin, cohortId, t1.userId, ids.plan, 'developing', 'Less this term.');
    expect(res.body.mastery).toMatchObject({ level: 'Exemplary' });
    const p = await profile(t1, 'me', ids.plan);
    expect(p.body.competencies[0].ratings.map((r: { level: string; ratedBy: { name: string } }) => [r.level, r.ratedBy.name])).toEqual([
      ['Exemplary', 'Lee Lead'],
      ['Developing', 'Ada Admin'],
    ]);
    expect(await tool.db('competency_ratings').where({ user_id: t1.userId }).count('* as n').first()).toEqual({ n: 2 });
  });

  it('recomputes mastery when the cohort’s method changes (most recent → Developing)', async () => {
    const current = (await call(tool, 'GET', `/api/cohorts/${cohortId}/competencies`, admin)).body;
    await linkFramework(tool, admin, cohortId, {
      frameworkId: current.framework.id,
      masteryMethod: 'most_recent',
      competencies: current.competencies.map((c: { id: string }) => ({ competencyId: c.id })),
    });
    const p = await profile(t1, 'me', ids.plan);
    expect(p.body.competencies[0].mastery).toEqual({ level: 'Developing', levelPosition: 1, points: 2, proficient: false });
    expect(p.body.competencies[0].nextLevel).toEqual({ label: 'Proficient', points: 3, description: 'Plans with colleagues, consistently.' });
  });

  it('resolves the review request when the competency is rated, and rolls parents up from their children', async () => {
    await rate(tool, lead, cohortId, t2.userId, ids.goalsA, 'Proficient');
    expect((await queue(lead)).body.items.map((i: { person: { userId: string } }) => i.person.userId)).toEqual([t3.userId]);
    let p = await profile(t2, 'me');
    const level = (identifier: string) => p.body.competencies.find((c: { identifier: string }) => c.identifier === identifier).mastery;
    expect(level('DES.1')).toBeNull(); // all-proficient roll-up waits for DES.1.b
    expect(p.body.reviewRequests[0]).toMatchObject({ status: 'resolved' });
    await rate(tool, lead, cohortId, t2.userId, ids.goalsB, 'Exemplary');
    p = await profile(t2, 'me');
    expect(level('DES.1')).toMatchObject({ level: 'Proficient', proficient: true });
    expect(level('DES')).toMatchObject({ level: 'Proficient', proficient: true });
  });

  it('refuses ratings by participants (403), of oneself (403 cannot_rate_self), of parents (422), on unlinked competencies (422) and at unknown levels (422)', async () => {
    expect((await rate(tool, t1, cohortId, t2.userId, ids.plan, 'Proficient')).status).toBe(403);
    expect((await rate(tool, lead, cohortId, lead.userId, ids.plan, 'Proficient')).body.error.id).toBe('cannot_rate_self');
    expect((await rate(tool, lead, cohortId, t1.userId, ids.goals, 'Proficient')).body.error.id).toBe('competency_not_ratable');
    const unlinked = await rate(tool, lead, cohortId, t1.userId, ids.feedback, 'Proficient');
    expect(unlinked).toMatchObject({ status: 422, body: { error: { id: 'competency_not_in_cohort' } } });
    expect((await rate(tool, lead, cohortId, t1.userId, ids.plan, 'Mastered')).body.error.id).toBe('unknown_level');
    const foreignEvidence = (await profile(lead, t3.userId, ids.goalsB)).body.competencies[0].evidence[0].id;
    expect((await rate(tool, lead, cohortId, t1.userId, ids.plan, 'Proficient', '', [foreignEvidence])).body.error.id).toBe('unknown_evidence');
  });

  it('answers 404 to other districts guessing ids, and for people who are not members of the rater’s course', async () => {
    expect((await rate(tool, otherAdmin, cohortId, t1.userId, ids.plan, 'Proficient')).status).toBe(404);
    expect((await profile(otherAdmin, t1.userId)).status).toBe(404);
    expect((await rate(tool, lead, cohortId, otherAdmin.userId, ids.plan, 'Proficient')).status).toBe(404);
    expect((await rate(tool, lead, cohortId, 'nobody', ids.plan, 'Proficient')).status).toBe(404);
  });

  it('shows a participant only their own profile (someone else’s is 404)', async () => {
    expect((await profile(t1, t2.userId)).status).toBe(404);
    expect((await profile(t1, t1.userId)).status).toBe(200);
  });

  it('draws the heatmap (people × competencies, level positions, parents rolled up) for leads and admins only', async () => {
    const res = await call(tool, 'GET', `/api/cohorts/${cohortId}/competency-heatmap`, lead);
    expect(res.status).toBe(200);
    const col = (identifier: string) => res.body.competencies.findIndex((c: { identifier: string }) => c.identifier === identifier);
    const row = (userId: string) => res.body.people.find((p: { userId: string }) => p.userId === userId).levels;
    expect(row(t1.userId)[col('COL.1')]).toBe(1);
    expect(row(t2.userId)[col('DES')]).toBe(2);
    expect(row(t3.userId).every((l: number | null) => l === null)).toBe(true);
    expect(res.body.people).toHaveLength(5);
    const paged = await call(tool, 'GET', `/api/cohorts/${cohortId}/competency-heatmap?limit=2`, admin);
    const next = await call(tool, 'GET', `/api/cohorts/${cohortId}/competency-heatmap?limit=2&cursor=${paged.body.nextCursor}`, admin);
    expect([...paged.body.people, ...next.body.people].map((p: { userId: string }) => p.userId)).toEqual(res.body.people.slice(0, 4).map((p: { userId: string }) => p.userId));
    expect((await call(tool, 'GET', `/api/cohorts/${cohortId}/competency-heatmap`, t1)).status).toBe(403);
    expect((await call(tool, 'GET', `/api/cohorts/${cohortId}/competency-heatmap`, otherAdmin)).status).toBe(404);
  });

  it('records automatic evidence for competencies linked to a module step (recordEvidence), once per source', async () => {
    const m = await publishModule(tool, admin, cohortId, { title: 'Reflect on goals', steps: [{ kind: 'reflect', title: 'Reflect', estimatedMinutes: 10, content: { prompt: 'How did goals go?', visibility: 'choice' } }] });
    const link = await call(tool, 'PUT', `/api/cohorts/${cohortId}/competencies/${ids.goalsB}/links`, admin, { targetKind: 'module_step', targetId: m.stepIds[0] });
    expect(link.body.links).toEqual([expect.objectContaining({ targetKind: 'module_step', targetId: m.stepIds[0] })]);
    expect((await call(tool, 'PUT', `/api/cohorts/${cohortId}/competencies/${ids.goalsB}/links`, admin, { targetKind: 'audition_criterion', targetId: 'criterion-clarity' })).status).toBe(200);
    expect((await call(tool, 'PUT', `/api/cohorts/${cohortId}/competencies/${ids.goalsB}/links`, admin, { targetKind: 'module_step', targetId: '00000000-0000-4000-8000-000000000000' })).body.error.id).toBe('step_not_in_cohort');
    expect((await call(tool, 'PUT', `/api/cohorts/${cohortId}/competencies/${ids.goalsB}/links`, lead, { targetKind: 'audition_criterion', targetId: 'x' })).status).toBe(403);
    const record = () =>
      tool.db.transaction((trx) => recordEvidence(trx, { cohortId, userId: t1.userId, sourceKind: 'reflection', sourceId: 'response-1', title: 'Reflection: goals', text: 'It went well.', target: { kind: 'module_step', id: m.stepIds[0]! } }));
    expect(await record()).toHaveLength(1);
    expect(await record()).toHaveLength(1);
    const items = (await queue(lead, `?competencyId=${ids.goalsB}`)).body.items;
    expect(items.map((i: { kind: string; person: { userId: string }; title: string }) => [i.kind, i.person.userId, i.title])).toEqual([
      ['evidence', t3.userId, 'Criteria checklist'],
      ['evidence', t1.userId, 'Reflection: goals'],
    ]);
    const auditionEvidence = await tool.db.transaction((trx) => recordEvidence(trx, { cohortId, userId: t2.userId, sourceKind: 'audition_version', sourceId: 'version-9', title: 'Lesson plan v2', target: { kind: 'audition_criterion', id: 'criterion-clarity' } }));
    expect(auditionEvidence).toHaveLength(1);
  });

  it('refuses to replace the framework of a cohort that has ratings (409 cohort_has_ratings)', async () => {
    const other = await buildFramework(tool, admin, 'Another');
    const res = await call(tool, 'PUT', `/api/cohorts/${cohortId}/competencies`, admin, { frameworkId: other.frameworkId });
    expect(res).toMatchObject({ status: 409, body: { error: { id: 'cohort_has_ratings' } } });
    expect((await call(tool, 'PUT', `/api/cohorts/${cohortId}/competencies`, lead, { frameworkId: other.frameworkId })).status).toBe(403);
    expect((await call(tool, 'PUT', `/api/cohorts/${cohortId}/competencies`, otherAdmin, { frameworkId: other.frameworkId })).status).toBe(404);
  });
});
