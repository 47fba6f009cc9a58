import type { Page } from 'playwright-core';
import { DEMO_CONTEXT, findPersona } from '../../lti-tool/src/sandbox/sandbox.personas';
import { eventually, sandboxAgs } from '../grades/gradesFlow';
import { chromiumPerTest, sandboxMoves, tabTo, toolFrame } from '../helpers/browser';
import { call, type Launched } from '../helpers/courseFlow';
import { startCompetencyWorld, type CompetencyWorld } from '../helpers/demoCourse';
import type { TestTool } from '../helpers/testTool';
import { linkFramework } from '../competencies/competencyFlow';

jest.setTimeout(240_000);

const COHORT = 'Collaboration 2026–27';

describe('competency screens: a lead works the grading queue and rates, the teacher sees it, the heatmap and the LMS gradebook follow', () => {
  let tool: TestTool;
  const chromium = chromiumPerTest({}, { noErrorsLeft: true });
  let page: Page;
  let cohortId: string;
  let ids: CompetencyWorld['ids'];

  beforeAll(async () => {
    const world = await startCompetencyWorld();
    ({ tool, ids } = world);
    const { admin, sam, lena } = world;
    const created = await call(tool, 'POST', '/api/cohorts', admin, { title: COHORT });
    expect(created.status).toBe(201);
    cohortId = created.body.id;
    await linkFramework(tool, admin, cohortId, {
      frameworkId: world.frameworkId,
      competencies: [ids.col, ids.plan, ids.feedback].map((competencyId) => ({ competencyId, reportsToGradebook: true })),
    });
    // The queue, oldest first: Sam's evidence for COL.2, then 25 pieces from Lena (more than a page).
    const evidence = (who: Launched, competencyId: string, title: string) =>
      call(tool, 'POST', `/api/cohorts/${cohortId}/competencies/${competencyId}/evidence`, who, { title, text: `${title}: notes.` });
    expect((await evidence(sam, ids.feedback, 'Feedback on a colleague’s plan')).status).toBe(201);
    for (let i = 1; i <= 25; i++) await evidence(lena, ids.feedback, `Lena’s feedback log ${i}`);
  });
  afterAll(async () => {
    await tool?.stop();
  });

  beforeEach(() => void ({ page } = chromium.current()));
  const { app, main, launch, expectAccessible } = sandboxMoves(() => page, () => tool.url);

  it('a teacher sees their profile and what the next level looks like, then requests a review with their own evidence', async () => {
    await launch('Sam Okafor', { route: '/competencies' });
    await app().getByRole('heading', { level: 1, name: 'Competencies' }).waitFor();
    await expectAccessible('competencies-home-teacher');
    await app().getByRole('link', { name: `My competencies in ${COHORT}` }).click();
    await app().getByRole('heading', { level: 1, name: `My competencies: ${COHORT}` }).waitFor();
    expect(await app().getByTestId('profile-summary').innerText()).toBe('Rated in 0 of 2 competencies; proficient in 0.');
    const row = app().getByRole('row', { name: /COL\.1 Plans with colleagues/ });
    expect(await row.innerText()).toContain('Not rated yet');
    expect(await row.innerText()).toContain('Beginning'); // the next level
    await expectAccessible('my-competencies');

    await app().getByRole('link', { name: 'COL.1 Plans with colleagues' }).click();
    await app().getByRole('heading', { level: 1, name: 'COL.1 Plans with colleagues' }).waitFor();
    await app().getByText('Beginning (1 point)').waitFor();
    // A missing title is reported on its field, and nothing is sent.
    await app().getByRole('textbox', { name: 'Your evidence', exact: true }).fill('We co-planned the fractions unit.');
    await app().getByRole('button', { name: 'Request a review' }).click();
    await app().getByText('Give your evidence a short title.').waitFor();
    await app().getByRole('textbox', { name: /^Title of your evidence/ }).fill('Co-planned unit with the Year 4 team');
    await app().getByRole('textbox', { name: 'Note to the lead teacher (optional)' }).fill('I think I am there now.');
    await app().getByRole('button', { name: 'Request a review' }).click();
    await app().getByText('Review requested for COL.1 Plans with colleagues.', { exact: false }).first().waitFor();
    await app().getByText('You asked for a review.', { exact: false }).waitFor();
    await app().getByRole('heading', { level: 3, name: 'Co-planned unit with the Year 4 team' }).waitFor();
    await app().getByRole('heading', { level: 2, name: 'Add evidence' }).waitFor(); // one pending request at a time
    await expectAccessible('my-competency-review-requested');
  });

  it('a lead works the queue (oldest first, “Show more”, filters), rates COL.1 with the keyboard alone and COL.2 with the mouse; the heatmap updates', async () => {
    await launch('Priya Raman', { route: '/competencies' });
    await app().getByRole('heading', { level: 1, name: 'Competencies' }).waitFor();
    await expectAccessible('competencies-home-lead');

    // The heatmap before any rating: nobody rated, in words too.
    await app().getByRole('link', { name: `Heatmap for ${COHORT}` }).click();
    await app().getByRole('heading', { level: 1, name: `Competency heatmap: ${COHORT}` }).waitFor();
    expect(await app().getByRole('row', { name: /Sam Okafor/ }).innerText()).not.toContain('Proficient');
    expect(await app().getByTestId('heatmap-summary').innerText()).toContain('COL.1 Plans with colleagues: 5 not rated yet. 0 of 5 proficient.');
    await expectAccessible('heatmap-before');

    await app().getByRole('link', { name: 'All cohorts' }).click();
    await app().getByRole('link', { name: `Grading queue for ${COHORT}` }).click();
    await app().getByRole('heading', { level: 1, name: `Grading queue: ${COHORT}` }).waitFor();
    const links = app().locator('main table tbody a');
    await app().getByRole('table', { name: /Waiting for a rating, oldest first \(25 shown, more to come\)/ }).waitFor();
    expect(await links.first().innerText()).toBe('Review Sam Okafor, COL.2');
    expect(await links.nth(1).innerText()).toBe('Review Lena Fischer, COL.2');
    await expectAccessible('grading-queue');
    await app().getByRole('button', { name: 'Show more' }).click();
    await app().getByRole('table', { name: 'Waiting for a rating, oldest first (27)' }).waitFor();
    expect(await links.last().innerText()).toBe('Review Sam Okafor, COL.1'); // the review request, newest
    expect(await app().getByRole('button', { name: 'Show more' }).count()).toBe(0);
    // Focus moved to the first new item.
    // (focus moves once the new rows have rendered: wait for it rather than read it at once, the machine may be busy)
    await toolFrame(page).waitForFunction(() => document.activeElement?.textContent === 'Review Lena Fischer, COL.2', undefined, { timeout: 10_000 });

    await app().getByRole('combobox', { name: 'School' }).click();
    await app().getByRole('option', { name: 'Riverside Primary' }).click();
    await app().getByRole('table', { name: 'Waiting for a rating, oldest first (2)' }).waitFor();
    await app().getByRole('combobox', { name: 'Competency' }).click();
    await app().getByRole('option', { name: 'COL.1 Plans with colleagues' }).click();
    await app().getByRole('table', { name: 'Waiting for a rating, oldest first (1)' }).waitFor();
    expect(await app().getByRole('row', { name: /Sam Okafor/ }).innerText()).toContain('Review requested');
    await expectAccessible('grading-queue-filtered');

    // The person-competency view: evidence timeline, the request's note, and the rating form.
    await app().getByRole('link', { name: 'Review Sam Okafor, COL.1' }).click();
    await app().getByRole('heading', { level: 1, name: 'Sam Okafor: COL.1 Plans with colleagues' }).waitFor();
    await app().getByText('Sam Okafor asked for a review: “I think I am there now.”').waitFor();
    await app().getByRole('heading', { level: 3, name: 'Co-planned unit with the Year 4 team' }).waitFor();
    expect(await app().getByRole('checkbox', { name: /Co-planned unit with the Year 4 team/ }).isChecked()).toBe(true);
    await expectAccessible('person-competency');

    // The rating with the keyboard alone: into the level radios, arrows to Proficient, a comment, Enter on Save.
    const frame = toolFrame(page);
    await tabTo(page, frame, 'input[type="radio"][name="rating-level"]');
    await page.keyboard.press('ArrowDown'); // Developing
    await page.keyboard.press('ArrowDown'); // Proficient
    expect(await app().getByRole('radio', { name: /^Proficient/ }).isChecked()).toBe(true);
    await tabTo(page, frame, 'textarea');
    await page.keyboard.type('Plans units with the team every week.');
    await tabTo(page, frame, { selector: 'button[type="submit"]', text: 'Save rating' });
    await page.keyboard.press('Enter');
    await app().getByText('Rating saved: Proficient for COL.1 Plans with colleagues. Sam Okafor’s level is now Proficient.').first().waitFor();
    expect(await app().getByTestId('current-level').innerText()).toBe('Proficient');
    const history = app().getByRole('table', { name: 'Ratings of Sam Okafor for COL.1, newest first' });
    expect(await history.innerText()).toContain('Plans units with the team every week.');
    expect(await history.innerText()).toContain('Priya Raman');
    await expectAccessible('person-competency-rated');

    // Back in the queue, COL.1 is done; COL.2 with the mouse.
    await app().getByRole('link', { name: 'Back to the grading queue' }).click();
    await app().getByRole('link', { name: 'Review Sam Okafor, COL.2' }).click();
    await app().getByRole('heading', { level: 1, name: 'Sam Okafor: COL.2 Gives feedback' }).waitFor();
    await app().getByText('Developing (2 points)').click(); // the label, as a mouse user would
    await app().getByRole('textbox', { name: /^Comment/ }).fill('Feedback is kind; make it more specific.');
    await app().getByRole('button', { name: 'Save rating' }).click();
    await app().getByText('Sam Okafor’s level is now Developing.', { exact: false }).first().waitFor();
    await app().getByRole('link', { name: 'Back to the grading queue' }).click();
    await app().getByRole('table', { name: /\(25\)/ }).waitFor(); // Lena's 25 are left
    expect(await main().innerText()).not.toContain('Review Sam Okafor');

    // The heatmap now shows Sam's levels, by short name and in words; COL rolls up to the lowest child.
    await app().getByRole('link', { name: 'Heatmap for this cohort' }).click();
    await app().getByRole('heading', { level: 1, name: `Competency heatmap: ${COHORT}` }).waitFor();
    const samRow = app().getByRole('row', { name: /Sam Okafor/ });
    expect(await samRow.locator('td').nth(0).innerText()).toMatch(/^D\s*Developing$/); // COL
    expect(await samRow.locator('td').nth(1).innerText()).toMatch(/^P\s*Proficient$/); // COL.1
    expect(await samRow.locator('td').nth(2).innerText()).toMatch(/^D\s*Developing$/); // COL.2
    const summary = await app().getByTestId('heatmap-summary').innerText();
    expect(summary).toContain('COL.1 Plans with colleagues: 1 Proficient, 4 not rated yet. 1 of 5 proficient.');
    expect(summary).toContain('COL.2 Gives feedback: 1 Developing, 4 not rated yet. 0 of 5 proficient.');
    await expectAccessible('heatmap-after');
  });

  it('the teacher sees their profile change, and the LMS gradebook received the mastery with the comment', async () => {
    await launch('Sam Okafor', { route: `/competencies/cohorts/${cohortId}/mine` });
    await app().getByRole('heading', { level: 1, name: `My competencies: ${COHORT}` }).waitFor();
    expect(await app().getByTestId('profile-summary').innerText()).toBe('Rated in 2 of 2 competencies; proficient in 1.');
    const row = await app().getByRole('row', { name: /COL\.1 Plans with colleagues/ }).innerText();
    expect(row).toContain('Proficient');
    expect(row).toContain('Exemplary'); // what comes next
    await app().getByRole('link', { name: 'COL.1 Plans with colleagues' }).click();
    await app().getByRole('heading', { level: 1, name: 'COL.1 Plans with colleagues' }).waitFor();
    expect(await app().getByRole('table', { name: 'Your ratings for COL.1, newest first' }).innerText()).toContain('Plans units with the team every week.');
    await app().getByRole('heading', { level: 2, name: 'Request a review' }).waitFor(); // the request was resolved
    await expectAccessible('my-competency-rated');

    const lineItems = await eventually(async () => {
      const items = await sandboxAgs(tool).listLineItems(DEMO_CONTEXT.id, { resourceId: `staffroom-competency:${cohortId}:${ids.plan}`, offset: 0, limit: 10 });
      return items.length ? items : null;
    });
    expect(lineItems[0]).toMatchObject({ label: 'COL.1 Plans with colleagues', scoreMaximum: 4, tag: `staffroom-competency:${ids.plan}` });
    const scores = await eventually(async () => {
      const s = await sandboxAgs(tool).scores({ lineItemId: lineItems[0]!.id });
      return s.length ? s : null;
    });
    expect(scores).toEqual([
      expect.objectContaining({ userId: findPersona('teacher-1')!.sub, scoreGiven: 3, scoreMaximum: 4, comment: 'Proficient. Plans units with the team every week.', outcome: 'accepted' }),
    ]);
  });
});
