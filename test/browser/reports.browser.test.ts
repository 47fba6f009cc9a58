import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { HOURS_CSV, IMPACT_CSV, PARTICIPATION_CSV } from '../../lti-tool/src/reports/reports.routes';
import { axeViolations, chromiumPerTest, screenshot, toolFrame } from '../helpers/browser';
import { api, launchAs } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { call, publishModule, type Who } from '../modules/moduleFlow';
import { eventually } from '../roster/rosterFlow';

jest.setTimeout(240_000);

const OPERATOR_TOKEN = 'reports-browser-operator-token-0123456789abcdef';
const COHORT_TITLE = 'Learning visits 2026–27';
const MODULE_TITLE = 'Reports check-in';
const PD_MINUTES = 90;
const SUGGESTION = 'More time to plan with my team';
const EXTRA_DEPLOYMENTS = 27; // more than one page (25) of the audit log

/** A sandbox persona's API session (the demo course), as the sandbox LMS would launch them. */
async function sandboxSession(tool: TestTool, persona: string): Promise<Who> {
  const { token } = await launchAs(tool, persona);
  if (!token) throw new Error(`no session for ${persona}`);
  const me = (await call(tool, 'GET', '/api/me', { token, userId: '', contextId: '' })).body;
  return { token, userId: me.user.id, contextId: me.context.id };
}

/** "1.5 hours", as the screens write PD hours. */
const hours = (minutes: number) => `${Math.round((minutes / 60) * 100) / 100} ${minutes === 60 ? 'hour' : 'hours'}`;

