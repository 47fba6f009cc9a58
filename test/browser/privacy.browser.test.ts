import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { chromiumPerTest, sandboxMoves, tabTo, toolFrame } from '../helpers/browser';
import { call, sandboxSession } from '../helpers/courseFlow';
import { demoAudition, demoCohort } from '../helpers/demoCourse';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { protocol } from '../auditions/auditionFlow';
import { eventually } from '../roster/rosterFlow';
import { readZip } from '../privacy/zipReader';

jest.setTimeout(240_000);

const COHORT = 'Data rights 2026–27';
const AUDITION = 'Audition a lesson plan';

describe('data rights in a real browser: "My data" (export, who can see what) and an admin’s erasure', () => {
  let tool: TestTool;
  const chromium = chromiumPerTest({ acceptDownloads: true }, { noErrorsLeft: true });
  let page: Page;
  let errors: string[];
  let cohortId: string;

  beforeAll(async () => {
    tool = await startTestTool();
    const admin = await sandboxSession(tool, 'admin');
    // The admin's first launch queues a roster sync of the demo course; let it finish so it cannot re-add anyone later.
    await eventually(async () => (await call(tool, 'GET', '/api/roster/syncs/latest', admin)).body.sync?.status === 'succeeded', 60_000, 'first roster sync');
    cohortId = await demoCohort(tool, admin, COHORT);
    await demoAudition(tool, admin, await sandboxSession(tool, 'lead'), cohortId, { title: AUDITION, prompt: 'Share a plan.', protocol, anonymity: 'anonymous' });
    expect((await call(tool, 'PUT', `/api/cohorts/${cohortId}/privacy`, admin, { studentFileRetentionDays: 90 })).status).toBe(200);
  });
  afterAll(async () => {
    await tool?.stop();
  });

  beforeEach(() => void ({ page, errors } = chromium.current()));
  const { app, launch, openRoute, expectAccessible } = sandboxMoves(() => page, () => tool.url);

  it('a teacher opens "My data" from their home with the keyboard, sees who can see what, and downloads a ZIP with their profile', async () => {
    await launch('Sam Okafor');
    await app().getByRole('heading', { level: 1, name: 'My learning' }).waitFor();
    const frame = toolFrame(page);
    await tabTo(page, frame, { text: 'My data' });
    await page.keyboard.press('Enter');
    await app().getByRole('heading', { level: 1, name: 'My data' }).waitFor();

    // "Who can see what", from the cohort's and the audition's real settings.
    const table = app().getByRole('table', { name: 'Who can see each kind of your data' });
    const given = table.getByRole('row', { name: new RegExp(`Feedback you give colleagues.*${AUDITION}`) });
    expect(await given.innerText()).toContain('The author reads your feedback without your name');
    expect(await table.getByRole('row', { name: /Files you mark as showing students/ }).innerText()).toContain('Deleted automatically 90 days after upload');
    await expectAccessible('my-data');

    await tabTo(page, frame, { text: 'Download my data (ZIP)' });
    const downloading = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const file = await downloading;
    expect(file.suggestedFilename()).toMatch(/\.zip$/);
    const entries = readZip(await readFile((await file.path())!));
    const profile = JSON.parse(entries.get('profile.json')!.toString('utf8'));
    expect(profile).toMatchObject({ name: 'Sam Okafor', email: 'sam.okafor@example.edu' });
    expect(entries.get('README.txt')!.toString('utf8')).toContain('Who can see what');
    await app().getByText(/^Download started: /).first().waitFor();
    await expectAccessible('my-data-downloaded');
    expect(errors).toEqual([]);
  });

  it('an admin erases a person from the roster after a dialog that says what goes and what stays', async () => {
    await sandboxSession(tool, 'teacher-2'); // Lena Fischer has launched, so Staffroom holds her data
    await launch('Morgan Ellis');
    await openRoute(`/admin/cohorts/${cohortId}/roster`);
    await app().getByRole('heading', { level: 1, name: `Roster: ${COHORT}` }).waitFor();
    const members = app().getByRole('table', { name: /Members from your course/ });
    await members.getByRole('row', { name: /Lena Fischer/ }).waitFor();
    // Nobody is offered to erase themselves.
    expect(await members.getByRole('button', { name: 'Erase personal data of Morgan Ellis' }).count()).toBe(0);
    await expectAccessible('roster-with-erase');

    await members.getByRole('button', { name: 'Erase personal data of Lena Fischer' }).click();
    const dialog = app().getByRole('dialog', { name: 'Erase Lena Fischer’s personal data?' });
    await dialog.waitFor();
    const said = await dialog.innerText();
    expect(said).toContain('What goes');
    expect(said).toContain('What stays, anonymised');
    expect(said).toContain('their reviews of others’ work, shown as from “a former colleague”');
    await expectAccessible('erase-dialog');
    // Cancel first: nothing changes.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const before = await tool.db('users').where({ email: 'lena.fischer@example.edu' }).first('id', 'name');
    expect(before?.name).toBe('Lena Fischer'); // cancelling erased nothing

    await members.getByRole('button', { name: 'Erase personal data of Lena Fischer' }).click();
    await dialog.getByRole('button', { name: 'Erase for good' }).click();
    await app().getByText('Lena Fischer’s personal data is erased.', { exact: false }).first().waitFor();
    await members.getByRole('row', { name: /Lena Fischer/ }).waitFor({ state: 'detached' });
    const after = await tool.db('users').where({ id: before!.id }).first('name', 'email');
    expect(after).toEqual({ name: 'a former colleague', email: null });
    expect((await tool.db('audit_events').where({ action: 'person.data_erased', subject_id: before!.id })).length).toBe(1);
    await expectAccessible('roster-after-erase');
    expect(errors).toEqual([]);
  });
});
