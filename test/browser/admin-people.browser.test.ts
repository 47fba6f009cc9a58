import type { Page } from 'playwright-core';
import { startCanvasEmulator, type CanvasEmulator } from '../emulators/canvasApi';
import { axeViolations, chromiumPerTest, sandboxMoves, tabTo, toolFrame } from '../helpers/browser';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { call, sandboxSession } from '../helpers/courseFlow';
import { demoCohort } from '../helpers/demoCourse';
import { DEMO, eventually, sandboxCourse, type SyncJson } from '../roster/rosterFlow';

jest.setTimeout(180_000);

const CANVAS_TOKEN = '7~adminPeopleBrowserToken0123456789WXYZ';
const COHORT_TITLE = 'Learning visits 2026–27';

describe('admin people screens (roster, cohort progress, enrol staff) and the lead home, in a real browser', () => {
  let tool: TestTool;
  let canvas: CanvasEmulator;
  const chromium = chromiumPerTest();
  let page: Page;
  let errors: string[];
  let cohortId: string;
  let firstModule: { id: string; title: string; totalSteps: number };

  beforeAll(async () => {
    tool = await startTestTool();
    canvas = await startCanvasEmulator({ token: CANVAS_TOKEN });

    // The admin's first launch from the demo course queues its first roster sync; let it finish.
    const admin = await sandboxSession(tool, 'admin');
    await eventually(async () => ((await call<{ sync: SyncJson | null }>(tool, 'GET', '/api/roster/syncs/latest', admin)).body.sync?.status === 'succeeded'), 60_000, 'first roster sync');

    // A cohort from the built-in "Learning visits" template, made through the public API as the admin.
    cohortId = await demoCohort(tool, admin, COHORT_TITLE, 'learning-visits');

    // Sam Okafor (a teacher) completes the first step of the first module.
    const teacher = await sandboxSession(tool, 'teacher-1');
    const modules = (await call(tool, 'GET', `/api/cohorts/${cohortId}/modules`, teacher)).body.modules as { id: string; title: string; position: number }[];
    const first = modules.sort((a, b) => a.position - b.position)[0]!;
    const player = (await call(tool, 'GET', `/api/cohorts/${cohortId}/modules/${first.id}`, teacher)).body;
    firstModule = { id: first.id, title: first.title, totalSteps: player.steps.length };
    const done = await call(tool, 'PUT', `/api/cohorts/${cohortId}/modules/${first.id}/steps/${player.steps[0].stepId}/progress`, teacher, { status: 'complete' });
    expect(done.status).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await canvas?.stop();
    await tool?.stop();
  });

  beforeEach(() => void ({ page, errors } = chromium.current()));

  const { app, launch, openRoute, expectAccessible } = sandboxMoves(() => page, () => tool.url);

  it('an admin starts a roster sync with the keyboard alone: the progress bar finishes, the result is announced and the LMS members are listed', async () => {
    // The LMS now lists 60 more staff across pages of 20, and Tomás Rivera has left the course.
    const lms = sandboxCourse(tool, DEMO);
    await lms.settings({ pageSize: 20 });
    await lms.generate(60, 'staff');
    await lms.remove('sandbox-teacher-3');

    await launch('Morgan Ellis');
    await openRoute(`/admin/cohorts/${cohortId}/roster`);
    await app().getByRole('heading', { level: 1, name: `Roster: ${COHORT_TITLE}` }).waitFor();
    await app().getByText(/^Last synced /).waitFor();
    await expectAccessible('admin-roster');

    const frame = toolFrame(page);
    await tabTo(page, frame, { text: 'Sync now' });
    const started = page.waitForResponse((r) => r.url() === `${tool.url}/api/roster/sync` && r.request().method() === 'POST');
    await page.keyboard.press('Enter');
    expect((await started).status()).toBe(202);

    const bar = app().getByRole('progressbar', { name: 'Roster sync progress' });
    await bar.waitFor();
    await app().getByText('Finished: 64 members fetched from 4 pages').waitFor();
    expect(await bar.getAttribute('aria-valuenow')).toBe(await bar.getAttribute('aria-valuemax'));
    const result = 'Roster sync finished: 60 people added, 0 updated, 0 back, 1 left.';
    await app().getByText(result).first().waitFor();
    // Announced: the persistent live region of the shell carries the result.
    expect(await frame.locator('main > [role="alert"]').innerText()).toContain(result);

    const members = app().getByRole('table', { name: /Members from your course/ });
    for (const name of ['Morgan Ellis', 'Priya Raman', 'Sam Okafor', 'Lena Fischer', 'Staff member 1']) await members.getByRole('rowheader', { name: new RegExp(name) }).first().waitFor();
    const sam = members.getByRole('row', { name: /Sam Okafor/ });
    expect(await sam.innerText()).toMatch(/Teacher[\s\S]*Active/);
    // 65 people, 50 a page: the rest, Tomás Rivera (who left) among them, come with "Show more".
    expect(await members.getByRole('rowheader', { name: /Tomás Rivera/ }).count()).toBe(0);
    await app().getByRole('button', { name: 'Show more members' }).click();
    await members.getByRole('row', { name: /Tomás Rivera/ }).waitFor();
    // The last page came: the button is gone, focus moves to the list's heading and the new count is announced.
    await frame.waitForFunction(() => document.activeElement?.textContent === 'Members');
    expect(await frame.locator('main > [role="alert"]').innerText()).toContain('Showing 65 members.');
    expect(await members.getByRole('row', { name: /Tomás Rivera/ }).innerText()).toContain('Left the course');
    await expectAccessible('admin-roster-synced');
    expect(errors).toEqual([]);
  });

  it('says why a roster sync failed and what to do, and changes nothing, when the LMS refuses the roster', async () => {
    const lms = sandboxCourse(tool, DEMO);
    await lms.faults([{ kind: 'status', status: 403 }]);
    try {
      await launch('Morgan Ellis');
      await openRoute(`/admin/cohorts/${cohortId}/roster`);
      await app().getByRole('heading', { level: 1, name: `Roster: ${COHORT_TITLE}` }).waitFor();
      await app().getByRole('button', { name: 'Sync now' }).click();
      const failure = app().getByText(/^The roster sync failed: .*403.* The LMS refused to share the course roster\. .* Nothing in the roster was changed\.$/).first();
      await failure.waitFor();
      expect(await toolFrame(page).locator('main > [role="alert"]').innerText()).toMatch(/The roster sync failed/);
      await app().getByText(/^The last sync, .*, failed\.$/).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      // Still the same people: the failed sync marked nobody as having left.
      await app().getByRole('table', { name: /Members from your course/ }).getByRole('row', { name: /Sam Okafor/ }).waitFor();
    } finally {
      await lms.faults([]);
    }
  });

  it('an admin makes a teacher the facilitator of one module from the roster, and takes it back', async () => {
    await launch('Morgan Ellis');
    await openRoute(`/admin/cohorts/${cohortId}/roster`);
    await app().getByRole('heading', { level: 2, name: 'Module facilitators' }).waitFor();
    await app().getByRole('combobox', { name: 'Module' }).click();
    await app().getByRole('option', { name: firstModule.title }).click();
    await app().getByRole('combobox', { name: 'Person' }).click();
    await app().getByRole('option', { name: 'Sam Okafor' }).click();
    await app().getByRole('button', { name: 'Assign facilitator' }).click();
    await app().getByText(`Sam Okafor now facilitates “${firstModule.title}”.`).first().waitFor();
    const members = app().getByRole('table', { name: /Members from your course/ });
    await eventually(async () => (await members.getByRole('row', { name: /Sam Okafor/ }).innerText()).includes(firstModule.title), 10_000, 'facilitator shown');
    expect(await axeViolations(page)).toEqual([]);

    await app().getByRole('button', { name: `Remove Sam Okafor as facilitator of ${firstModule.title}` }).click();
    await app().getByText(`Sam Okafor no longer facilitates “${firstModule.title}”.`).first().waitFor();
    await eventually(async () => !(await members.getByRole('row', { name: /Sam Okafor/ }).innerText()).includes(firstModule.title), 10_000, 'facilitator removed');
    expect(errors).toEqual([]);
  });

  it('shows the cohort progress matrix: a teacher’s completed step as text, with a caption and per-module totals', async () => {
    await launch('Morgan Ellis');
    await openRoute(`/admin/cohorts/${cohortId}/progress`);
    await app().getByRole('heading', { level: 1, name: `Progress: ${COHORT_TITLE}` }).waitFor();
    const table = app().getByRole('table', { name: new RegExp(`^Progress in ${COHORT_TITLE}`) });
    await table.waitFor();
    await table.getByRole('columnheader', { name: firstModule.title }).waitFor();
    const sam = table.getByRole('row', { name: /Sam Okafor/ });
    expect(await sam.innerText()).toContain(`In progress\n1 of ${firstModule.totalSteps} steps`);
    const summary = table.getByRole('row', { name: /^All \d+ members/ });
    expect(await summary.innerText()).toMatch(/0% complete\s+0 complete, 1 in progress, \d+ not started/);
    await expectAccessible('admin-progress');

    // Filtering to teachers keeps Sam, drops the administrator.
    await app().getByRole('combobox', { name: 'Show' }).click();
    await app().getByRole('option', { name: 'Teachers', exact: true }).click();
    await table.getByRole('row', { name: /^All \d+ members/ }).waitFor();
    await eventually(async () => (await table.getByRole('rowheader', { name: /Morgan Ellis/ }).count()) === 0, 10_000, 'role filter');
    await table.getByRole('row', { name: /Sam Okafor/ }).waitFor();
    expect(errors).toEqual([]);
  });

  it('enrols staff into the Canvas course: saves the connection (token never shown back), reports a bad CSV row by row and field, enrols, and a second run is safe', async () => {
    canvas.addCourse(4242, DEMO); // Canvas finds the course as lti_context_id:demo-pl-cohort
    canvas.addUser({ name: 'Sam Okafor', email: 'sam.okafor@example.edu', loginId: 'sam.okafor@example.edu' });
    canvas.addUser({ name: 'Lena Fischer', email: 'lena.fischer@example.edu', loginId: 'lena.fischer@example.edu' });

    await launch('Morgan Ellis');
    await openRoute('/admin/enrol');
    await app().getByRole('heading', { level: 1, name: 'Enrol staff' }).waitFor();
    await app().getByRole('heading', { level: 2, name: 'LMS connection' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Moodle asks for its own address, token and role ids.
    await app().getByRole('combobox', { name: 'LMS' }).click();
    await app().getByRole('option', { name: 'Moodle' }).click();
    await app().getByLabel('Moodle web-service token').waitFor();
    await app().getByLabel('Moodle role id for teachers (students in the course)').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await app().getByRole('combobox', { name: 'LMS' }).click();
    await app().getByRole('option', { name: 'Canvas' }).click();

    await app().getByLabel('Canvas address').fill(canvas.url);
    await app().getByLabel('Canvas API access token').fill(CANVAS_TOKEN);
    await app().getByRole('button', { name: 'Check and save' }).click();
    await app().getByText('Connection saved. Canvas accepted the token of District Integration Admin.').first().waitFor();
    await app().getByText(/A token is saved \(ending in WXYZ\); it is never shown again/).waitFor();
    expect(await app().getByLabel('Canvas API access token').inputValue()).toBe('');
    expect(await toolFrame(page).locator('main').innerText()).not.toContain(CANVAS_TOKEN);

    const staff = app().getByLabel('Staff list (CSV)');
    await staff.fill('name,email,school,role\nSam Okafor,sam.okafor@example.edu,Riverside Primary,teacher\nBad Row,not-an-email,Riverside Primary,teacher\nLena Fischer,lena.fischer@example.edu,Hillcrest Secondary,lead');
    await app().getByRole('button', { name: 'Check list' }).click();
    await app().getByRole('heading', { level: 2, name: 'Check of the staff list' }).waitFor();
    const problems = app().getByRole('table', { name: 'Problems in the staff list (1)' });
    const problem = problems.getByRole('row', { name: /Row 3/ });
    expect(await problem.innerText()).toMatch(/Row 3\s+Email\s+/);
    await app().getByRole('table', { name: 'People ready to enrol (2)' }).waitFor();
    expect(await app().getByRole('button', { name: 'Enrol 2 people' }).isDisabled()).toBe(true);
    await expectAccessible('admin-enrol-preview');

    await staff.fill('name,email,school,role\nSam Okafor,sam.okafor@example.edu,Riverside Primary,teacher\nNew Person,new.person@district.org,Riverside Primary,teacher\nLena Fischer,lena.fischer@example.edu,Hillcrest Secondary,lead');
    await app().getByRole('button', { name: 'Check list' }).click();
    await app().getByText('No problems found.', { exact: false }).first().waitFor();
    await app().getByRole('button', { name: 'Enrol 3 people' }).click();
    await app().getByText('Enrolment finished: 2 enrolled, 1 not found in the LMS.').first().waitFor();
    const report = app().getByRole('table', { name: 'Outcome for each person (3)' });
    expect(await report.getByRole('row', { name: /Lena Fischer/ }).innerText()).toContain('Enrolled');
    expect(await report.getByRole('row', { name: /New Person/ }).innerText()).toContain('Not found in the LMS');
    expect(canvas.enrolledIn(4242).map((e) => e.type).sort()).toEqual(['StudentEnrollment', 'TeacherEnrollment']);
    await expectAccessible('admin-enrol-report');

    await app().getByRole('button', { name: 'Run the same list again' }).click();
    await app().getByText('Enrolment finished: 2 already enrolled, 1 not found in the LMS.').first().waitFor();
    expect(canvas.enrolledIn(4242)).toHaveLength(2);
    const recent = app().getByRole('table', { name: 'The latest enrolment runs of this course, newest first' });
    await eventually(async () => (await recent.getByRole('row', { name: /Finished/ }).count()) === 2, 10_000, 'both runs listed');
    expect(await recent.getByRole('row').nth(1).innerText()).toContain('3 people: 2 already enrolled, 1 not found in the LMS');

    // Or pick people Staffroom knows: the check lists them without any CSV.
    await app().getByRole('tab', { name: 'People Staffroom knows' }).click();
    await app().getByLabel('Search by name or email').fill('lena');
    await app().getByRole('button', { name: 'Search people' }).click();
    const lena = app().getByRole('checkbox', { name: /^Lena Fischer, lena\.fischer@example\.edu/ });
    await lena.focus();
    await page.keyboard.press('Space'); // InstUI draws its own box over the input: tick it as a keyboard user would
    expect(await lena.isChecked()).toBe(true);
    await app().getByRole('button', { name: 'Check list' }).click();
    const picked = app().getByRole('table', { name: 'People ready to enrol (1)' });
    expect(await picked.getByRole('row', { name: /Lena Fischer/ }).innerText()).toContain('lena.fischer@example.edu');
    expect(await axeViolations(page)).toEqual([]);

    // The roster now shows each enrolled member's school from the list.
    await openRoute(`/admin/cohorts/${cohortId}/roster`);
    const members = app().getByRole('table', { name: /Members from your course/ });
    expect(await members.getByRole('row', { name: /Sam Okafor/ }).innerText()).toContain('Riverside Primary');
    expect(await members.getByRole('row', { name: /Lena Fischer/ }).innerText()).toContain('Hillcrest Secondary');
    expect(errors).toEqual([]);
  });

  it('a lead teacher’s home lists the course’s cohorts and opens a cohort’s progress', async () => {
    await launch('Priya Raman');
    await app().getByRole('heading', { level: 1, name: 'Your lead-teacher workspace' }).waitFor();
    await app().getByRole('heading', { level: 2, name: 'Cohorts in this course' }).waitFor();
    await app().getByRole('link', { name: 'My learning' }).waitFor();
    const link = app().getByRole('link', { name: `Progress in ${COHORT_TITLE}` });
    await link.waitFor();
    await expectAccessible('lead-home');

    await link.click();
    await app().getByRole('heading', { level: 1, name: `Progress: ${COHORT_TITLE}` }).waitFor();
    await app().getByRole('table', { name: new RegExp(`^Progress in ${COHORT_TITLE}`) }).getByRole('row', { name: /Sam Okafor/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Leads see the roster and its last sync too, but only admins start a sync or assign facilitators.
    await app().getByRole('link', { name: 'Roster' }).click();
    await app().getByRole('heading', { level: 1, name: `Roster: ${COHORT_TITLE}` }).waitFor();
    await app().getByRole('table', { name: /Members from your course/ }).getByRole('row', { name: /Sam Okafor/ }).waitFor();
    await app().getByText(/^(Last synced |The last sync, )/).waitFor(); // the latest sync (an earlier test made it fail)
    expect(await app().getByRole('button', { name: 'Sync now' }).count()).toBe(0);
    expect(await app().getByRole('heading', { name: 'Module facilitators' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
