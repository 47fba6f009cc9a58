import type { Frame, FrameLocator, Page } from 'playwright-core';
import { axeViolations, chromiumPerTest, screenshot, toolFrame } from '../helpers/browser';
import { startTestTool, type TestTool } from '../helpers/testTool';

jest.setTimeout(180_000);

interface ApiAnswer<T> {
  status: number;
  body: T;
}
interface OutlineModule {
  id: string;
  title: string;
  position: number;
  archived: boolean;
}
interface PlayerStep {
  stepId: string;
  title: string;
  kind: string;
  display: { promptHtml?: string };
}

describe('admin cohort and module screens, in a real browser inside the sandbox LMS', () => {
  let tool: TestTool;
  const chromium = chromiumPerTest();
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    tool = await startTestTool();
  });
  afterAll(async () => {
    await tool?.stop();
  });

  beforeEach(() => void ({ page, errors } = chromium.current()));

  const app = (): FrameLocator => page.frameLocator('#tool-frame');

  /** Launches a sandbox persona into the tool frame and waits until the app has its session. */
  async function launchAs(name: string): Promise<void> {
    await page.goto(`${tool.url}/sandbox`);
    await page.getByRole('heading', { level: 1, name: 'Staffroom sandbox LMS' }).waitFor();
    await page.getByRole('button', { name: `Launch as ${name}` }).click();
    await app().getByRole('banner').getByText(name).waitFor();
  }

  /** Calls the API from inside the tool frame with the session the launch gave the app. */
  async function api<T>(path: string): Promise<ApiAnswer<T>> {
    return toolFrame(page).evaluate(async (p) => {
      const token = sessionStorage.getItem('staffroom.session');
      const r = await fetch(p, { headers: { Authorization: `Bearer ${token}` } });
      return { status: r.status, body: await r.json() };
    }, path) as Promise<ApiAnswer<T>>;
  }

  /** The text of the focused element in the tool frame (null when the frame does not have focus). */
  const focusedText = (frame: Frame) => frame.evaluate(() => (document.hasFocus() ? (document.activeElement?.textContent ?? null) : null));

  /** Presses Tab (the keyboard alone) until the focused element in the tool frame has exactly this text. */
  async function tabInFrameTo(frame: Frame, text: string, maxTabs = 60): Promise<void> {
    for (let i = 0; i < maxTabs; i++) {
      await page.keyboard.press('Tab');
      if ((await focusedText(frame)) === text) return;
    }
    throw new Error(`"${text}" not reached in the tool frame after ${maxTabs} presses of Tab`);
  }

  /** The cohort id in the tool frame's current address (#/admin/cohorts/:id/…). */
  const cohortIdOf = () => /#\/admin\/cohorts\/([0-9a-f-]{36})/.exec(toolFrame(page).url())?.[1] ?? '';

  /** The accessible name of an action button or link that also names its item ("Edit: Why visit at all?"). */
  const actionOn = (action: string, item: string) => new RegExp(`^${action}\\s*:\\s*${item.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

  async function expectAccessible(name: string): Promise<void> {
    await screenshot(page, name);
    expect(await axeViolations(page)).toEqual([]);
  }

  it('an admin creates a cohort from a template, reorders modules with the keyboard, edits and adds a step, previews and publishes; a teacher gets the new version', async () => {
    await launchAs('Morgan Ellis');
    // The admin's home is the cohort list.
    await app().getByRole('heading', { level: 1, name: 'Cohorts' }).waitFor();
    await app().getByText('This course has no running cohorts.').first().waitFor();
    expect(toolFrame(page).url()).toBe(`${tool.url}/app/#/admin`);
    await expectAccessible('admin-cohort-list');

    // New cohort: each template shows its description and modules.
    await app().getByRole('button', { name: 'New cohort' }).click();
    await app().getByRole('heading', { level: 2, name: 'New cohort' }).waitFor();
    const learningVisits = app().getByRole('radio', { name: /^Learning visits/ });
    // The option's name carries the template's description and its modules.
    await app().getByRole('radio', { name: /^Learning visits.*Staff visit.*Choosing a focus and a host.*The visit: look, listen, note.*Bringing it home/s }).waitFor();
    await expectAccessible('admin-new-cohort');

    // From scratch without a name: the API's 400 shows beside the name field.
    await app().getByText('From scratch', { exact: true }).click();
    await app().getByRole('button', { name: 'Create cohort' }).click();
    await app().getByText('The cohort was not created. Check the fields marked below.').first().waitFor();
    await app().getByText('Is required', { exact: true }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await app().getByText('Learning visits', { exact: true }).click();
    expect(await learningVisits.isChecked()).toBe(true);
    await app().getByLabel('Cohort name').fill('Learning visits 2026–27');
    await app().getByLabel('Starts on (optional)').fill('2026-09-07');
    await app().getByLabel('Ends on (optional)').fill('2027-03-26');
    await app().getByRole('button', { name: 'Create cohort' }).click();
    await app().getByRole('heading', { level: 1, name: 'Learning visits 2026–27' }).waitFor();
    await app().getByText('Cohort “Learning visits 2026–27” created.').first().waitFor();
    const cohortId = /#\/admin\/cohorts\/([0-9a-f-]{36})$/.exec(toolFrame(page).url())?.[1];
    expect(cohortId).toBeDefined();
    await expectAccessible('admin-cohort-page');

    // Settings: an end before the start is refused, with the reason beside "Ends on".
    await app().getByLabel(/^Ends on/).fill('2026-01-01');
    await app().getByRole('button', { name: 'Save settings' }).click();
    await app().getByText('Must be on or after the start date').first().waitFor();
    await app().getByLabel(/^Ends on/).fill('2027-03-31');
    await app().getByText(/Suggested weekly pace/).click();
    await app().getByLabel('Suggested minutes a week').fill('45');
    await app().getByRole('button', { name: 'Save settings' }).click();
    await app().getByText('Settings saved.').first().waitFor();
    const saved = await api<{ endsOn: string; pacing: string; weeklyMinutes: number }>(`/api/cohorts/${cohortId}`);
    expect(saved.body).toMatchObject({ endsOn: '2027-03-31', pacing: 'weekly', weeklyMinutes: 45 });
    expect(await axeViolations(page)).toEqual([]);

    // Links to the cohort's people pages.
    expect(await app().getByRole('link', { name: 'Roster' }).getAttribute('href')).toBe(`#/admin/cohorts/${cohortId}/roster`);
    expect(await app().getByRole('link', { name: 'Progress' }).getAttribute('href')).toBe(`#/admin/cohorts/${cohortId}/progress`);
    expect(await app().getByRole('link', { name: 'Enrolment from the LMS' }).getAttribute('href')).toBe('#/admin/enrol');

    // Reorder with the keyboard alone: focus stays on the moved module's buttons, and the move is announced.
    const frame = toolFrame(page);
    const first = 'Choosing a focus and a host';
    await app().getByRole('link', { name: 'All cohorts' }).click();
    await app().getByRole('link', { name: 'Learning visits 2026–27' }).click();
    await app().getByRole('heading', { level: 1, name: 'Learning visits 2026–27' }).waitFor();
    // Arriving on a page, focus is on its title; from there the keyboard does the rest.
    expect(await frame.evaluate(() => document.activeElement?.textContent)).toBe('Learning visits 2026–27');
    await tabInFrameTo(frame, `Move down: ${first}`);
    await page.keyboard.press('Enter');
    await app().getByRole('alert').getByText(`“${first}” moved to position 2 of 3.`).waitFor({ state: 'attached' });
    expect(await focusedText(frame)).toBe(`Move down: ${first}`);
    await page.keyboard.press('Enter');
    await app().getByRole('alert').getByText(`“${first}” moved to position 3 of 3.`).waitFor({ state: 'attached' });
    // At the end "Move down" is off, so focus moves to the same module's "Move up".
    expect(await focusedText(frame)).toBe(`Move up: ${first}`);
    await page.keyboard.press('Enter');
    await app().getByRole('alert').getByText(`“${first}” moved to position 2 of 3.`).waitFor({ state: 'attached' });
    const order = async () => {
      const { body } = await api<{ modules: OutlineModule[] }>(`/api/cohorts/${cohortId}/modules`);
      return body.modules.filter((m) => !m.archived).sort((a, b) => a.position - b.position).map((m) => m.title);
    };
    const expected = ['The visit: look, listen, note', first, 'Bringing it home'];
    for (let i = 0; i < 50 && JSON.stringify(await order()) !== JSON.stringify(expected); i++) await page.waitForTimeout(100);
    expect(await order()).toEqual(expected);
    // Loaded afresh, the page shows the saved order.
    await app().getByRole('link', { name: 'All cohorts' }).click();
    await app().getByRole('link', { name: 'Learning visits 2026–27' }).click();
    await app().getByRole('heading', { level: 1, name: 'Learning visits 2026–27' }).waitFor();
    const rows = await app().getByRole('row').allInnerTexts();
    expect(rows.findIndex((r) => r.includes('The visit: look'))).toBeLessThan(rows.findIndex((r) => r.includes(first)));

    // Open the module editor.
    await app().getByRole('link', { name: actionOn('Edit', first) }).click();
    await app().getByRole('heading', { level: 1, name: `Edit module: ${first}` }).waitFor();
    await app().getByText(/Published version 1\./).first().waitFor();
    const moduleId = /modules\/([0-9a-f-]{36})\/edit$/.exec(toolFrame(page).url())?.[1];
    await expectAccessible('admin-module-editor');

    // Edit a step: the draft starts with the first change.
    await app().getByRole('button', { name: actionOn('Edit', 'Why visit at all?') }).click();
    await app().getByRole('heading', { level: 4, name: 'Edit step: Why visit at all?' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await app().getByLabel('Step title').fill('Why visit a colleague?');
    await app().getByRole('button', { name: 'Save step' }).click();
    await app().getByRole('heading', { level: 3, name: '1. Why visit a colleague?' }).waitFor();
    await app().getByText(/Draft with unpublished changes\. Staff see version 1/).first().waitFor();

    // Add a reflection step; a bad estimate is refused beside its field first.
    await app().getByRole('button', { name: 'Add a step' }).click();
    await app().getByText(/^Reflect: /).click();
    await app().getByLabel('Step title').fill('What will you try first?');
    await app().getByLabel('Estimated minutes').fill('0');
    await app().getByRole('textbox', { name: /^Prompt/ }).fill('Name **one** thing you will try in the next fortnight.');
    await app().getByRole('button', { name: 'Add step' }).click();
    await app().getByText('Enter whole minutes, from 1 to 600.').first().waitFor();
    await app().getByLabel('Estimated minutes').fill('10');
    await app().getByRole('button', { name: 'Add step' }).click();
    await app().getByRole('heading', { level: 3, name: '4. What will you try first?' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Preview as a teacher: the server's sanitised HTML.
    await app().getByRole('button', { name: 'Preview as a teacher' }).click();
    const preview = app().getByRole('dialog', { name: 'Preview as a teacher' });
    await preview.getByRole('heading', { level: 4, name: '4. What will you try first?' }).waitFor();
    expect(await preview.locator('strong').filter({ hasText: /^one$/ }).count()).toBe(1);
    await preview.getByRole('heading', { level: 4, name: '1. Why visit a colleague?' }).waitFor();
    await expectAccessible('admin-module-preview');
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });

    // Publish, after a confirmation that explains progress is kept.
    await app().getByRole('button', { name: 'Publish', exact: true }).click();
    const confirm = app().getByRole('dialog', { name: 'Publish these changes?' });
    await confirm.getByText('Everyone keeps their progress on the steps that are still there.').waitFor();
    await expectAccessible('admin-publish-confirm');
    await confirm.getByRole('button', { name: 'Publish' }).click();
    await app().getByText('Published version 2. Staff see it now.').first().waitFor();
    // Chromium logs the two refused (400) saves above; nothing else may go wrong.
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    expect(errors).toHaveLength(2);
    errors.length = 0;

    // A teacher of the course now gets version 2, with the edited and the new step.
    await launchAs('Sam Okafor');
    const player = await api<{ module: { versionNumber: number }; steps: PlayerStep[] }>(`/api/cohorts/${cohortId}/modules/${moduleId}`);
    expect(player.status).toBe(200);
    expect(player.body.module.versionNumber).toBe(2);
    expect(player.body.steps.map((s) => s.title)).toEqual(['Why visit a colleague?', 'Your visit question', 'Agree hosts and dates', 'What will you try first?']);
    expect(player.body.steps[3]?.display.promptHtml).toContain('<strong>one</strong>');
  });

  it('an admin starts a cohort from scratch, adds a module (steps reordered with the keyboard, one deleted, published, a later draft discarded), removes it, makes and withdraws a join code, and archives the cohort, which then shows only with "Show archived cohorts"', async () => {
    await launchAs('Morgan Ellis');
    await app().getByRole('heading', { level: 1, name: 'Cohorts' }).waitFor();
    await app().getByRole('button', { name: 'New cohort' }).click();
    await app().getByText('From scratch', { exact: true }).click();
    await app().getByLabel('Cohort name').fill('Coaching pilot');
    await app().getByRole('button', { name: 'Create cohort' }).click();
    await app().getByRole('heading', { level: 1, name: 'Coaching pilot' }).waitFor();
    await app().getByText('This cohort has no modules yet.').first().waitFor();

    // Add a module: the editor opens on its empty draft.
    await app().getByLabel('New module’s name').fill('Getting started');
    await app().getByRole('button', { name: 'Add module' }).click();
    await app().getByRole('heading', { level: 1, name: 'Edit module: Getting started' }).waitFor();
    await app().getByText('Not published yet: staff cannot see this module.').first().waitFor();
    await app().getByText('No steps yet. Add the first one below.').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const moduleId = /modules\/([0-9a-f-]{36})\/edit$/.exec(toolFrame(page).url())?.[1];
    const draftTitles = async () => (await api<{ steps: { title: string }[] }>(`/api/cohorts/${cohortIdOf()}/modules/${moduleId}/draft`)).body.steps.map((x) => x.title);

    // Two read steps, then the second moved up with the keyboard and the first deleted after confirming.
    for (const title of ['Welcome', 'How coaching works']) {
      await app().getByRole('button', { name: 'Add a step' }).click();
      await app().getByLabel('Step title').fill(title);
      await app().getByLabel('Text (Markdown)').fill(`About ${title.toLowerCase()}.`);
      await app().getByRole('button', { name: 'Add step' }).click();
      await app().getByRole('heading', { level: 3, name: new RegExp(`^\\d\\. ${title}$`) }).waitFor();
    }
    const frame = toolFrame(page);
    await app().getByRole('button', { name: actionOn('Move down', 'Welcome') }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focusedText(frame)).toBe('Move up: How coaching works');
    await page.keyboard.press('Enter');
    await app().getByRole('heading', { level: 3, name: '1. How coaching works' }).waitFor();
    expect(await focusedText(frame)).toBe('Move down: How coaching works');
    for (let i = 0; i < 50 && (await draftTitles())[0] !== 'How coaching works'; i++) await page.waitForTimeout(100);
    expect(await draftTitles()).toEqual(['How coaching works', 'Welcome']);
    await app().getByRole('button', { name: actionOn('Delete', 'Welcome') }).click();
    const confirmDelete = app().getByRole('dialog', { name: 'Delete this step?' });
    await confirmDelete.getByText('“Welcome” is removed from the draft.', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await confirmDelete.getByRole('button', { name: 'Delete step' }).click();
    await confirmDelete.waitFor({ state: 'detached' });
    expect(await draftTitles()).toEqual(['How coaching works']);

    // First publish, then a change that is thrown away with "Discard draft".
    await app().getByRole('button', { name: 'Publish', exact: true }).click();
    await app().getByRole('dialog', { name: 'Publish this module?' }).getByRole('button', { name: 'Publish' }).click();
    await app().getByText('Published version 1. Staff see it now.').first().waitFor();
    await app().getByRole('button', { name: actionOn('Edit', 'How coaching works') }).click();
    await app().getByLabel('Step title').fill('A change nobody wanted');
    await app().getByRole('button', { name: 'Save step' }).click();
    await app().getByRole('heading', { level: 3, name: '1. A change nobody wanted' }).waitFor();
    await app().getByRole('button', { name: 'Discard draft' }).click();
    await app().getByRole('dialog', { name: 'Discard the draft?' }).getByRole('button', { name: 'Discard draft' }).click();
    await app().getByText('Draft discarded. The module is as it was last published.').first().waitFor();
    await app().getByRole('heading', { level: 3, name: '1. How coaching works' }).waitFor();
    expect(await draftTitles()).toEqual(['How coaching works']);

    // Back on the cohort, remove it: it moves to "Removed modules", from where it can be restored.
    await app().getByRole('link', { name: 'Back to the cohort' }).click();
    await app().getByRole('heading', { level: 1, name: 'Coaching pilot' }).waitFor();
    await app().getByRole('button', { name: actionOn('Remove', 'Getting started') }).click();
    await app().getByRole('heading', { level: 3, name: 'Removed modules' }).waitFor();
    await app().getByRole('button', { name: actionOn('Restore', 'Getting started') }).waitFor();
    const cohortId = /#\/admin\/cohorts\/([0-9a-f-]{36})$/.exec(toolFrame(page).url())?.[1];
    const outline = await api<{ modules: OutlineModule[] }>(`/api/cohorts/${cohortId}/modules`);
    expect(outline.body.modules.map((m) => [m.title, m.archived])).toEqual([['Getting started', true]]);

    // Invite another school: the code is shown once; joining with it from the cohort's own course is refused.
    await app().getByRole('button', { name: 'Create a join code' }).click();
    const shown = await app().getByText(/^Join code:/).first().innerText();
    const code = /([A-Z0-9]{5}(?:-[A-Z0-9]{5}){3})/.exec(shown)?.[1];
    expect(code).toBeDefined();
    await app().getByRole('table', { name: 'Join codes made for this cohort' }).getByText('Not used yet').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await app().getByRole('link', { name: 'All cohorts' }).click();
    await app().getByLabel('Join code').fill(code!.toLowerCase().replace(/-/g, ' '));
    await app().getByRole('button', { name: 'Join cohort' }).click();
    await app().getByText('This course is already part of that cohort.').first().waitFor();
    await app().getByRole('link', { name: 'Coaching pilot' }).click();
    await app().getByRole('button', { name: /^Withdraw/ }).click();
    await app().getByRole('table', { name: 'Join codes made for this cohort' }).getByText('Withdrawn').waitFor();

    // Archive: read-only, and listed only when archived cohorts are shown.
    await app().getByRole('button', { name: 'Archive cohort' }).click();
    await app().getByRole('heading', { level: 2, name: 'This cohort is archived' }).waitFor();
    expect(await app().getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    expect((await api<{ status: string }>(`/api/cohorts/${cohortId}`)).body.status).toBe('archived');
    expect(await axeViolations(page)).toEqual([]);
    await app().getByRole('link', { name: 'All cohorts' }).click();
    await app().getByRole('heading', { level: 1, name: 'Cohorts' }).waitFor();
    const toggle = app().getByRole('checkbox', { name: 'Show archived cohorts' });
    await toggle.waitFor(); // the list has loaded
    expect(await app().getByRole('link', { name: 'Coaching pilot' }).count()).toBe(0);
    await app().getByText('Show archived cohorts').click();
    expect(await toggle.isChecked()).toBe(true);
    await app().getByRole('link', { name: 'Coaching pilot' }).waitFor();
    expect(await app().getByRole('row', { name: /Coaching pilot/ }).innerText()).toContain('Archived');
    await expectAccessible('admin-cohort-list-archived');
    // Chromium logs the refused (409) join; nothing else may go wrong.
    expect(errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
    errors.length = 0;
  });

  it('refuses a participant who opens /admin: the API answers 403 and the page explains, without crashing', async () => {
    await launchAs('Sam Okafor');
    const templates = page.waitForResponse((r) => r.url() === `${tool.url}/api/cohort-templates`);
    await toolFrame(page).evaluate(() => void (location.hash = '#/admin'));
    expect((await templates).status()).toBe(403);
    await app().getByRole('heading', { level: 1, name: 'This page is for administrators' }).waitFor();
    expect(await app().getByRole('button', { name: 'New cohort' }).count()).toBe(0);
    await expectAccessible('admin-refused');
    // The 403 itself is logged by Chromium; nothing else may go wrong.
    expect(errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
    errors.length = 0;
  });
});
