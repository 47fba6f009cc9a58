import { randomUUID } from 'node:crypto';
import { recordVersionEvidence } from '../../lti-tool/src/auditions/versionEvidence.store';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { buildFramework, linkFramework } from '../competencies/competencyFlow';
import { call, launchInto, otherPlatform, person, type Who } from '../modules/moduleFlow';
import { answers, auditionCourse, createAudition, protocol, queueOf, submitWork } from './auditionFlow';

jest.setTimeout(300_000);

interface CriterionItem {
  id: string;
  title: string;
  ratings: number;
  levels: { score: number; label: string; count: number }[];
  reviewers: { name: string | null; score: number; label: string }[] | null;
}
interface EvidenceItem {
  id: string;
  competencyId: string;
  sourceId: string | null;
  criteria: CriterionItem[];
}

/** The protocol with its criterion giving evidence for `competencyIds`. */
const linkedProtocol = (competencyIds: string[]) => ({ ...protocol, criteria: protocol.criteria.map((c) => ({ ...c, competencyIds })) });
const levelLabel: Record<number, string> = { 1: 'Beginning', 2: 'Developing', 3: 'Secure', 4: 'Leading' };

/**
 * Issue 6: rubric criteria give evidence for competencies. A criterion names ratable competencies of the cohort's
 * framework (422 `criterion_competency_invalid` otherwise, nothing written); a version is evidence for the audition's
 * and its criteria's competencies; the evidence view shows the criterion and the peer levels on it, with reviewer
 * names only where the viewer may know them.
 */
