import type { Page } from 'playwright-core';
import { chromiumPerTest, sandboxMoves, tabTo, toolFrame } from '../helpers/browser';
import { call, sandboxSession, type Launched } from '../helpers/courseFlow';
import { demoAudition, demoCohort } from '../helpers/demoCourse';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { answers, protocol, queueOf, submitWork } from '../auditions/auditionFlow';
import { buildFramework, linkFramework } from '../competencies/competencyFlow';

jest.setTimeout(240_000);

const TITLE = 'Audition a lesson plan';
const REVIEWERS = ['Lena Fischer', 'Tomás Rivera'];

/**
 * Issue 6: a lead links a rubric criterion to a competency in the audition's set-up (keyboard only), a teacher's
 * reviewed version becomes evidence for it, and the lead sees the criterion with the peer levels on it (names
 * too); the teacher sees the same levels without reviewer names (the audition is anonymous).
 */
describe('rubric criteria as competency evidence in a real browser', () => {
  let tool: TestTool;
  const chromium = chromiumPerTest({}, { noErrorsLeft: true });
  let page: Page;
  let lead: Launched;
  let sam: Launched;
  let cohortId: string;
  let auditionId: string;
  let ids: Awaited<ReturnType<typeof buildFramework>>['ids'];

  beforeAll(async () => {
    tool = await startTestTool();
    const admin = await sandboxSession(tool, 'admin');
    lead = await sandboxSession(tool, 'lead');
    sam = await sandboxSession(tool, 'teacher-1');
    cohortId = await demoCohort(tool, admin, 'Planning together 2026–27');
    const framework = await buildFramework(tool, admin, 'Collaborative practice');
    ids = framework.ids;
    await linkFramework(tool, admin, cohortId, { frameworkId: framework.frameworkId });
    auditionId = await demoAudition(tool, admin, lead, cohortId, { title: TITLE, prompt: 'Share a plan you will teach next week.', protocol, reviewersPerSubmission: 2, anonymity: 'anonymous' });
  });
  afterAll(async () => {
    await tool?.stop();
  });

  beforeEach(() => void ({ page } = chromium.current()));
  const { app, main, launch, expectAccessible } = sandboxMoves(() => page, () => tool.url);
  const base = () => `/api/cohorts/${cohortId}/auditions/${auditionId}`;

  it('a lead links the criterion to a competency in the set-up form with the keyboard alone', async () => {
    await launch('Priya Raman', { route: `/auditions/lead/${cohortId}/${auditionId}` });
    await app().getByRole('heading', { level: 1, name: `Overview: ${TITLE}` }).waitFor();
    const frame = toolFrame(page);
    await tabTo(page, frame, { text: 'Set up the rubric and its competencies' }, 80);
    await page.keyboard.press('Enter');
    await app().getByRole('heading', { level: 1, name: `Rubric set-up: ${TITLE}` }).waitFor();
    const group = app().getByRole('group', { name: /Competencies “Clear learning goal” gives evidence for/ });
    await group.waitFor();
    // Only competencies rated directly are offered (domains and DES.1 roll up from their children).
    expect(await group.getByRole('checkbox').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).labels?.[0]?.innerText.trim()))).toEqual([
      'COL.1 Plans with colleagues',
      'COL.2 Gives feedback',
      'DES.1.a Shares goals',
      'DES.1.b Uses criteria',
    ]);
    await expectAccessible('rubric-setup');
    await tabTo(page, frame, { selector: 'input[type="checkbox"]', text: 'DES.1.b Uses criteria' }, 80);
    await page.keyboard.press('Space');
    expect(await group.getByRole('checkbox', { name: 'DES.1.b Uses criteria' }).isChecked()).toBe(true);
    await tabTo(page, frame, { text: 'Save rubric' }, 80);
    await page.keyboard.press('Enter');
    await main().locator('form').getByText('Rubric saved.', { exact: false }).waitFor();
    await expectAccessible('rubric-setup-saved');
    const stored = await call(tool, 'GET', base(), lead);
    expect(stored.body.audition.protocol.criteria[0].competencyIds).toEqual([ids.goalsB]);
  });

  it('the lead sees the criterion evidence with the peer levels and names; the author sees the levels only', async () => {
    // Lena and Tomás submit first (they become the reviewer pool), then Sam; both review Sam’s work.
    for (const persona of ['teacher-2', 'teacher-3']) {
      expect((await submitWork(tool, await sandboxSession(tool, persona), base(), `Work of ${persona}`)).status).toBe(201);
    }
    expect((await submitWork(tool, sam, base(), 'Sam’s fractions plan')).status).toBe(201);
    for (const [persona, score] of [['teacher-2', 3], ['teacher-3', 2]] as const) {
      const who = await sandboxSession(tool, persona);
      const mine = await queueOf(tool, who, auditionId);
      const ofSam = [];
      for (const r of mine) if ((await call(tool, 'GET', `${base()}/reviews/${r.id}`, who)).body.review.work.text === 'Sam’s fractions plan') ofSam.push(r);
      expect(ofSam).toHaveLength(1);
      expect((await call(tool, 'POST', `${base()}/reviews/${ofSam[0]!.id}/submit`, who, { answers: answers(score, 'Peer') })).status).toBe(200);
    }

    await launch('Priya Raman', { route: `/competencies/cohorts/${cohortId}/people/${sam.userId}/${ids.goalsB}` });
    await main().getByText('Peer ratings on ‘Clear learning goal’:').waitFor();
    const leadText = await main().innerText();
    expect(leadText).toContain('Peer ratings on ‘Clear learning goal’: Secure ×1, Developing ×1');
    const who = main().getByRole('list', { name: 'Who rated ‘Clear learning goal’' });
    expect((await who.getByRole('listitem').allInnerTexts()).sort()).toEqual(['Lena Fischer: Secure', 'Tomás Rivera: Developing']);
    await expectAccessible('criterion-evidence-lead');

    await launch('Sam Okafor', { route: `/competencies/cohorts/${cohortId}/mine/${ids.goalsB}` });
    await main().getByText('Peer ratings on ‘Clear learning goal’:').waitFor();
    const ownText = await main().innerText();
    expect(ownText).toContain('Peer ratings on ‘Clear learning goal’: Secure ×1, Developing ×1');
    for (const name of REVIEWERS) expect(ownText).not.toContain(name);
    await expectAccessible('criterion-evidence-own');
  });
});
