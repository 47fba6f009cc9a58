import { parse } from 'csv-parse/sync';
import { FEEDBACK_CSV, GROWTH_CSV, HOURS_CSV, IMPACT_CSV, OVERVIEW_CSV } from '../../lti-tool/src/reports/reports.routes';
import { api } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { call, launchInto, otherPlatform, person, type Who } from '../modules/moduleFlow';
import { RANGE, reportsCourse } from './reportsFixture';

jest.setTimeout(120_000); // many launches, a framework and ratings through the API

/** Hand counts of the fixture (test/reports/reportsFixture.ts). */
const A1 = {
  // Versions: Tess v1, Theo v1, Tia v1, Tess v2; first feedback after 6, 2, 24, 12 hours → sorted 2, 6, 12, 24.
  submissions: 4, submitters: 3, reviewsSubmitted: 5,
  firstFeedback: { reviewed: 4, awaiting: 0, medianHours: 9, p90Hours: 20.4 }, // median (6+12)/2; p90 12 + 0.7 × 12
  reviewsGiven: [{ reviews: 1, people: 1 }, { reviews: 2, people: 2 }], // Tia 1; Tess 2, Theo 2
  ratings: { count: 3, specific: [0, 1, 0, 2], supportive: [0, 0, 1, 2] },
};
const A2 = {
  submissions: 2, submitters: 2, reviewsSubmitted: 1,
  firstFeedback: { reviewed: 1, awaiting: 1, medianHours: 24, p90Hours: 24 },
  reviewsGiven: [{ reviews: 0, people: 1 }, { reviews: 1, people: 1 }], // Theo 0; Tess 1
  ratings: { count: 1, specific: [1, 0, 0, 0], supportive: [0, 0, 1, 0] },
};
const ALL = {
  submissions: 6, submitters: 3, reviewsSubmitted: 6,
  firstFeedback: { reviewed: 5, awaiting: 1, medianHours: 12, p90Hours: 24 }, // 2, 6, 12, 24, 24
  reviewsGiven: [{ reviews: 1, people: 1 }, { reviews: 2, people: 1 }, { reviews: 3, people: 1 }], // Tia 1, Theo 2, Tess 3
  ratings: { count: 4, specific: [1, 1, 0, 2], supportive: [0, 0, 2, 2] },
};