describe('auditions: rubric criteria give evidence for competencies', () => {
  let tool: TestTool;
  let admin: Who;
  let lead: Who;
  let teachers: Who[];
  let cohortId: string;
  let moduleId: string;
  let ids: Awaited<ReturnType<typeof buildFramework>>['ids'];

  beforeAll(async () => {
    tool = await startTestTool();
    const c = await auditionCourse(tool, 'criterion-course', 4);
    ({ admin, lead, teachers, cohortId, moduleId } = c);
    const f = await buildFramework(tool, admin);
    ids = f.ids;
    await linkFramework(tool, admin, cohortId, { frameworkId: f.frameworkId });
  });
  afterAll(async () => {
    await tool.stop();
  });

  const base = (auditionId: string) => `/api/cohorts/${cohortId}/auditions/${auditionId}`;
  const create = (who: Who, body: Record<string, unknown>) => call(tool, 'POST', `/api/cohorts/${cohortId}/auditions`, who, { moduleId, title: 'Linked', prompt: 'Share a plan', ...body });
  const evidenceOf = async (who: Who, userId: string): Promise<EvidenceItem[]> => {
    const res = await call(tool, 'GET', `/api/cohorts/${cohortId}/people/${userId}/competencies`, who);
    expect(res.status).toBe(200);
    return (res.body.competencies as { evidence: EvidenceItem[] }[]).flatMap((c) => c.evidence);
  };
  const auditionCount = async () => Number((await tool.db('auditions').where({ cohort_id: cohortId }).count('* as n').first())!.n);

  /** Every teacher submits; the others review the author's version with `scores` (by reviewer order). Returns what was given. */
  async function reviewedVersion(auditionId: string, scores: number[]) {
    const [author, ...others] = teachers as [Who, ...Who[]];
    expect((await submitWork(tool, author, base(auditionId), 'Plan: goals on the board')).status).toBe(201);
    for (const t of others) expect((await submitWork(tool, t, base(auditionId))).status).toBe(201);
    const given: { who: Who; score: number }[] = [];
    for (const [i, t] of others.entries()) {
      for (const r of await queueOf(tool, t, auditionId)) {
        const opened = (await call(tool, 'GET', `${base(auditionId)}/reviews/${r.id}`, t)).body.review;
        if (opened.work.text !== 'Plan: goals on the board') continue;
        const score = scores[i] ?? 3;
        expect((await call(tool, 'POST', `${base(auditionId)}/reviews/${r.id}/submit`, t, { answers: answers(score, 'Peer') })).status).toBe(200);
        given.push({ who: t, score });
      }
    }
    expect(given.length).toBeGreaterThanOrEqual(2);
    const version = (await call(tool, 'GET', `${base(auditionId)}/submission`, author)).body.submission.versions[0].id as string;
    return { author, given, version };
  }

  it('answers 422 criterion_competency_invalid for a parent, an unknown id or a cohort without a framework, and writes nothing', async () => {
    const before = await auditionCount();
    for (const [bad, message] of [
      [ids.goals, 'is rated through the competencies under it: pick one of those'],
      [ids.col, 'is rated through the competencies under it: pick one of those'],
      ['00000000-0000-4000-8000-000000000000', 'is not a competency of this cohort’s framework'],
      ['not-a-competency', 'is not a competency of this cohort’s framework'],
    ] as const) {
      const res = await create(lead, { protocol: linkedProtocol([ids.goalsA, bad]) });
      expect([bad, res.status, res.body.error.id]).toEqual([bad, 422, 'criterion_competency_invalid']);
      expect(res.body.error.details.fields).toEqual([{ field: 'protocol.criteria.0.competencyIds.1', message }]);
    }
    expect(await auditionCount()).toBe(before);

    // PATCH: rejected as a whole, the stored protocol is unchanged.
    const id = await createAudition(tool, lead, cohortId, moduleId, { protocol: linkedProtocol([ids.goalsA]) });
    const res = await call(tool, 'PATCH', base(id), lead, { title: 'Renamed', protocol: linkedProtocol([ids.goals]) });
    expect([res.status, res.body.error.id]).toEqual([422, 'criterion_competency_invalid']);
    const stored = (await call(tool, 'GET', base(id), lead)).body.audition;
    expect([stored.title, stored.protocol.criteria[0].competencyIds]).toEqual(['Audition a lesson plan', [ids.goalsA]]);

    // A cohort of the same course with no framework cannot link criteria at all.
    const other = await auditionCourse(tool, 'criterion-noframework', 1);
    const none = await call(tool, 'POST', `/api/cohorts/${other.cohortId}/auditions`, other.lead, { moduleId: other.moduleId, title: 'x', prompt: 'y', protocol: linkedProtocol([ids.plan]) });
    expect([none.status, none.body.error.id, none.body.error.details.fields[0].message]).toEqual([422, 'criterion_competency_invalid', 'this cohort has no competency framework yet']);
  });

  it('lets leads link criteria (200/201) but not teachers (403), and other tenants get 404', async () => {
    const id = await createAudition(tool, lead, cohortId, moduleId, { protocol: linkedProtocol([ids.goalsB, ids.goalsB]) });
    const got = (await call(tool, 'GET', base(id), teachers[0]!)).body.audition;
    expect(got.protocol.criteria[0].competencyIds).toEqual([ids.goalsB]); // duplicates folded
    const patched = await call(tool, 'PATCH', base(id), admin, { protocol: linkedProtocol([ids.plan, ids.goalsA]) });
    expect([patched.status, patched.body.audition.protocol.criteria[0].competencyIds]).toEqual([200, [ids.plan, ids.goalsA]]);
    expect((await create(teachers[0]!, { protocol: linkedProtocol([ids.plan]) })).status).toBe(403);
    expect((await call(tool, 'PATCH', base(id), teachers[0]!, { protocol: linkedProtocol([]) })).status).toBe(403);
    const tenant = await otherPlatform(tool, 'lms.criterion-district.example');
    const foreign = await launchInto(tool, person('criterion-foreign', 'Fay Foreign', 'admin'), 'criterion-course', tenant);
    expect((await call(tool, 'PATCH', base(id), foreign, { protocol: linkedProtocol([ids.plan]) })).status).toBe(404);
    // A criterion stored before criteria could be linked reads as linked to nothing.
    await tool.db('auditions').where({ id }).update({ protocol: JSON.stringify(protocol) });
    expect((await call(tool, 'GET', base(id), lead)).body.audition.protocol.criteria[0].competencyIds).toEqual([]);
  });

  it('makes a version evidence for audition- and criterion-level competencies; leads see the criterion, peer levels and names', async () => {
    const id = await createAudition(tool, lead, cohortId, moduleId, { title: 'Goals audition', reviewersPerSubmission: 3, anonymity: 'anonymous', competencyIds: [ids.plan], protocol: linkedProtocol([ids.goalsB]) });
    const { author, given, version } = await reviewedVersion(id, [3, 3, 2]);
    const mine = (await evidenceOf(lead, author.userId)).filter((e) => e.sourceId === version);
    expect(mine.map((e) => e.competencyId).sort()).toEqual([ids.plan, ids.goalsB].sort());
    // Audition-level evidence came through no criterion.
    expect(mine.find((e) => e.competencyId === ids.plan)!.criteria).toEqual([]);
    const [criterion] = mine.find((e) => e.competencyId === ids.goalsB)!.criteria;
    const counts = [4, 3, 2, 1].map((score) => ({ score, label: levelLabel[score]!, count: given.filter((g) => g.score === score).length })).filter((l) => l.count > 0);
    expect(criterion).toMatchObject({ id: 'clarity', title: 'Clear learning goal', ratings: given.length, levels: counts });
    const names = (await tool.db('users').whereIn('id', given.map((g) => g.who.userId)).pluck('name')).sort();
    expect(criterion!.reviewers!.map((r) => r.name).sort()).toEqual(names);
  });

  it('never shows an anonymous audition’s reviewers to the author through criterion evidence, and shows them in a named one', async () => {
    const anonymousId = await createAudition(tool, lead, cohortId, moduleId, { title: 'Anonymous', reviewersPerSubmission: 3, protocol: linkedProtocol([ids.goalsA]) });
    const a = await reviewedVersion(anonymousId, [1, 4, 4]);
    const res = await call(tool, 'GET', `/api/cohorts/${cohortId}/people/me/competencies/${ids.goalsA}`, a.author);
    expect(res.status).toBe(200);
    const item = (res.body.competencies[0].evidence as EvidenceItem[]).find((e) => e.sourceId === a.version)!;
    expect(item.criteria[0]).toMatchObject({ title: 'Clear learning goal', ratings: a.given.length, reviewers: null });
    const text = JSON.stringify(res.body);
    const rows = await tool.db('users').whereIn('id', a.given.map((g) => g.who.userId)).select('id', 'name', 'sub', 'email');
    for (const r of rows) for (const v of [r.id, r.name, r.sub, r.email].filter(Boolean)) expect(text).not.toContain(v);

    const namedId = await createAudition(tool, lead, cohortId, moduleId, { title: 'Named', anonymity: 'named', reviewersPerSubmission: 3, protocol: linkedProtocol([ids.feedback]) });
    const n = await reviewedVersion(namedId, [2, 2, 2]);
    const own = (await evidenceOf(n.author, 'me')).find((e) => e.sourceId === n.version)!;
    expect(own.criteria[0]!.levels).toEqual([{ score: 2, label: 'Developing', count: n.given.length }]);
    expect(own.criteria[0]!.reviewers!.map((r) => r.name).sort()).toEqual((await tool.db('users').whereIn('id', n.given.map((g) => g.who.userId)).pluck('name')).sort());
    // Another teacher cannot open the author's profile at all.
    expect((await call(tool, 'GET', `/api/cohorts/${cohortId}/people/${n.author.userId}/competencies`, teachers[1]!)).status).toBe(404);
  });

  it('records the same union when the caller passes the criteria’s competencies itself, and nothing for an audition linked to nothing', async () => {
    const author = teachers[0]!;
    const e = { cohortId, auditionId: randomUUID(), submissionId: randomUUID(), authorId: author.userId, title: 'Direct', text: '' };
    const versionId = randomUUID();
    const written = await tool.db.transaction((trx) => recordVersionEvidence(trx, { ...e, versionId, competencyIds: [ids.plan], criterionCompetencyIds: [ids.goalsA, ids.plan, 'not-in-this-cohort'] }));
    expect(written).toBe(2);
    expect((await tool.db('competency_evidence').where({ source_id: versionId }).pluck('competency_id')).sort()).toEqual([ids.plan, ids.goalsA].sort());
    const none = randomUUID();
    expect(await tool.db.transaction((trx) => recordVersionEvidence(trx, { ...e, versionId: none, competencyIds: [], criterionCompetencyIds: [] }))).toBe(0);
    expect(await tool.db('competency_evidence').where({ source_id: none }).pluck('id')).toEqual([]);
  });
});
