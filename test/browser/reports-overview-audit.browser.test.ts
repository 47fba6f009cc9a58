import type { Page } from 'playwright-core';
import { chromiumPerTest } from '../helpers/browser';
import type { TestTool } from '../helpers/testTool';
import { eventually } from '../roster/rosterFlow';
import { COHORT_TITLE, EXTRA_DEPLOYMENTS, hours, PD_MINUTES, reportsMoves, startReportsWorld } from './reportsBrowser';

jest.setTimeout(240_000);

describe('the overview of all cohorts, the audit log and who may read reports, in a real browser', () => {
  let tool: TestTool;
  let deploymentIds: string[];
  const chromium = chromiumPerTest({ acceptDownloads: true });
  let page: Page;
  let errors: string[];
  const { app, launch, openRoute, expectAccessible } = reportsMoves(() => page, () => tool);

  beforeAll(async () => {
    ({ tool, deploymentIds } = await startReportsWorld({ auditEvents: true }));
  }, 240_000);
  afterAll(async () => {
    await tool?.stop();
  });
  beforeEach(() => void ({ page, errors } = chromium.current()));

  it('an admin reads the overview of all cohorts (chart with table view and CSV)', async () => {
    await launch('Morgan Ellis');
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
    await launch('Morgan Ellis');
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
    await launch('Priya Raman');
    await openRoute('/reports');
    await app().getByRole('link', { name: `Reports for ${COHORT_TITLE}` }).waitFor();
    expect(await app().getByRole('link', { name: 'Open the audit log' }).count()).toBe(0);
    await openRoute('/reports/audit');
    await app().getByRole('heading', { level: 1, name: 'The audit log is for administrators' }).waitFor();
    await expectAccessible('reports-lead-audit');
    expect(errors).toEqual([]);
  });

  it('a teacher who opens #/reports is told reports are for course leaders', async () => {
    await launch('Sam Okafor');
    await app().getByRole('heading', { level: 1, name: 'My learning' }).waitFor();
    await openRoute('/reports');
    await app().getByRole('heading', { level: 1, name: 'Reports are for course leaders' }).waitFor();
    expect(await app().getByRole('img', { name: 'Weekly activity' }).count()).toBe(0);
    await expectAccessible('reports-participant');
    expect(errors).toEqual([]);
  });
});
