import { startTestTool, type TestTool } from '../helpers/testTool';
import { buildFramework, linkFramework } from '../competencies/competencyFlow';
import { call, type Answer, type Who } from '../modules/moduleFlow';
import { answers, auditionCourse, createAudition, draftBody, queueOf, submitWork } from './auditionFlow';

jest.setTimeout(300_000);

interface EvidenceItem {
  competencyId: string;
  sourceKind: string;
  sourceId: string | null;
  title: string;
  text: string;
  url: string | null;
}

/**
 * Issue 6: audition versions are evidence for the competencies their audition is linked to. Submitting a version
 * records one item per linked competency for the author (in the submit's transaction), the grading queue shows it
 * as new evidence, and the lead can open the version and its peer reviews from it.
 */
describe('auditions: submitted versions become competency evidence', () => {
  let tool: TestTool;
  let admin: Who;
  let lead: Who;
  let teachers: Who[];
  let cohortId: string;
  let linked: string;
  let unlinked: string;
  let ids: { plan: string; feedback: string; goals: string };

  beforeAll(async () => {
    tool = await startTestTool();
    const c = await auditionCourse(tool, 'evidence-course', 4);
    ({ admin, lead, teachers, cohortId } = c);
    const f = await buildFramework(tool, admin);
    ids = f.ids;
    await linkFramework(tool, admin, cohortId, { frameworkId: f.frameworkId });
    // Linked to two of the cohort's competencies, plus an id the cohort does not work on (ignored).
    linked = await createAudition(tool, lead, cohortId, c.moduleId, { reviewersPerSubmission: 2, anonymity: 'anonymous', competencyIds: [ids.plan, ids.feedback, 'not-in-this-cohort'] });
    unlinked = await createAudition(tool, lead, cohortId, c.moduleId, { title: 'Unlinked audition', reviewersPerSubmission: 1 });
  });
  afterAll(async () => {
    await tool.stop();
  });

  const base = (auditionId: string) => `/api/cohorts/${cohortId}/auditions/${auditionId}`;
  const evidenceOf = async (who: Who, userId: string | 'me'): Promise<EvidenceItem[]> => {
    const res = await call(tool, 'GET', `/api/cohorts/${cohortId}/people/${userId}/competencies`, who);
    expect(res.status).toBe(200);
    return (res.body.competencies as { evidence: EvidenceItem[] }[]).flatMap((c) => c.evidence);
  };
  const queueItems = async () => {
    const res = await call(tool, 'GET', `/api/cohorts/${cohortId}/grading-queue?limit=50`, lead);
    expect(res.status).toBe(200);
    return res.body.items as { kind: string; person: { userId: string }; competency: { id: string }; title: string }[];
  };

  it('records one evidence item per linked competency for the author of version 1, and none for anyone else', async () => {
    const [author, ...others] = teachers as [Who, Who, Who, Who];
    expect((await submitWork(tool, author, base(linked), 'Plan: fractions with number lines')).status).toBe(201);
    for (const t of others) expect((await submitWork(tool, t, base(unlinked))).status).toBe(201);

    const versions = (await call(tool, 'GET', `${base(linked)}/submission`, author)).body.submission.versions as { id: string; number: number }[];
    const mine = await evidenceOf(author, 'me');
    expect(mine.map((e) => e.competencyId).sort()).toEqual([ids.plan, ids.feedback].sort());
    for (const e of mine) {
      expect(e).toMatchObject({ sourceKind: 'audition_version', sourceId: versions[0]!.id, title: 'Audition a lesson plan: version 1' });
      expect(e.text).toContain('Plan: fractions with number lines');
    }
    // The unlinked audition's authors, and the cohort's other competencies, got nothing.
    for (const t of others) expect(await evidenceOf(lead, t.userId)).toEqual([]);
    const queue = (await queueItems()).filter((i) => i.kind === 'evidence');
    expect(queue.map((i) => [i.person.userId, i.competency.id]).sort()).toEqual([
      [author.userId, ids.feedback],
      [author.userId, ids.plan],
    ].sort());
  });

  it('lets the lead open the version and its peer reviews from the evidence', async () => {
    const [author, t2, t3] = teachers as [Who, Who, Who, Who];
    // Two teachers join the linked audition and review the author's work.
    for (const t of [t2, t3]) expect((await submitWork(tool, t, base(linked))).status).toBe(201);
    for (const t of [t2, t3]) {
      let reviewed = 0;
      for (const r of await queueOf(tool, t, linked)) {
        const opened = (await call(tool, 'GET', `${base(linked)}/reviews/${r.id}`, t)).body.review;
        if (opened.work.text !== 'Plan: fractions with number lines') continue;
        expect((await call(tool, 'POST', `${base(linked)}/reviews/${r.id}/submit`, t, { answers: answers(3, 'Peer') })).status).toBe(200);
        reviewed++;
      }
      expect(reviewed).toBe(1);
    }
    const e = (await evidenceOf(lead, author.userId))[0]!;
    const submissionId = /\/submissions\/([0-9a-f-]{36})$/.exec(e.url ?? '')?.[1];
    expect(e.url).toBe(`#/auditions/lead/${cohortId}/${linked}/submissions/${submissionId}`);
    const history = await call(tool, 'GET', `${base(linked)}/submissions/${submissionId}`, lead);
    expect(history.status).toBe(200);
    expect(history.body.versions.map((v: { id: string }) => v.id)).toContain(e.sourceId);
    expect(history.body.reviews.filter((r: { status: string }) => r.status === 'submitted')).toHaveLength(2);
    // Reviewing earns the reviewers no evidence of this kind.
    for (const t of [t2, t3]) expect((await evidenceOf(lead, t.userId)).filter((x) => x.sourceId === e.sourceId)).toEqual([]);
  });

  it('adds items for version 2 on resubmission and keeps those of version 1', async () => {
    const author = teachers[0]!;
    const own = (await call(tool, 'GET', `${base(linked)}/submission`, author)).body.submission;
    expect((await call(tool, 'PUT', `${base(linked)}/submission/draft`, author, draftBody(own.revision, { text: 'Plan v2', whatChanged: 'Added an exit ticket' }))).status).toBe(200);
    const v2 = await call(tool, 'POST', `${base(linked)}/submission/versions`, author, { revision: own.revision + 1 });
    expect(v2.status).toBe(201);
    const [first, second] = v2.body.submission.versions as { id: string }[];
    const mine = await evidenceOf(author, 'me');
    expect(mine).toHaveLength(4);
    expect(mine.filter((e) => e.sourceId === first!.id)).toHaveLength(2);
    const fresh = mine.filter((e) => e.sourceId === second!.id);
    expect(fresh.map((e) => e.competencyId).sort()).toEqual([ids.plan, ids.feedback].sort());
    expect(fresh[0]!.text).toContain('What I changed: Added an exit ticket');
    expect((await queueItems()).filter((i) => i.kind === 'evidence' && i.person.userId === author.userId)).toHaveLength(4);
  });

  it('never shows the author who reviewed them anonymously through their evidence or profile', async () => {
    const [author, t2, t3] = teachers as [Who, Who, Who, Who];
    const seen: Answer[] = [await call(tool, 'GET', `/api/cohorts/${cohortId}/people/me/competencies`, author)];
    for (const c of [ids.plan, ids.feedback]) seen.push(await call(tool, 'GET', `/api/cohorts/${cohortId}/people/me/competencies/${c}`, author));
    expect(seen.every((r) => r.status === 200)).toBe(true);
    const text = JSON.stringify(seen.map((r) => r.body));
    const rows = await tool.db('users').whereIn('id', [t2.userId, t3.userId]).select('id', 'name', 'sub', 'email');
    for (const r of rows) for (const v of [r.id, r.name, r.sub, r.email].filter(Boolean)) expect(text).not.toContain(v);
  });
});