describe('impact reports: feedback health, competency growth, overview and the impact summary', () => {
  let tool: TestTool;
  let fx: Awaited<ReturnType<typeof reportsCourse>>;
  let stranger: Who;

  beforeAll(async () => {
    tool = await startTestTool();
    fx = await reportsCourse(tool, 'impact-course');
    stranger = await launchInto(tool, person('impact-stranger', 'Sol Stranger', 'admin'), 'impact-elsewhere', await otherPlatform(tool, 'lms.impact-other.example'));
  });
  afterAll(() => tool.stop());

  const get = (who: Who | null, path: string) => call(tool, 'GET', path, who);
  const csv = async (who: Who, path: string) => {
    const res = await api(tool, path, who.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?[a-z-]+-2026-11-\d\d-2026-11-30\.csv"?$/);
    return parse(await res.text()) as string[][];
  };
  const cohortPath = (kind: string, query = RANGE) => `/api/cohorts/${fx.cohortId}/reports/${kind}${query}`;

  it('counts feedback health per audition and for the cohort, without naming reviewers (200 for a lead)', async () => {
    const res = await get(fx.lead, cohortPath('feedback'));
    expect(res.status).toBe(200);
    expect(res.body.overall).toEqual(ALL);
    expect(res.body.auditions).toEqual([
      { auditionId: fx.auditions.a1, title: 'Audition 1', ...A1 },
      { auditionId: fx.auditions.a2, title: 'Audition 2', ...A2 },
    ]);
    const text = JSON.stringify(res.body);
    for (const t of [fx.tess, fx.theo, fx.tia]) expect(text).not.toContain(t.userId);
  });

  it('limits feedback health to the range: versions, reviews and ratings made in it', async () => {
    const res = await get(fx.admin, cohortPath('feedback', '?from=2026-11-05&to=2026-11-30'));
    // Tess v2 (12 h), Theo's A2 v1 (24 h), Tess's A2 v1 (awaiting); reviews on 5 and 11 Nov; one rating on 12 Nov.
    expect(res.body.overall).toMatchObject({ submissions: 3, submitters: 2, reviewsSubmitted: 2, firstFeedback: { reviewed: 2, awaiting: 1, medianHours: 18, p90Hours: 22.8 } });
    expect(res.body.overall.ratings).toEqual({ count: 1, specific: [1, 0, 0, 0], supportive: [0, 0, 1, 0] });
  });

  it('downloads feedback health as CSV with the documented columns', async () => {
    const rows = await csv(fx.admin, cohortPath('feedback', `${RANGE}&format=csv`));
    expect(rows[0]).toEqual([...FEEDBACK_CSV]);
    const summary = rows.filter((r) => r[0] === 'summary');
    expect(summary.map((r) => [r[2], ...r.slice(3, 10)])).toEqual([
      ['All auditions', '6', '3', '6', '5', '1', '12', '24'],
      ['Audition 1', '4', '3', '5', '4', '0', '9', '20.4'],
      ['Audition 2', '2', '2', '1', '1', '1', '24', '24'],
    ]);
    expect(rows.filter((r) => r[0] === 'reviews_given' && r[1] === '').map((r) => [r[10], r[11]])).toEqual([['1', '1'], ['2', '1'], ['3', '1']]);
    expect(rows.filter((r) => r[0] === 'ratings' && r[1] === '').map((r) => [r[12], r[13], r[14]])).toEqual([['1', '1', '0'], ['2', '1', '0'], ['3', '0', '2'], ['4', '2', '2']]);
  });

  it('counts who moved up a level per competency between two dates, and the level distribution at both', async () => {
    const res = await get(fx.admin, cohortPath('competency-growth', '?from=2026-11-10&to=2026-11-30'));
    expect(res.status).toBe(200);
    expect(res.body.frameworkLinked).toBe(true);
    expect(res.body.scale.map((l: { label: string }) => l.label)).toEqual(['Beginning', 'Developing', 'Proficient', 'Exemplary']);
    const by = new Map(res.body.competencies.map((c: { id: string }) => [c.id, c]));
    // COL.1: Tess Developing → Proficient (up), Theo Proficient → Developing (down), Tia new (Beginning).
    expect(by.get(fx.competencies.plan)).toMatchObject({ identifier: 'COL.1', ratedAtFrom: 2, ratedAtTo: 3, movedUp: 1, movedDown: 1, newlyRated: 1, levelsAtFrom: [0, 1, 1, 0], levelsAtTo: [1, 1, 1, 0] });
    // COL.2: Tess Beginning → Beginning, Theo new (Proficient).
    expect(by.get(fx.competencies.feedback)).toMatchObject({ ratedAtFrom: 1, ratedAtTo: 2, movedUp: 0, movedDown: 0, newlyRated: 1, levelsAtFrom: [1, 0, 0, 0], levelsAtTo: [1, 0, 1, 0] });
    // COL rolls up (all proficient: rated when both children are; the lower child's level): Tess 0 → 0, Theo new at 1.
    expect(by.get(fx.competencies.col)).toMatchObject({ ratedAtFrom: 1, ratedAtTo: 2, movedUp: 0, movedDown: 0, newlyRated: 1, levelsAtFrom: [1, 0, 0, 0], levelsAtTo: [1, 1, 0, 0] });
  });

  it('downloads competency growth as CSV: growth rows and heatmap rows', async () => {
    const rows = await csv(fx.admin, cohortPath('competency-growth', '?from=2026-11-10&to=2026-11-30&format=csv'));
    expect(rows[0]).toEqual([...GROWTH_CSV]);
    expect(rows.find((r) => r[0] === 'growth' && r[2] === 'COL.1')!.slice(6)).toEqual(['2', '3', '1', '1', '1']);
    expect(rows.filter((r) => r[0] === 'heatmap' && r[2] === 'COL.1').map((r) => [r[5], r[6], r[7]])).toEqual([
      ['Beginning', '0', '1'], ['Developing', '1', '1'], ['Proficient', '1', '1'], ['Exemplary', '0', '0'],
    ]);
  });

  it('adds the time-estimate vs. time-on-task comparison to PD hours (JSON and CSV)', async () => {
    const res = await get(fx.admin, cohortPath('pd-hours'));
    const by = new Map(res.body.people.map((p: { userId: string }) => [p.userId, p]));
    expect(by.get(fx.tess.userId)).toMatchObject({ pdMinutes: 60, estimatedMinutes: 30, measuredMinutes: 25 });
    expect(by.get(fx.theo.userId)).toMatchObject({ pdMinutes: 0, estimatedMinutes: 10, measuredMinutes: null });
    expect(by.get(fx.tia.userId)).toMatchObject({ estimatedMinutes: 0, measuredMinutes: null });
    expect(res.body).toMatchObject({ totalMinutes: 60, estimatedMinutes: 40, measured: { people: 1, estimatedMinutes: 30, measuredMinutes: 25 } });
    const rows = await csv(fx.admin, cohortPath('pd-hours', `${RANGE}&format=csv`));
    expect(rows[0]).toEqual([...HOURS_CSV]);
    expect(rows.find((r) => r[0] === fx.tess.userId)!.slice(9)).toEqual(['30', '25']);
    expect(rows.find((r) => r[0] === fx.theo.userId)!.slice(9)).toEqual(['10', '']);
  });

  it('summarises the cohort’s impact: goals, participation, hours, feedback, growth and the survey', async () => {
    const res = await get(fx.admin, cohortPath('impact'));
    expect(res.status).toBe(200);
    expect(res.body.cohort).toMatchObject({ id: fx.cohortId, description: 'Goal: every teacher gives specific, kind feedback.' });
    expect(res.body.participation).toMatchObject({ participants: 3, started: 2, completedAll: 1, moduleCompletions: 1 });
    expect(res.body.hours).toEqual({ totalMinutes: 60, earners: 1, estimatedMinutes: 40, measured: { people: 1, estimatedMinutes: 30, measuredMinutes: 25 } });
    expect(res.body.feedback).toEqual(ALL);
    expect(res.body.growth.competencies).toHaveLength(3);
    expect(res.body.survey).toEqual({ responses: 2, useful: [0, 0, 1, 1], relevant: [0, 0, 2, 0], suggestions: expect.arrayContaining(['More video examples', '=cmd|calc']) });
    expect(res.body.survey.suggestions).toHaveLength(2);
  });

  it('downloads the impact summary as CSV, whole or one section, formulas neutralised', async () => {
    const all = await csv(fx.admin, cohortPath('impact', `${RANGE}&format=csv`));
    expect(all[0]).toEqual([...IMPACT_CSV]);
    expect(new Set(all.slice(1).map((r) => r[0]))).toEqual(new Set(['goals', 'participation', 'hours', 'feedback', 'growth', 'survey']));
    const value = (rows: string[][], key: string) => rows.find((r) => r[1] === key)?.[3];
    expect(value(all, 'participants')).toBe('3');
    expect(value(all, 'pd_hours')).toBe('1');
    expect(value(all, 'median_hours_to_first_feedback')).toBe('12');
    const survey = await csv(fx.admin, cohortPath('impact', `${RANGE}&format=csv&section=survey`));
    expect(new Set(survey.slice(1).map((r) => r[0]))).toEqual(new Set(['survey']));
    expect(value(survey, 'responses')).toBe('2');
    expect(value(survey, 'useful:4')).toBe('1');
    expect(survey.filter((r) => r[1] === 'suggestion').map((r) => r[3]).sort()).toEqual(["'=cmd|calc", 'More video examples']);
    expect((await get(fx.admin, cohortPath('impact', `${RANGE}&format=csv&section=everything`))).status).toBe(400);
  });

  it('gives admins an overview of every cohort of the tenant (JSON and CSV); leads get 403', async () => {
    const res = await get(fx.admin, `/api/reports/overview${RANGE}`);
    expect(res.status).toBe(200);
    expect(res.body.cohorts).toEqual([
      { cohortId: fx.cohortId, title: 'Cohort of impact-course', status: 'active', modules: 1, participants: 3, started: 2, completedAll: 1, moduleCompletions: 1, pdMinutes: 60 },
      { cohortId: fx.secondCohortId, title: 'Second cohort', status: 'active', modules: 0, participants: 3, started: 0, completedAll: 0, moduleCompletions: 0, pdMinutes: 0 },
    ]);
    expect(res.body.totals).toEqual({ participants: 6, started: 2, completedAll: 1, moduleCompletions: 1, pdMinutes: 60 });
    const rows = await csv(fx.admin, `/api/reports/overview${RANGE}&format=csv`);
    expect(rows[0]).toEqual([...OVERVIEW_CSV]);
    expect(rows[1]).toEqual([fx.cohortId, 'Cohort of impact-course', 'active', '1', '3', '2', '1', '1', '60', '1']);
    expect((await get(fx.lead, '/api/reports/overview')).status).toBe(403);
    expect((await get(fx.tess, '/api/reports/overview')).status).toBe(403);
    const theirs = await get(stranger, `/api/reports/overview${RANGE}`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.cohorts).toEqual([]);
  });

  it.each(['feedback', 'competency-growth', 'impact'])('refuses a participant (403), another tenant (404) and no session (401) for %s, and changes nothing', async (kind) => {
    const before = await tool.db('audition_reviews').count('* as n').first();
    expect((await get(fx.tess, cohortPath(kind))).status).toBe(403);
    const other = await get(stranger, cohortPath(kind));
    expect(other.status).toBe(404);
    expect(other.body.error.id).toBe('not_found');
    expect((await get(fx.admin, `/api/cohorts/00000000-0000-4000-8000-000000000000/reports/${kind}`)).status).toBe(404);
    expect((await get(null, cohortPath(kind))).status).toBe(401);
    const reversed = await get(fx.admin, cohortPath(kind, '?from=2026-11-30&to=2026-11-01'));
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.details.fields[0].field).toBe('from');
    expect(await tool.db('audition_reviews').count('* as n').first()).toEqual(before);
  });

  it('reports an empty growth when the cohort has no framework (200)', async () => {
    const res = await get(fx.admin, `/api/cohorts/${fx.secondCohortId}/reports/competency-growth${RANGE}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ frameworkLinked: false, scale: [], competencies: [] });
  });
});
