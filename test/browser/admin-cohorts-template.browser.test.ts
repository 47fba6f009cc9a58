import type { Page } from 'playwright-core';
import { actionOn, axeViolations, focusedText, frameApi, sandboxBrowserFile, tabTo, toolFrame } from '../helpers/browser';
import type { TestTool } from '../helpers/testTool';

jest.setTimeout(180_000);

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

describe('admin cohort screens: a cohort from a template, its modules reordered, edited and published, in a real browser inside the sandbox LMS', () => {
  const file = sandboxBrowserFile({ noErrorsLeft: true });
  const { app, launch, expectAccessible } = file;
  let tool: TestTool;
  let page: Page;
  let errors: string[];
  beforeEach(() => void ({ tool, page, errors } = file.current()));

  it('an admin creates a cohort from a template, reorders modules with the keyboard, edits and adds a step, previews and publishes; a teacher gets the new version', async () => {
    await launch('Morgan Ellis');
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
    const saved = await frameApi<{ endsOn: string; pacing: string; weeklyMinutes: number }>(page, `/api/cohorts/${cohortId}`);
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
    await tabTo(page, frame, { selector: 'button', text: actionOn('Move down', first) });
    await page.keyboard.press('Enter');
    await app().getByRole('alert').getByText(`“${first}” moved to position 2 of 3.`).waitFor({ state: 'attached' });
    expect(await focusedText(frame)).toMatch(actionOn('Move down', first));
    await page.keyboard.press('Enter');
    await app().getByRole('alert').getByText(`“${first}” moved to position 3 of 3.`).waitFor({ state: 'attached' });
    // At the end "Move down" is off, so focus moves to the same module's "Move up".
    expect(await focusedText(frame)).toMatch(actionOn('Move up', first));
    await page.keyboard.press('Enter');
    await app().getByRole('alert').getByText(`“${first}” moved to position 2 of 3.`).waitFor({ state: 'attached' });
    const order = async () => {
      const { body } = await frameApi<{ modules: OutlineModule[] }>(page, `/api/cohorts/${cohortId}/modules`);
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
    await launch('Sam Okafor');
    const player = await frameApi<{ module: { versionNumber: number }; steps: PlayerStep[] }>(page, `/api/cohorts/${cohortId}/modules/${moduleId}`);
    expect(player.status).toBe(200);
    expect(player.body.module.versionNumber).toBe(2);
    expect(player.body.steps.map((s) => s.title)).toEqual(['Why visit a colleague?', 'Your visit question', 'Agree hosts and dates', 'What will you try first?']);
    expect(player.body.steps[3]?.display.promptHtml).toContain('<strong>one</strong>');
  });
});
