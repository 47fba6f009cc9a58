import type { Page } from 'playwright-core';
import { HOURS_CSV, IMPACT_CSV, PARTICIPATION_CSV } from '../../lti-tool/src/reports/reports.routes';
import { chromiumPerTest, screenshot, tabTo, toolFrame } from '../helpers/browser';
import type { TestTool } from '../helpers/testTool';
import type { Who } from '../modules/moduleFlow';
import { eventually } from '../roster/rosterFlow';
import { COHORT_TITLE, hours, MODULE_TITLE, PD_MINUTES, reportsMoves, startReportsWorld, SUGGESTION } from './reportsBrowser';

jest.setTimeout(240_000);

describe('a cohort’s reports in a real browser: tabs, CSV downloads and the impact summary', () => {
  let tool: TestTool;
  let cohortId: string;
  let teacher: Who;
  const chromium = chromiumPerTest({ acceptDownloads: true });
  let page: Page;
  let errors: string[];
  const { app, launch, openRoute, downloadCsv, expectAccessible } = reportsMoves(() => page, () => tool);

  beforeAll(async () => {
    ({ tool, cohortId, teacher } = await startReportsWorld({ auditEvents: false }));
  }, 240_000);
  afterAll(async () => {
    await tool?.stop();
  });
  beforeEach(() => void ({ page, errors } = chromium.current()));

  /** The admin launches and opens the seeded cohort's reports, as a bookmark would. */
  async function openCohortReports(): Promise<void> {
    await launch('Morgan Ellis', { route: `/reports/cohorts/${cohortId}` });
    await app().getByRole('heading', { level: 1, name: `Reports: ${COHORT_TITLE}` }).waitFor();
  }

  it('an admin opens a cohort’s reports: weekly activity and module completion with summaries and table views, and the total PD hours', async () => {
    await launch('Morgan Ellis');
    await openRoute('/reports');
    await app().getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    await expectAccessible('reports-index');
    await app().getByRole('link', { name: `Reports for ${COHORT_TITLE}` }).click();
    await app().getByRole('heading', { level: 1, name: `Reports: ${COHORT_TITLE}` }).waitFor();
    // Moving between screens puts focus on the new page's heading.
    await toolFrame(page).waitForFunction((t) => document.activeElement?.textContent === t, `Reports: ${COHORT_TITLE}`);

    // Participation: the charts are images named by their titles and described by a visible summary.
    const weekly = app().getByRole('img', { name: 'Weekly activity' });
    await weekly.waitFor();
    await app().getByText(/^Activity in 1 week: 2 steps and 1 module completed in total\./).waitFor();
    await app().getByText(new RegExp(`“${MODULE_TITLE}”: 1 started, 1 completed`)).waitFor();
    await expectAccessible('reports-participation');

    // Printed: no navigation, buttons or form; the chart tables are there without asking.
    await page.emulateMedia({ media: 'print' });
    await app().getByRole('table', { name: 'Weekly activity' }).waitFor();
    expect(await app().getByRole('button', { name: 'Download participation (CSV)' }).isVisible()).toBe(false);
    expect(await app().getByRole('banner').isVisible()).toBe(false);
    expect(await app().getByRole('textbox', { name: /From/ }).isVisible()).toBe(false);
    await screenshot(page, 'reports-print');
    await page.emulateMedia({ media: 'screen' });
    await app().getByRole('table', { name: 'Weekly activity' }).waitFor({ state: 'hidden' });

    // "Show as table": the weekly numbers as a table.
    await app().getByRole('button', { name: 'Show as table: Weekly activity' }).click();
    const weekTable = app().getByRole('table', { name: 'Weekly activity' });
    await weekTable.waitFor();
    expect(await weekTable.getByRole('row').nth(1).innerText()).toMatch(/^Week of .+\s+1\s+2$/);
    await app().getByRole('button', { name: 'Hide table: Weekly activity' }).waitFor();
    await app().getByRole('button', { name: 'Show as table: Module completion' }).click();
    expect(await app().getByRole('table', { name: 'Module completion' }).getByRole('row', { name: new RegExp(MODULE_TITLE) }).innerText()).toMatch(/\s1\s+1$/);
    const schools = app().getByRole('table', { name: 'Participation by school' });
    await schools.waitFor();
    expect(await schools.innerText()).toContain(hours(PD_MINUTES));
    await expectAccessible('reports-participation-tables');

    // PD hours: the total and Sam's row.
    await app().getByRole('tab', { name: 'PD hours' }).click();
    await app().getByText(`Total: ${hours(PD_MINUTES)}`).waitFor();
    const people = app().getByRole('table', { name: /^PD hours by person/ });
    expect(await people.getByRole('row', { name: /Sam Okafor/ }).innerText()).toMatch(new RegExp(`Sam Okafor\\s+.*\\s+1\\s+${hours(PD_MINUTES)}\\s+\\S`));
    expect(await people.getByRole('row', { name: /^All \d+ people/ }).innerText()).toContain(hours(PD_MINUTES));
    await expectAccessible('reports-pd-hours');

    // A reversed range is caught before it is sent, and said next to the field.
    await app().getByRole('textbox', { name: /From/ }).fill('2020-02-01');
    await app().getByRole('textbox', { name: /To/ }).fill('2020-01-01');
    await app().getByRole('button', { name: 'Show these days' }).click();
    await app().getByText('The first day must not be after the last day.').waitFor();
    await expectAccessible('reports-range-error');

    // A date range before any activity: no hours.
    await app().getByRole('textbox', { name: /From/ }).fill('2020-01-01');
    await app().getByRole('textbox', { name: /To/ }).fill('2020-01-31');
    await app().getByRole('button', { name: 'Show these days' }).click();
    await app().getByText(`Total: ${hours(0)}`).waitFor();
    await expectAccessible('reports-pd-hours-range');
    expect(errors).toEqual([]);
  });

  it('downloads the PD-hours CSV with the keyboard alone, with the documented columns and Sam’s hours', async () => {
    await openCohortReports();
    const frame = toolFrame(page);
    // Keyboard only: to the "PD hours" tab, arrow onto it, then on to the download button.
    await tabTo(page, frame, { text: 'Participation' });
    await page.keyboard.press('ArrowRight');
    await app().getByText(`Total: ${hours(PD_MINUTES)}`).waitFor();
    await tabTo(page, frame, { text: 'Download PD hours (CSV)' });
    const { filename, rows } = await downloadCsv(() => page.keyboard.press('Enter'));
    expect(filename).toMatch(/^pd-hours-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(Object.keys(rows[0]!)).toEqual([...HOURS_CSV]);
    const sam = rows.find((r) => r.name === 'Sam Okafor')!;
    expect(sam).toMatchObject({ user_id: teacher.userId, email: 'sam.okafor@example.edu', status: 'active', modules_completed: '1', pd_minutes: String(PD_MINUTES), pd_hours: String(PD_MINUTES / 60) });
    expect(rows.filter((r) => r.name !== 'Sam Okafor').every((r) => r.pd_minutes === '0')).toBe(true);
    // Announced through the shell's persistent live region.
    await eventually(async () => /Download started: pd-hours-/.test(await frame.locator('main > [role="alert"]').innerText()), 10_000, 'download announced');

    // The participation CSV too: one row per module, school and week, with the documented columns.
    await app().getByRole('tab', { name: 'Participation' }).click();
    const { rows: participation } = await downloadCsv(() => app().getByRole('button', { name: 'Download participation (CSV)' }).click());
    expect(Object.keys(participation[0]!)).toEqual([...PARTICIPATION_CSV]);
    expect(participation.find((r) => r.section === 'module' && r.label === MODULE_TITLE)).toMatchObject({ started: '1', completed: '1', pd_minutes: String(PD_MINUTES) });
    expect(participation.filter((r) => r.section === 'week')).toEqual([expect.objectContaining({ active_people: '1', steps_completed: '2', completed: '1' })]);

    await expectAccessible('reports-download');
    expect(errors).toEqual([]);
  });

  it('an admin opens the printable impact summary by keyboard and downloads its survey section as CSV', async () => {
    await openCohortReports();
    const frame = toolFrame(page);
    await tabTo(page, frame, { text: 'Open the printable impact summary' });
    await page.keyboard.press('Enter');
    await app().getByRole('heading', { level: 1, name: `PL impact summary: ${COHORT_TITLE}` }).waitFor();
    await toolFrame(page).waitForFunction((t) => document.activeElement?.textContent === t, `PL impact summary: ${COHORT_TITLE}`);
    for (const h of ['Goals', 'Participation', 'PD hours', 'Feedback health', 'Competency growth', 'What participants said about the PL']) {
      await app().getByRole('heading', { level: 2, name: h }).waitFor();
    }
    await app().getByText(`${hours(PD_MINUTES)} earned by 1 person.`).waitFor();
    await app().getByRole('img', { name: 'Was it useful? Was it relevant?' }).waitFor();
    await app().getByText(/^1 answer: 1 found the PL useful \(3 or 4 of 4\), 1 found it relevant/).waitFor();
    await app().getByRole('listitem').filter({ hasText: SUGGESTION }).waitFor();
    await expectAccessible('reports-impact');

    // Printed: the report only; chart tables shown, no buttons, no navigation.
    await page.emulateMedia({ media: 'print' });
    await app().getByRole('table', { name: 'Was it useful? Was it relevant?' }).waitFor();
    expect(await app().getByRole('button', { name: 'Print the summary' }).isVisible()).toBe(false);
    expect(await app().getByRole('link', { name: 'All reports for this cohort' }).isVisible()).toBe(false);
    await screenshot(page, 'reports-impact-print');
    await page.emulateMedia({ media: 'screen' });

    // Keyboard only: past the Print button to the survey section's download.
    await tabTo(page, frame, { text: 'Print the summary' });
    await tabTo(page, frame, { text: 'Download survey answers (CSV)' }, 120);
    const { filename, rows } = await downloadCsv(() => page.keyboard.press('Enter'));
    expect(filename).toMatch(/^impact-survey-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(Object.keys(rows[0]!)).toEqual([...IMPACT_CSV]);
    expect(rows.every((r) => r.section === 'survey')).toBe(true);
    const value = (key: string) => rows.find((r) => r.key === key)?.value;
    expect([value('responses'), value('useful:4'), value('relevant:3'), value('useful:1'), value('suggestion')]).toEqual(['1', '1', '1', '0', SUGGESTION]);
    await expectAccessible('reports-impact-download');
    expect(errors).toEqual([]);
  });

  it('an admin opens the feedback-health and competency-growth tabs (axe, table views)', async () => {
    await openCohortReports();
    await app().getByRole('tab', { name: 'Feedback health' }).click();
    await app().getByRole('heading', { level: 2, name: /^Feedback health, / }).waitFor();
    await app().getByRole('img', { name: 'Feedback quality, as authors rated it' }).waitFor();
    await app().getByRole('button', { name: 'Show as table: Feedback quality, as authors rated it' }).click();
    expect(await app().getByRole('table', { name: 'Feedback quality, as authors rated it' }).getByRole('row').count()).toBe(5); // header + answers 1–4
    await expectAccessible('reports-feedback');
    await app().getByRole('tab', { name: 'Competency growth' }).click();
    await app().getByRole('heading', { level: 2, name: /^Competency growth, / }).waitFor();
    await app().getByRole('button', { name: 'Download competency growth (CSV)' }).waitFor();
    await expectAccessible('reports-growth');
    expect(errors).toEqual([]);
  });
});
