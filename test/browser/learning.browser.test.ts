import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations, chromiumPerTest, collectErrors, sandboxMoves, screenshot, tabTo, toolFrame } from '../helpers/browser';
import { call, sandboxSession } from '../helpers/courseFlow';
import { demoCohort } from '../helpers/demoCourse';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { publishModule } from '../modules/moduleFlow';

jest.setTimeout(180_000);

const MODULE_1 = 'Choosing a focus and a host';
const MODULE_2 = 'The visit: look, listen, note';
const MODULE_4 = 'Team inquiry';
const MODULE_5 = 'Looking back';

describe('a teacher works through a module in the player, in a real browser', () => {
  let tool: TestTool;
  const chromium = chromiumPerTest({}, { noErrorsLeft: true });
  let page: Page;
  let errors: string[];
  let cohortId: string;

  beforeAll(async () => {
    tool = await startTestTool();
    // The demo course gets its cohort the way an admin makes one: from the "Learning visits" starter template.
    const admin = await sandboxSession(tool, 'admin');
    cohortId = await demoCohort(tool, admin, 'Learning visits 2026–27', 'learning-visits');
    await publishModule(tool, admin, cohortId, {
      title: MODULE_4,
      pdMinutes: 45,
      steps: [
        { kind: 'inquiry', title: 'Try it in class', estimatedMinutes: 30, content: { question: 'What will you **try**?', visibility: 'cohort' } },
        { kind: 'checkpoint', title: 'Team meeting', estimatedMinutes: 20, content: { date: '2026-12-01', linkUrl: 'https://meet.example.org/team', mode: 'live', agenda: 'Share one finding each.' } },
      ],
    });
    await publishModule(tool, admin, cohortId, {
      title: MODULE_5,
      pdMinutes: 15,
      steps: [{ kind: 'survey', title: 'Your view of the visits', estimatedMinutes: 5, content: { intro: 'Tell us what **worked** for you.' } }],
    });
  });
  afterAll(async () => {
    await tool?.stop();
  });

  let context: BrowserContext;
  beforeEach(() => void ({ context, page, errors } = chromium.current()));
  const { app, launch, openRoute, expectAccessible, saved } = sandboxMoves(() => page, () => tool.url);

  /** A teacher's launch lands on their home, "My learning". */
  async function launchTeacher(p: Page, name: string): Promise<void> {
    await launch(name, { page: p });
    await app(p).getByRole('heading', { level: 1, name: 'My learning' }).waitFor();
  }

  it('launches from the sandbox, completes steps (a keyboard-only reflection that survives a reload), and sees progress and PD hours change', async () => {
    await launchTeacher(page, 'Sam Okafor');
    const home = app().locator('main');
    await app().getByRole('heading', { level: 2, name: 'Learning visits 2026–27' }).waitFor();
    expect(await home.innerText()).toContain('Your next step: Why visit at all?');
    expect(await home.innerText()).toContain('about 10 minutes');
    expect(await home.innerText()).toContain(`Opens once you finish “${MODULE_1}”`);
    expect(await app().getByRole('progressbar', { name: `Progress in ${MODULE_1}` }).getAttribute('value')).toBe('0');
    await expectAccessible('learning-home');

    // PD hours before: nothing yet.
    await app().getByRole('link', { name: 'See your PD hours' }).click();
    await app().getByRole('heading', { level: 1, name: 'Your PD hours' }).waitFor();
    await app().getByText('No PD hours yet.', { exact: false }).waitFor();
    await expectAccessible('pd-hours-empty');
    await app().getByRole('link', { name: 'Back to My learning' }).click();

    // Step 1: read, then mark complete; the player moves on to the reflection.
    await app().getByRole('link', { name: 'Go to Why visit at all?' }).click();
    await app().getByRole('heading', { level: 1, name: MODULE_1 }).waitFor();
    await app().getByRole('heading', { level: 2, name: 'Why visit at all?' }).waitFor();
    expect(await app().locator('main strong', { hasText: 'one question' }).count()).toBe(1); // server HTML rendered as HTML
    await app().locator('[data-step-status="in_progress"]').first().waitFor(); // opening a step starts it
    await expectAccessible('player-read');
    await app().getByRole('button', { name: 'Mark complete and continue' }).click();
    await app().getByRole('heading', { level: 2, name: 'Your visit question' }).waitFor();
    await app().getByText('1 of 3 steps complete', { exact: false }).waitFor();
    const nav = app().getByRole('navigation', { name: 'Steps in this module' });
    expect(await nav.innerText()).toMatch(/1\. Why visit at all\?\s*Complete/);

    // Step 2 with the keyboard alone: write the reflection, see it autosave, mark it complete.
    const frame = toolFrame(page);
    await tabTo(page, frame, 'textarea');
    const words = 'I want to see how pupils explain their thinking to each other.';
    await page.keyboard.type(words);
    await saved();
    await expectAccessible('player-reflection-saved');

    // The autosaved words survive a reload of the LMS frame.
    await frame.evaluate(() => location.reload());
    await app().getByRole('heading', { level: 2, name: 'Your visit question' }).waitFor();
    expect(await app().getByRole('textbox', { name: /^Your reflection/ }).inputValue()).toBe(words);

    await tabTo(page, toolFrame(page), 'textarea');
    await page.keyboard.type(' And how the teacher sets that up.');
    await tabTo(page, toolFrame(page), { selector: 'button', text: 'Mark complete and continue' });
    await page.keyboard.press('Enter');
    await app().getByRole('heading', { level: 2, name: 'Agree hosts and dates' }).waitFor();
    await app().getByText('2 of 3 steps complete', { exact: false }).waitFor();
    // Focus moved to the new step's heading, so keyboard and screen-reader users land on it.
    expect(await toolFrame(page).evaluate(() => document.activeElement?.textContent)).toBe('Agree hosts and dates');
    const own = await call(tool, 'GET', `/api/my-learning`, await sandboxSession(tool, 'teacher-1'));
    expect(own.body.cohorts[0].modules[0].completedSteps).toBe(2);
    await app().getByText('Nothing recorded yet.', { exact: false }).waitFor();
    await expectAccessible('player-checkpoint');

    // Step 3 completes the module: PD time is credited.
    await app().getByRole('button', { name: 'Mark complete' }).click();
    // Shown, and copied into the shell's live region so screen readers announce it.
    await app().getByText(`You have finished “${MODULE_1}”. 1 hour of PD time is now in your hours.`).last().waitFor();
    expect(await app().locator('main > [role="alert"]').innerText()).toContain(`You have finished “${MODULE_1}”`);
    await app().getByText('3 of 3 steps complete (100%)').waitFor();
    await expectAccessible('player-module-complete');

    await app().getByRole('link', { name: 'Back to My learning' }).click();
    await app().getByRole('heading', { level: 1, name: 'My learning' }).waitFor();
    expect(await home.innerText()).toContain('Your next step: Describe before you judge');
    expect(await home.innerText()).toContain('PD time earned so far: 1 hour');
    expect(await app().getByRole('progressbar', { name: `Progress in ${MODULE_1}` }).getAttribute('value')).toBe('100');
    await app().getByRole('link', { name: `Start ${MODULE_2}` }).waitFor(); // unlocked now

    await app().getByRole('link', { name: 'See your PD hours' }).click();
    await app().getByRole('heading', { level: 1, name: 'Your PD hours' }).waitFor();
    const table = app().getByRole('table', { name: 'PD time earned in Learning visits 2026–27, by module' });
    expect(await table.getByRole('row', { name: new RegExp(MODULE_1) }).innerText()).toContain('1 hour');
    expect(await app().locator('main').innerText()).toContain('Total: 1 hour');
    await expectAccessible('pd-hours');
    expect(errors).toEqual([]);
  });

  it('shows a conflict when a second tab saves over a reflection changed in the first, and keeps the chosen text', async () => {
    const second = await context.newPage();
    const secondErrors = collectErrors(second);
    await launchTeacher(page, 'Lena Fischer');
    await launchTeacher(second, 'Lena Fischer');
    for (const p of [page, second]) {
      await app(p).getByRole('link', { name: `Start ${MODULE_1}` }).click();
      await app(p).getByRole('link', { name: '2. Your visit question' }).click();
      await app(p).getByRole('heading', { level: 2, name: 'Your visit question' }).waitFor();
    }

    await app(page).getByRole('textbox', { name: /^Your reflection/ }).fill('Written in the first tab.');
    await saved(page);
    // The second tab still holds revision 0: its save is stale.
    await app(second).getByRole('textbox', { name: /^Your reflection/ }).fill('Written in the second tab.');
    const conflict = app(second).getByTestId('conflict');
    await conflict.waitFor();
    expect(await conflict.getByTestId('server-version').innerText()).toBe('Written in the first tab.');
    expect(await conflict.innerText()).toContain('Written in the second tab.');
    expect(await app(second).getByRole('status').filter({ hasText: 'Not saved' }).count()).toBe(1);
    await screenshot(second, 'player-conflict');
    if (process.env.STAFFROOM_SCREENSHOTS) await conflict.screenshot({ path: `${process.env.STAFFROOM_SCREENSHOTS}/conflict-panel.png` });
    expect(await axeViolations(second)).toEqual([]);

    // Keeping the second tab's words saves them on the revision the first tab made.
    await app(second).getByRole('button', { name: 'Keep my version' }).click();
    await saved(second);
    expect(await conflict.count()).toBe(0);
    const lena = await sandboxSession(tool, 'teacher-2');
    const player = await call(tool, 'GET', `/api/my-learning`, lena);
    const moduleId = player.body.cohorts[0].modules[0].id as string;
    const stepId = (await call(tool, 'GET', `/api/cohorts/${cohortId}/modules/${moduleId}`, lena)).body.steps[1].stepId as string;
    const stored = await call(tool, 'GET', `/api/cohorts/${cohortId}/modules/${moduleId}/steps/${stepId}/response`, lena);
    expect(stored.body.response).toMatchObject({ revision: 2, body: { text: 'Written in the second tab.' } });

    // The first tab is now stale in turn: taking the saved version replaces its text, and nothing is saved over it.
    await app(page).getByRole('textbox', { name: /^Your reflection/ }).fill('First tab again.');
    await app(page).getByTestId('conflict').waitFor();
    await app(page).getByRole('button', { name: 'Use the saved version' }).click();
    expect(await app(page).getByRole('textbox', { name: /^Your reflection/ }).inputValue()).toBe('Written in the second tab.');
    const after = await call(tool, 'GET', `/api/cohorts/${cohortId}/modules/${moduleId}/steps/${stepId}/response`, lena);
    expect(after.body.response).toMatchObject({ revision: 2, body: { text: 'Written in the second tab.' } });

    // Only the two stale saves were refused (Chromium logs each 409).
    expect([...errors, ...secondErrors].filter((e) => !/status of 409/.test(e))).toEqual([]);
    errors.length = 0;
  });

  it('a lead keeps the “what we agreed” record and a teacher writes an inquiry cycle, both autosaved', async () => {
    // The lead's home is their workspace; the player is the same screen for them, opened by its address.
    await launch('Priya Raman');
    const lead = await sandboxSession(tool, 'lead');
    const learning = await call(tool, 'GET', '/api/my-learning', lead);
    const module4 = (learning.body.cohorts[0].modules as { id: string; title: string }[]).find((m) => m.title === MODULE_4)!;
    const player = await call(tool, 'GET', `/api/cohorts/${cohortId}/modules/${module4.id}`, lead);
    const [, checkpointId] = (player.body.steps as { stepId: string }[]).map((x) => x.stepId);
    await openRoute(`/my-learning/cohorts/${cohortId}/modules/${module4.id}/steps/${checkpointId}`);
    await app().getByRole('heading', { level: 2, name: 'Team meeting' }).waitFor();
    expect(await app().getByRole('link', { name: /Join or open the meeting/ }).getAttribute('href')).toBe('https://meet.example.org/team');
    await app().getByRole('textbox', { name: /^What we agreed/ }).fill('Everyone tries **think-pair-share** once this week.');
    await saved();
    await expectAccessible('player-checkpoint-lead');

    // A teacher sees the record, and works through the inquiry cycle with autosave.
    await launch('Tomás Rivera');
    await app().getByRole('link', { name: `Start ${MODULE_4}` }).click();
    await app().getByRole('heading', { level: 2, name: 'Try it in class' }).waitFor();
    expect(await app().locator('main strong', { hasText: 'try' }).count()).toBe(1);
    await app().getByRole('textbox', { name: /^1\. Plan/ }).fill('Think-pair-share in Year 9 English, two lessons.');
    await app().getByRole('textbox', { name: 'Evidence link for Plan (optional)' }).fill('https://example.org/plan');
    await app().getByRole('textbox', { name: /^4\. Review/ }).fill('To do after the lessons.');
    await saved();
    await expectAccessible('player-inquiry');
    await toolFrame(page).evaluate(() => location.reload());
    await app().getByRole('heading', { level: 2, name: 'Try it in class' }).waitFor();
    expect(await app().getByRole('textbox', { name: /^1\. Plan/ }).inputValue()).toBe('Think-pair-share in Year 9 English, two lessons.');
    expect(await app().getByRole('textbox', { name: 'Evidence link for Plan (optional)' }).inputValue()).toBe('https://example.org/plan');
    await app().getByRole('button', { name: 'Mark complete and continue' }).click();
    await app().getByRole('heading', { level: 2, name: 'Team meeting' }).waitFor();
    await app().getByText('Recorded by Priya Raman', { exact: false }).waitFor();
    expect(await app().locator('main strong', { hasText: 'think-pair-share' }).count()).toBe(1);
    expect(await app().getByRole('textbox', { name: /^What we agreed/ }).count()).toBe(0); // teachers read the record
    await expectAccessible('player-checkpoint-teacher');
    expect(errors).toEqual([]);
  });

  it('a teacher answers the end-of-module survey with the keyboard alone, then changes an answer', async () => {
    await launchTeacher(page, 'Lena Fischer');
    await app().getByRole('link', { name: `Start ${MODULE_5}` }).click();
    await app().getByRole('heading', { level: 2, name: 'Your view of the visits' }).waitFor();
    expect(await app().locator('main strong', { hasText: 'worked' }).count()).toBe(1);
    expect(await app().getByRole('button', { name: /^Mark complete/ }).count()).toBe(0); // answering completes it
    await expectAccessible('player-survey');

    // Sending nothing names the two questions still to answer.
    const frame = toolFrame(page);
    await tabTo(page, frame, { selector: 'button', text: 'Send my answers' });
    await page.keyboard.press('Enter');
    await app().getByText('Choose an answer for each of the two questions', { exact: false }).last().waitFor();
    expect(await app().getByText('Choose one answer.').count()).toBe(2);
    await expectAccessible('player-survey-missing');

    // Radio groups by keyboard: Tab into the group, Space picks, arrows move the choice.
    await tabTo(page, frame, 'input[type="radio"]', 80);
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.type('More time to plan visits together.');
    await tabTo(page, frame, { selector: 'button', text: 'Send my answers' });
    await page.keyboard.press('Enter');
    await app().getByText(`You have finished “${MODULE_5}”.`, { exact: false }).last().waitFor();
    await app().getByText('Thank you: your answers are saved.').last().waitFor();
    expect(await app().getByRole('radio', { name: '3: Useful' }).isChecked()).toBe(true);
    expect(await app().getByRole('radio', { name: '4: Very relevant' }).isChecked()).toBe(true);
    const lena = await tool.db('users').where({ name: 'Lena Fischer' }).first('id');
    const stored = () => tool.db('survey_responses').where({ user_id: lena.id }).select('useful', 'relevant', 'suggestion');
    expect(await stored()).toEqual([{ useful: 3, relevant: 4, suggestion: 'More time to plan visits together.' }]);
    await expectAccessible('player-survey-answered');

    // Changing an answer keeps one answer, updated.
    await app().getByText('2: A little relevant', { exact: true }).click();
    expect(await app().getByRole('radio', { name: '2: A little relevant' }).isChecked()).toBe(true);
    await app().getByRole('button', { name: 'Update my answers' }).click();
    await app().getByText('Your changed answers are saved.').last().waitFor();
    expect(await stored()).toEqual([{ useful: 3, relevant: 2, suggestion: 'More time to plan visits together.' }]);

    // Leaving the step reports the time it was open and visible (time on task).
    await app().getByRole('link', { name: 'Back to My learning' }).click();
    await app().getByRole('heading', { level: 1, name: 'My learning' }).waitFor();
    const surveyStep = await tool.db('module_steps').where({ title: 'Your view of the visits' }).first('step_id');
    const measured = async () => Number((await tool.db('step_time').where({ user_id: lena.id, step_id: surveyStep.step_id }).first('seconds'))?.seconds ?? 0);
    for (let i = 0; i < 50 && (await measured()) === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await measured()).toBeGreaterThan(0);
    expect(await measured()).toBeLessThanOrEqual(120);
    expect(errors).toEqual([]);
  });
});
