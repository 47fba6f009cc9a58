import type { BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { axeViolations, chromiumPerTest, screenshot, toolFrame } from '../helpers/browser';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { answers, draftBody, protocol, queueOf } from '../auditions/auditionFlow';
import { demo } from '../competencies/competencyBrowser';
import { buildFramework, call, linkFramework, publishModule, type Who } from '../competencies/competencyFlow';

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
  const chromium = chromiumPerTest();
  let page: Page;
  let errors: string[];
  let lead: Who;
  let sam: Who;
  let cohortId: string;
  let auditionId: string;
  let ids: Awaited<ReturnType<typeof buildFramework>>['ids'];

  beforeAll(async () => {
    tool = await startTestTool();
    const admin = await demo(tool, 'admin');
    lead = await demo(tool, 'lead');
    sam = await demo(tool, 'teacher-1');
    const created = await call(tool, 'POST', '/api/cohorts', admin, { title: 'Planning together 2026–27' });
    expect(created.status).toBe(201);
    cohortId = created.body.id;
    const framework = await buildFramework(tool, admin, 'Collaborative practice');
    ids = framework.ids;
    await linkFramework(tool, admin, cohortId, { frameworkId: framework.frameworkId });
    const { moduleId, stepIds } = await publishModule(tool, admin, cohortId, {
      title: 'Plans worth sharing',
      steps: [{ kind: 'audition', title: 'Audition your plan', estimatedMinutes: 60, content: { auditionId: null, instructions: 'Share a plan' } }],
    });
    const audition = await call(tool, 'POST', `/api/cohorts/${cohortId}/auditions`, lead, {
      moduleId, stepId: stepIds[0], title: TITLE, prompt: 'Share a plan you will teach next week.', protocol, reviewersPerSubmission: 2, anonymity: 'anonymous',
    });
    expect(audition.status).toBe(201);
    auditionId = audition.body.audition.id;
  });
  afterAll(async () => {
    await tool?.stop();
  });

  let context: BrowserContext;
  beforeEach(() => void ({ context, page, errors } = chromium.current()));
  afterEach(async () => {
    expect(errors).toEqual([]);
    await context.close();
  });

  const app = (): FrameLocator => page.frameLocator('#tool-frame');
  const main = () => app().locator('main');
  const base = () => `/api/cohorts/${cohortId}/auditions/${auditionId}`;

  async function launch(name: string, route: string): Promise<void> {
    await page.goto(`${tool.url}/sandbox`);
    await page.getByRole('button', { name: `Launch as ${name}` }).click();
    await app().getByRole('banner').getByText(`Signed in as ${name}`).waitFor();
    await toolFrame(page).evaluate((hash) => void (location.hash = hash), `#${route}`);
  }
  async function expectAccessible(name: string): Promise<void> {
    await screenshot(page, name);
    expect(await axeViolations(page)).toEqual([]);
  }
  /** Presses Tab until the focused element of the tool frame is a control whose label (or text) reads `label`. */
  async function tabToLabel(frame: Frame, label: string, maxTabs = 80): Promise<void> {
    for (let i = 0; i < maxTabs; i++) {
      await page.keyboard.press('Tab');
      const hit = await frame.evaluate((l) => {
        const el = document.activeElement as HTMLInputElement | null;
        if (!document.hasFocus() || !el) return false;
        const text = (el.labels?.[0]?.innerText ?? el.innerText ?? '').trim();
        return text === l;
      }, label);
      if (hit) return;
    }
    throw new Error(`"${label}" not reached in the tool frame after ${maxTabs} presses of Tab`);
  }

  it('a lead links the criterion to a competency in the set-up form with the keyboard alone', async () => {
    await launch('Priya Raman', `/auditions/lead/${cohortId}/${auditionId}`);
    await app().getByRole('heading', { level: 1, name: `Overview: ${TITLE}` }).waitFor();
    const frame = toolFrame(page);
    await tabToLabel(frame, 'Set up the rubric and its competencies');
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
    await tabToLabel(frame, 'DES.1.b Uses criteria');
    await page.keyboard.press('Space');
    expect(await group.getByRole('checkbox', { name: 'DES.1.b Uses criteria' }).isChecked()).toBe(true);
    await tabToLabel(frame, 'Save rubric');
    await page.keyboard.press('Enter');
    await main().locator('form').getByText('Rubric saved.', { exact: false }).waitFor();
    await expectAccessible('rubric-setup-saved');
    const stored = await call(tool, 'GET', base(), lead);
    expect(stored.body.audition.protocol.criteria[0].competencyIds).toEqual([ids.goalsB]);
  });

  it('the lead sees the criterion evidence with the peer levels and names; the author sees the levels only', async () => {
    // Lena and Tomás submit first (they become the reviewer pool), then Sam; both review Sam’s work.
    for (const persona of ['teacher-2', 'teacher-3']) {
      const who = await demo(tool, persona);
      const saved = await call(tool, 'PUT', `${base()}/submission/draft`, who, draftBody(0, { text: `Work of ${persona}` }));
      expect((await call(tool, 'POST', `${base()}/submission/versions`, who, { revision: saved.body.submission.revision })).status).toBe(201);
    }
    const saved = await call(tool, 'PUT', `${base()}/submission/draft`, sam, draftBody(0, { text: 'Sam’s fractions plan' }));
    expect((await call(tool, 'POST', `${base()}/submission/versions`, sam, { revision: saved.body.submission.revision })).status).toBe(201);
    for (const [persona, score] of [['teacher-2', 3], ['teacher-3', 2]] as const) {
      const who = await demo(tool, persona);
      const mine = await queueOf(tool, who, auditionId);
      const ofSam = [];
      for (const r of mine) if ((await call(tool, 'GET', `${base()}/reviews/${r.id}`, who)).body.review.work.text === 'Sam’s fractions plan') ofSam.push(r);
      expect(ofSam).toHaveLength(1);
      expect((await call(tool, 'POST', `${base()}/reviews/${ofSam[0]!.id}/submit`, who, { answers: answers(score, 'Peer') })).status).toBe(200);
    }

    await launch('Priya Raman', `/competencies/cohorts/${cohortId}/people/${sam.userId}/${ids.goalsB}`);
    await main().getByText('Peer ratings on ‘Clear learning goal’:').waitFor();
    const leadText = await main().innerText();
    expect(leadText).toContain('Peer ratings on ‘Clear learning goal’: Secure ×1, Developing ×1');
    const who = main().getByRole('list', { name: 'Who rated ‘Clear learning goal’' });
    expect((await who.getByRole('listitem').allInnerTexts()).sort()).toEqual(['Lena Fischer: Secure', 'Tomás Rivera: Developing']);
    await expectAccessible('criterion-evidence-lead');

    await launch('Sam Okafor', `/competencies/cohorts/${cohortId}/mine/${ids.goalsB}`);
    await main().getByText('Peer ratings on ‘Clear learning goal’:').waitFor();
    const ownText = await main().innerText();
    expect(ownText).toContain('Peer ratings on ‘Clear learning goal’: Secure ×1, Developing ×1');
    for (const name of REVIEWERS) expect(ownText).not.toContain(name);
    await expectAccessible('criterion-evidence-own');
  });
});
