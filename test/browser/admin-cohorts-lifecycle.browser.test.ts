import type { Page } from 'playwright-core';
import { actionOn, axeViolations, focusedText, frameApi, sandboxBrowserFile, toolFrame } from '../helpers/browser';
import type { TestTool } from '../helpers/testTool';

jest.setTimeout(180_000);

/** A module of the cohort outline, as far as these tests read it. */
type OutlineModule = { title: string; archived: boolean };

describe('admin cohort screens: a cohort from scratch through to its archive, and a participant refused, in a real browser inside the sandbox LMS', () => {
  const file = sandboxBrowserFile({ noErrorsLeft: true });
  const { app, launch, openRoute, expectAccessible } = file;
  let tool: TestTool;
  let page: Page;
  let errors: string[];
  beforeEach(() => void ({ tool, page, errors } = file.current()));

  /** The cohort id in the tool frame's current address (#/admin/cohorts/:id/…). */
  const cohortIdOf = () => /#\/admin\/cohorts\/([0-9a-f-]{36})/.exec(toolFrame(page).url())?.[1] ?? '';

  it('an admin starts a cohort from scratch, adds a module (steps reordered with the keyboard, one deleted, published, a later draft discarded), removes it, makes and withdraws a join code, and archives the cohort, which then shows only with "Show archived cohorts"', async () => {
    await launch('Morgan Ellis');
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
    const draftTitles = async () => (await frameApi<{ steps: { title: string }[] }>(page, `/api/cohorts/${cohortIdOf()}/modules/${moduleId}/draft`)).body.steps.map((x) => x.title);

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
    expect(await focusedText(frame)).toMatch(actionOn('Move up', 'How coaching works'));
    await page.keyboard.press('Enter');
    await app().getByRole('heading', { level: 3, name: '1. How coaching works' }).waitFor();
    expect(await focusedText(frame)).toMatch(actionOn('Move down', 'How coaching works'));
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
    const outline = await frameApi<{ modules: OutlineModule[] }>(page, `/api/cohorts/${cohortId}/modules`);
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
    expect((await frameApi<{ status: string }>(page, `/api/cohorts/${cohortId}`)).body.status).toBe('archived');
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
    await launch('Sam Okafor');
    const templates = page.waitForResponse((r) => r.url() === `${tool.url}/api/cohort-templates`);
    await openRoute('/admin');
    expect((await templates).status()).toBe(403);
    await app().getByRole('heading', { level: 1, name: 'This page is for administrators' }).waitFor();
    expect(await app().getByRole('button', { name: 'New cohort' }).count()).toBe(0);
    await expectAccessible('admin-refused');
    // The 403 itself is logged by Chromium; nothing else may go wrong.
    expect(errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
    errors.length = 0;
  });
});