describe('cohort reports and the audit log, in a real browser', () => {
  let tool: TestTool;
  const chromium = chromiumPerTest({ acceptDownloads: true });
  let page: Page;
  let errors: string[];
  let cohortId: string;
  let teacher: Who;
  let deploymentIds: string[];

  beforeAll(async () => {
    tool = await startTestTool({ OPERATOR_TOKEN });

    // The admin's first launch queues the demo course's roster sync: let it finish so the people are stable.
    const admin = await sandboxSession(tool, 'admin');
    await eventually(async () => (await call(tool, 'GET', '/api/roster/syncs/latest', admin)).body.sync?.status === 'succeeded', 60_000, 'first roster sync');

    // A cohort from the "Learning visits" template, plus a short module of the admin's own.
    const templates = (await call(tool, 'GET', '/api/cohort-templates', admin)).body.templates as { id: string; key: string | null }[];
    const created = await call(tool, 'POST', '/api/cohorts', admin, { templateId: templates.find((t) => t.key === 'learning-visits')!.id, title: COHORT_TITLE });
    expect(created.status).toBe(201);
    cohortId = created.body.id;
    const mod = await publishModule(tool, admin, cohortId, {
      title: MODULE_TITLE,
      pdMinutes: PD_MINUTES,
      steps: [
        { kind: 'read', title: 'Read the brief', estimatedMinutes: 10, content: { markdown: 'What the **data** says.' } },
        { kind: 'read', title: 'Watch the clip', estimatedMinutes: 10, content: { markdown: 'A short clip.' } },
      ],
    });

    // Sam Okafor (a teacher) completes the module: its PD time is credited.
    teacher = await sandboxSession(tool, 'teacher-1');
    for (const stepId of mod.stepIds) {
      const done = await call(tool, 'PUT', `/api/cohorts/${cohortId}/modules/${mod.moduleId}/steps/${stepId}/progress`, teacher, { status: 'complete' });
      expect(done.status).toBe(200);
    }
    // Sam's end-of-module survey answer (the survey step's own flow is tested with the player).
    await tool.db('survey_responses').insert({ user_id: teacher.userId, step_id: randomUUID(), cohort_id: cohortId, module_id: mod.moduleId, useful: 4, relevant: 3, suggestion: SUGGESTION });

    // Audit events: the operator adds deployments to the sandbox's registration (the admin's platform).
    const platforms = await api(tool, '/api/operator/platforms', OPERATOR_TOKEN);
    const sandbox = ((await platforms.json()) as { platforms: { id: string; issuer: string }[] }).platforms.find((p) => p.issuer === tool.services.sandbox!.identity.issuer)!;
    deploymentIds = Array.from({ length: EXTRA_DEPLOYMENTS }, (_, i) => `reports-deployment-${i + 1}`);
    for (const deploymentId of deploymentIds) {
      const res = await api(tool, `/api/operator/platforms/${sandbox.id}/deployments`, OPERATOR_TOKEN, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deploymentId }) });
      expect(res.status).toBe(201);
    }
  }, 240_000);
  afterAll(async () => {
    await tool?.stop();
  });

  let context: BrowserContext;
  beforeEach(() => void ({ context, page, errors } = chromium.current()));
  afterEach(async () => {
    await context?.close();
  });

  const app = (): FrameLocator => page.frameLocator('#tool-frame');

  async function launchFromSandbox(name: string): Promise<void> {
    await page.goto(`${tool.url}/sandbox`);
    await page.getByRole('button', { name: `Launch as ${name}` }).click();
    await app().getByRole('banner').getByText(`Signed in as ${name}`).waitFor();
  }

  async function openRoute(route: string): Promise<void> {
    await toolFrame(page).evaluate((hash) => void (location.hash = hash), `#${route}`);
  }

  /** Presses Tab (the keyboard alone) until the focused element in the tool frame reads `text`. */
  async function tabInFrameToText(frame: Frame, text: string, maxTabs = 60): Promise<void> {
    for (let i = 0; i < maxTabs; i++) {
      await page.keyboard.press('Tab');
      if (await frame.evaluate((t) => document.hasFocus() && (document.activeElement as HTMLElement | null)?.innerText.trim() === t, text)) return;
    }
    throw new Error(`"${text}" not reached in the tool frame after ${maxTabs} presses of Tab`);
  }

  async function expectAccessible(name: string): Promise<void> {
    await screenshot(page, name);
    expect(await axeViolations(page)).toEqual([]);
  }

  it('an admin opens a cohort’s reports: weekly activity and module completion with summaries and table views, and the total PD hours', async () => {
    await launchFromSandbox('Morgan Ellis');
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
    await launchFromSandbox('Morgan Ellis');
    await openRoute(`/reports/cohorts/${cohortId}`);
    await app().getByRole('heading', { level: 1, name: `Reports: ${COHORT_TITLE}` }).waitFor();
    const frame = toolFrame(page);
    // Keyboard only: to the "PD hours" tab, arrow onto it, then on to the download button.
    await tabInFrameToText(frame, 'Participation');
    await page.keyboard.press('ArrowRight');
    await app().getByText(`Total: ${hours(PD_MINUTES)}`).waitFor();
    await tabInFrameToText(frame, 'Download PD hours (CSV)');
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^pd-hours-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parse(fs.readFileSync((await file.path())!, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...HOURS_CSV]);
    const sam = rows.find((r) => r.name === 'Sam Okafor')!;
    expect(sam).toMatchObject({ user_id: teacher.userId, email: 'sam.okafor@example.edu', status: 'active', modules_completed: '1', pd_minutes: String(PD_MINUTES), pd_hours: String(PD_MINUTES / 60) });
    expect(rows.filter((r) => r.name !== 'Sam Okafor').every((r) => r.pd_minutes === '0')).toBe(true);
    // Announced through the shell's persistent live region.
    await eventually(async () => /Download started: pd-hours-/.test(await frame.locator('main > [role="alert"]').innerText()), 10_000, 'download announced');

    // The participation CSV too: one row per module, school and week, with the documented columns.
    await app().getByRole('tab', { name: 'Participation' }).click();
    const second = page.waitForEvent('download');
    await app().getByRole('button', { name: 'Download participation (CSV)' }).click();
    const participation = parse(fs.readFileSync((await (await second).path())!, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(participation[0]!)).toEqual([...PARTICIPATION_CSV]);
    expect(participation.find((r) => r.section === 'module' && r.label === MODULE_TITLE)).toMatchObject({ started: '1', completed: '1', pd_minutes: String(PD_MINUTES) });
    expect(participation.filter((r) => r.section === 'week')).toEqual([expect.objectContaining({ active_people: '1', steps_completed: '2', completed: '1' })]);

    await expectAccessible('reports-download');
    expect(errors).toEqual([]);
  });

  it('an admin opens the printable impact summary by keyboard and downloads its survey section as CSV', async () => {
    await launchFromSandbox('Morgan Ellis');
    await openRoute(`/reports/cohorts/${cohortId}`);
    await app().getByRole('heading', { level: 1, name: `Reports: ${COHORT_TITLE}` }).waitFor();
    const frame = toolFrame(page);
    await tabInFrameToText(frame, 'Open the printable impact summary');
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
    await tabInFrameToText(frame, 'Print the summary');
    await tabInFrameToText(frame, 'Download survey answers (CSV)', 120);
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^impact-survey-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parse(fs.readFileSync((await file.path())!, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...IMPACT_CSV]);
    expect(rows.every((r) => r.section === 'survey')).toBe(true);
    const value = (key: string) => rows.find((r) => r.key === key)?.value;
    expect([value('responses'), value('useful:4'), value('relevant:3'), value('useful:1'), value('suggestion')]).toEqual(['1', '1', '1', '0', SUGGESTION]);
    await expectAccessible('reports-impact-download');
    expect(errors).toEqual([]);
  });

  it('an admin opens the feedback-health and competency-growth tabs (axe, table views)', async () => {
    await launchFromSandbox('Morgan Ellis');
    await openRoute(`/reports/cohorts/${cohortId}`);
    await app().getByRole('heading', { level: 1, name: `Reports: ${COHORT_TITLE}` }).waitFor();
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

  it('an admin reads the overview of all cohorts (chart with table view and CSV)', async () => {
    await launchFromSandbox('Morgan Ellis');
    await openRoute('/reports');
    await app().getByRole('link', { name: 'Open the overview of all cohorts' }).click();
    await app().getByRole('heading', { level: 1, name: 'Overview of all cohorts' }).waitFor();
    await app().getByText(`PD hours in total: ${hours(PD_MINUTES)}`).waitFor();
    const table = app().getByRole('table', { name: 'Cohorts of this LMS connection' });
    expect(await table.getByRole('row', { name: new RegExp(COHORT_TITLE) }).innerText()).toContain(hours(PD_MINUTES));
    await app().getByRole('button', { name: 'Show as table: Participants and completion by cohort' }).click();
    await app().getByRole('table', { name: 'Participants and completion by cohort' }).waitFor();
    await expectAccessible('reports-overview');
    expect(errors).toEqual([]);
  });

  it('an admin reads the audit log in plain words, filters it by action and pages with “Show more”', async () => {
    await launchFromSandbox('Morgan Ellis');
    await openRoute('/reports');
    await app().getByRole('link', { name: 'Open the audit log' }).click();
    await app().getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    const log = app().getByRole('table', { name: /^Audit log/ });
    const newest = deploymentIds[deploymentIds.length - 1]!;
    await log.getByRole('row', { name: new RegExp(`A deployment \\(${newest}\\) was added`) }).waitFor();
    expect(await log.getByRole('row', { name: new RegExp(newest) }).innerText()).toContain('The Staffroom operator');
    await expectAccessible('reports-audit');

    await app().getByRole('combobox', { name: 'Action' }).click();
    await app().getByRole('option', { name: 'Deployment added' }).click();
    await app().getByRole('table', { name: 'Audit log: Deployment added' }).waitFor();
    await eventually(async () => (await log.getByRole('row').count()) === 26, 10_000, 'first page of 25 events');
    await app().getByRole('button', { name: 'Show more events' }).click();
    await eventually(async () => (await log.getByRole('row').count()) === EXTRA_DEPLOYMENTS + 1, 10_000, 'all events');
    await log.getByRole('row', { name: /A deployment \(reports-deployment-1\) was added/ }).waitFor();
    expect(await app().getByRole('button', { name: 'Show more events' }).count()).toBe(0);
    await expectAccessible('reports-audit-all');
    expect(errors).toEqual([]);
  });

  it('a lead teacher sees the cohort reports but is told the audit log is for administrators', async () => {
    await launchFromSandbox('Priya Raman');
    await openRoute('/reports');
    await app().getByRole('link', { name: `Reports for ${COHORT_TITLE}` }).waitFor();
    expect(await app().getByRole('link', { name: 'Open the audit log' }).count()).toBe(0);
    await openRoute('/reports/audit');
    await app().getByRole('heading', { level: 1, name: 'The audit log is for administrators' }).waitFor();
    await expectAccessible('reports-lead-audit');
    expect(errors).toEqual([]);
  });

  it('a teacher who opens #/reports is told reports are for course leaders', async () => {
    await page.goto(`${tool.url}/sandbox`);
    await page.getByRole('button', { name: 'Launch as Sam Okafor' }).click();
    await app().getByRole('heading', { level: 1, name: 'My learning' }).waitFor();
    await openRoute('/reports');
    await app().getByRole('heading', { level: 1, name: 'Reports are for course leaders' }).waitFor();
    expect(await app().getByRole('img', { name: 'Weekly activity' }).count()).toBe(0);
    await expectAccessible('reports-participant');
    expect(errors).toEqual([]);
  });
});
