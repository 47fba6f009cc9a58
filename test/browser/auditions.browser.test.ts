import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumPerTest, focusedText, sandboxMoves, tabTo, toolFrame } from '../helpers/browser';
import { call, sandboxSession } from '../helpers/courseFlow';
import { demoAudition, demoCohort } from '../helpers/demoCourse';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { protocol, queueOf, submitWork } from '../auditions/auditionFlow';
import { pdf } from '../attachments/fixtures';
import { eventually } from '../helpers/eventually';

jest.setTimeout(240_000);

const TITLE = 'Audition a lesson plan';
const REVIEWERS = ['Lena Fischer', 'Tomás Rivera'];
// A small upload limit, so the too-big file of the journey stays small.
const MAX_BYTES = 256 * 1024;

describe('peer-feedback auditions in a real browser', () => {
  let tool: TestTool;
  const chromium = chromiumPerTest({ acceptDownloads: true }, { noErrorsLeft: true });
  let attachmentsDir: string;
  let page: Page;
  let errors: string[];
  let auditionId: string;
  let base: string;

  beforeAll(async () => {
    attachmentsDir = await mkdtemp(path.join(os.tmpdir(), 'staffroom-audition-files-'));
    tool = await startTestTool({ ATTACHMENTS_DIR: attachmentsDir, ATTACHMENTS_MAX_BYTES: String(MAX_BYTES) });
    // The demo course gets a cohort and a module with an audition step, and the lead sets the audition up.
    const admin = await sandboxSession(tool, 'admin');
    const cohortId = await demoCohort(tool, admin, 'Planning together 2026–27');
    auditionId = await demoAudition(tool, admin, await sandboxSession(tool, 'lead'), cohortId, {
      title: TITLE, prompt: 'Share a plan you will teach next week.', protocol,
      reviewersPerSubmission: 2, anonymity: 'anonymous', mode: 'rolling', acceptedParts: ['text', 'link', 'attachment'],
      calibration: {
        work: { text: 'Example: a persuasive-writing lesson with a model paragraph.' },
        context: { gradeLevel: 'Year 7', subject: 'English', students: '30 students', feedbackWanted: 'Is the model clear?' },
        answers: { ratings: { clarity: 2 }, comments: { strength: 'The model paragraph is a good anchor.', suggestion: 'State the goal at the start.' } },
      },
    });
    base = `/api/cohorts/${cohortId}/auditions/${auditionId}`;
    // Lena and Tomás have already submitted their own work, so they are in the reviewer pool.
    for (const persona of ['teacher-2', 'teacher-3']) {
      expect((await submitWork(tool, await sandboxSession(tool, persona), base, `Work of ${persona}`)).status).toBe(201);
    }
  });
  afterAll(async () => {
    await tool?.stop();
    if (attachmentsDir) await rm(attachmentsDir, { recursive: true, force: true });
  });

  beforeEach(() => void ({ page, errors } = chromium.current()));
  const { app, main, launch, openRoute, expectAccessible, saved } = sandboxMoves(() => page, () => tool.url);

  /** The author's pages must never name a reviewer (the audition is anonymous to the author). */
  async function expectNoReviewerNames(): Promise<void> {
    const text = await main().innerText();
    for (const name of REVIEWERS) expect(text).not.toContain(name);
  }

  it('A submits with context, B (keyboard only) and C review anonymously, A rates and resubmits, and the lead sees the whole history', async () => {
    // Teacher A (Sam) opens the auditions index and the audition.
    await launch('Sam Okafor');
    await openRoute('/auditions');
    await app().getByRole('heading', { level: 1, name: 'Auditions' }).waitFor();
    await app().getByText('Nobody is waiting for your feedback right now', { exact: false }).waitFor();
    expect(await app().getByRole('table', { name: 'Your auditions' }).innerText()).toContain('Not started');
    await expectAccessible('auditions-index-teacher');
    await app().getByRole('link', { name: TITLE }).click();
    await app().getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await app().getByText('Share a plan you will teach next week.').waitFor();
    await expectAccessible('audition-empty-form');

    // The work with its classroom context, autosaved, then submitted as version 1.
    await app().getByRole('textbox', { name: /^Your work/ }).fill('Fractions on a number line: warm-up, paired task, exit ticket.');
    await app().getByRole('button', { name: 'Add a link' }).click();
    await app().getByRole('textbox', { name: 'Link 1 address' }).fill('https://example.org/fractions-slides');
    await app().getByRole('textbox', { name: /^Link 1 name/ }).fill('Slides');
    // Files: the rules and the consent reminder come first; a wrong-type and a too-big file are refused with
    // the reason; a file attached by mistake is removed; the plan (a small PDF) stays attached.
    const files = app().getByRole('group', { name: /Files/ });
    expect(await files.innerText()).toContain('Up to 256 KB each');
    expect(await files.innerText()).toContain('Don’t include student-identifying material');
    const fileInput = files.locator('input[type="file"]');
    await fileInput.setInputFiles({ name: 'plan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><body>not a PDF</body></html>') });
    await files.getByText('“plan.pdf” was not uploaded: The file is named like a pdf file but its content is text.', { exact: false }).waitFor();
    await fileInput.setInputFiles({ name: 'lesson-video.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([pdf(), Buffer.alloc(MAX_BYTES)]) });
    await files.getByText('“lesson-video.pdf” is too big: files can be up to 256 KB.', { exact: false }).waitFor();
    await expectAccessible('audition-file-errors');
    await fileInput.setInputFiles({ name: 'Draft by mistake.pdf', mimeType: 'application/pdf', buffer: pdf() });
    await files.getByText('“Draft by mistake.pdf” is attached.', { exact: false }).waitFor();
    await fileInput.setInputFiles({ name: 'Fractions plan.pdf', mimeType: 'application/pdf', buffer: pdf() });
    await files.getByText('“Fractions plan.pdf” is attached.', { exact: false }).waitFor();
    await files.getByRole('button', { name: 'Remove Draft by mistake.pdf' }).click();
    await files.getByText('“Draft by mistake.pdf” is removed from your work.').waitFor();
    expect(await files.getByRole('list', { name: 'Attached files' }).innerText()).not.toContain('Draft by mistake.pdf');
    // The list lets go at once; the upload's DELETE finishes a moment later.
    await eventually(async () => (await tool.db('attachments').where({ filename: 'Draft by mistake.pdf' }).first()) === undefined);
    await expectAccessible('audition-file-attached');
    await app().getByRole('textbox', { name: /^Grade level/ }).fill('Year 4');
    await app().getByRole('textbox', { name: /^Subject/ }).fill('Fractions');
    await app().getByRole('textbox', { name: /^The students/ }).fill('27 pupils, 5 learning English');
    await app().getByRole('textbox', { name: /^What I have tried/ }).fill('Fraction walls last term');
    await app().getByRole('textbox', { name: /^The feedback I would like/ }).fill('Does the exit ticket show who understood?');
    await saved();
    const stored = await call(tool, 'GET', `${base}/submission`, await sandboxSession(tool, 'teacher-1'));
    expect(stored.body.submission.draft.context.gradeLevel).toBe('Year 4');
    await app().getByRole('button', { name: 'Submit for feedback' }).click();
    await app().getByText('Version 1 is submitted', { exact: false }).first().waitFor();
    expect(await app().getByRole('progressbar', { name: 'Feedback on version 1' }).getAttribute('value')).toBe('0');
    const v1 = (await call(tool, 'GET', `${base}/submission`, await sandboxSession(tool, 'teacher-1'))).body.submission.versions[0];
    expect(v1.work.attachmentIds).toHaveLength(1);
    await app().getByText('0 of 2 reviews in', { exact: false }).waitFor();
    await expectAccessible('audition-submitted');

    // Teacher B (Lena) reviews Sam's work with the keyboard alone, from "My learning".
    await launch('Lena Fischer');
    await app().getByRole('heading', { level: 1, name: 'My learning' }).waitFor();
    let frame = toolFrame(page);
    await tabTo(page, frame, { selector: 'a', text: 'Open your feedback queue' });
    await page.keyboard.press('Enter');
    await app().getByRole('heading', { level: 1, name: 'Auditions' }).waitFor();
    await expectAccessible('auditions-index-reviewer');
    const linkName = `Give feedback: ${TITLE}, Fractions, Year 4`;
    await app().getByRole('link', { name: linkName }).waitFor();
    frame = toolFrame(page);
    await tabTo(page, frame, { selector: 'a', text: linkName });
    await page.keyboard.press('Enter');
    await app().getByRole('heading', { level: 1, name: `Feedback for Sam Okafor: ${TITLE}` }).waitFor();
    // Context first, then the work, then the protocol.
    const reviewText = await main().innerText();
    expect(reviewText.indexOf('The classroom context')).toBeLessThan(reviewText.indexOf('The work'));
    expect(reviewText.indexOf('The work')).toBeLessThan(reviewText.indexOf('Clear learning goal'));
    expect(reviewText).toContain('27 pupils, 5 learning English');
    await expectAccessible('review-form');
    // The reviewer downloads the attached plan.
    const fileLink = app().getByRole('link', { name: 'Download Fractions plan.pdf' });
    await fileLink.waitFor();
    const downloaded = page.waitForEvent('download');
    await fileLink.click();
    const file = await downloaded;
    expect(file.suggestedFilename()).toBe('Fractions plan.pdf');
    expect((await readFile((await file.path())!)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    frame = toolFrame(page);
    await tabTo(page, frame, 'input[type="radio"]');
    await page.keyboard.press('Space'); // level 1
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown'); // level 3
    await page.keyboard.press('Tab');
    expect(await frame.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.type('The exit ticket asks one clear question.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Add a worked example before the paired task.');
    await saved();
    await tabTo(page, frame, { selector: 'button', text: 'Send my feedback' });
    await page.keyboard.press('Enter');
    await app().getByText('You sent this feedback. Thank you!').waitFor();
    expect(await main().innerText()).toContain('Secure (3 of 4)');
    await expectAccessible('review-sent');

    // Teacher C (Tomás) practises on the lead's example first, then reviews with the mouse.
    await launch('Tomás Rivera');
    await openRoute('/auditions');
    await app().getByRole('link', { name: linkName }).click();
    await app().getByRole('heading', { level: 1, name: `Feedback for Sam Okafor: ${TITLE}` }).waitFor();
    await app().getByRole('link', { name: 'Try a practice review first' }).click();
    await app().getByRole('heading', { level: 1, name: 'Practice review' }).waitFor();
    await app().getByText('Example: a persuasive-writing lesson', { exact: false }).waitFor();
    await app().getByRole('radiogroup', { name: /Clear learning goal/ }).getByLabel(/^3\. Secure/).check({ force: true });
    await app().getByRole('textbox', { name: /^A strength/ }).fill('Clear model.');
    await app().getByRole('textbox', { name: /^A suggestion/ }).fill('Share the goal.');
    await app().getByRole('button', { name: 'Compare with the lead' }).click();
    const comparison = app().getByTestId('comparison');
    await comparison.waitFor();
    expect(await comparison.getByRole('row', { name: /Clear learning goal/ }).innerText()).toMatch(/3\s+2\s+1 higher/);
    expect(await comparison.innerText()).toContain('The model paragraph is a good anchor.');
    await expectAccessible('calibration');
    await toolFrame(page).evaluate(() => history.back());
    await app().getByRole('heading', { level: 1, name: `Feedback for Sam Okafor: ${TITLE}` }).waitFor();
    await app().getByRole('radiogroup', { name: /Clear learning goal/ }).getByLabel(/^4\. Leading/).check({ force: true });
    await app().getByRole('textbox', { name: /^A strength/ }).fill('Pupils will know the goal.');
    await app().getByRole('textbox', { name: /^A suggestion/ }).fill('Try mini whiteboards for the warm-up.');
    await app().getByRole('button', { name: 'Send my feedback' }).click();
    await app().getByText('You sent this feedback. Thank you!').waitFor();

    // Sam is notified in-app of both reviews: the header's count, the list (keyboard), a link to the feedback.
    await launch('Sam Okafor');
    const banner = app().getByRole('banner');
    await banner.getByRole('button', { name: 'Notifications (2 new)' }).waitFor();
    frame = toolFrame(page);
    await tabTo(page, frame, { selector: 'button', text: 'Notifications (2 new)' });
    await page.keyboard.press('Enter');
    await banner.getByRole('heading', { name: 'Notifications: 2 new notifications' }).waitFor();
    expect(await banner.getByRole('button', { name: 'Notifications (2 new)' }).getAttribute('aria-expanded')).toBe('true');
    const notes = banner.getByTestId('notification');
    expect(await notes.count()).toBe(2);
    expect(await notes.nth(0).innerText()).toContain(`You have new feedback on “${TITLE}”.`);
    await expectNoReviewerNames();
    expect(await banner.innerText()).not.toMatch(/Lena|Tomás/);
    await expectAccessible('notifications-open');
    await tabTo(page, frame, { selector: 'a', text: 'Read the feedback' });
    await page.keyboard.press('Escape'); // closes the list, focus back on the button
    await banner.getByRole('heading', { name: /^Notifications:/ }).waitFor({ state: 'hidden' });
    expect(await focusedText(frame)).toBe('Notifications (2 new)');
    await page.keyboard.press('Enter');
    await notes.nth(1).getByRole('button', { name: /^Mark as read/ }).click();
    await banner.getByRole('button', { name: 'Notifications (1 new)' }).waitFor();
    await banner.locator('[role="status"]', { hasText: 'You have 1 new notification.' }).waitFor({ state: 'attached' });
    await notes.nth(0).getByRole('link', { name: 'Read the feedback' }).click();
    await app().getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await banner.getByRole('button', { name: 'Notifications', exact: true }).waitFor();
    const samId = (await tool.db('users').where({ name: 'Sam Okafor' }).first('id')).id;
    // Marking as read is optimistic in the header, so the stored state is awaited.
    await eventually(async () => (await tool.db('notifications').where({ user_id: samId, kind: 'feedback_received' }).whereNull('read_at')).length === 0);

    // Sam sees both reviews without names, rates them, and revises.
    await app().getByText('2 of 2 reviews in', { exact: false }).waitFor();
    const items = app().getByTestId('feedback-item');
    expect(await items.count()).toBe(2);
    expect(await items.nth(0).innerText()).toContain('Add a worked example before the paired task.');
    await expectNoReviewerNames();
    await expectAccessible('feedback-received');
    for (const [i, thanks] of ['Thank you, very useful!', ''].entries()) {
      const item = items.nth(i);
      await item.getByRole('radiogroup', { name: 'Specific and actionable' }).getByLabel('4 Very much').check({ force: true });
      await item.getByRole('radiogroup', { name: 'Supportive' }).getByLabel('3 Mostly').check({ force: true });
      if (thanks) await item.getByRole('textbox', { name: /thank-you note/ }).fill(thanks);
      await item.getByRole('button', { name: 'Save my rating' }).click();
      await item.getByText('Your rating is saved', { exact: false }).first().waitFor();
    }
    await expectAccessible('feedback-rated');

    await app().getByRole('button', { name: 'Revise your work' }).click();
    await app().getByRole('heading', { level: 2, name: 'Revise your work (version 2)' }).waitFor();
    expect(await app().getByRole('textbox', { name: /^Grade level/ }).inputValue()).toBe('Year 4'); // the draft carries over
    await app().getByRole('textbox', { name: /^Your work/ }).fill('Fractions on a number line: warm-up, worked example, paired task, exit ticket.');
    await app().getByRole('textbox', { name: /^What I changed/ }).fill('Added a worked example before the paired task.');
    await saved();
    await expectAccessible('audition-revise');
    await app().getByRole('button', { name: 'Submit version 2' }).click();
    await app().getByText('Version 2 is submitted', { exact: false }).first().waitFor();
    await app().getByTestId('version-2').waitFor();
    await expectNoReviewerNames();
    // Both reviewers are invited to look again.
    for (const persona of ['teacher-2', 'teacher-3']) {
      const open = await queueOf(tool, await sandboxSession(tool, persona), auditionId);
      expect(open.map((r) => r.kind)).toContain('look_again');
    }

    // The lead sees the overview, reassigns a review, the whole history and the feedback-quality record.
    await launch('Priya Raman');
    await openRoute('/auditions');
    await app().getByRole('heading', { level: 1, name: 'Auditions' }).waitFor();
    await expectAccessible('auditions-index-lead');
    await app().getByRole('link', { name: `Overview of ${TITLE}` }).click();
    await app().getByRole('heading', { level: 1, name: `Overview: ${TITLE}` }).waitFor();
    expect(await app().getByTestId('overview-submission').count()).toBe(3);
    await app().getByRole('progressbar', { name: 'Reviews of Sam Okafor’s work' }).waitFor();
    await expectAccessible('lead-overview');
    await app().getByRole('link', { name: 'Whole history of Sam Okafor’s work' }).click();
    await app().getByRole('heading', { level: 1, name: 'Sam Okafor’s work: the whole history' }).waitFor();
    await app().getByTestId('version-1').waitFor();
    await app().getByTestId('version-2').waitFor();
    const historyText = await main().innerText();
    expect(historyText).toContain('Reviews of version 1');
    for (const name of REVIEWERS) expect(historyText).toContain(name);
    expect(historyText).toContain('Sam Okafor rated it 4 of 4 for specific and actionable, 3 of 4 for supportive.');
    expect(historyText).toContain('Thank you, very useful!');
    await expectAccessible('lead-history');
    await app().getByRole('link', { name: 'Back to the overview' }).click();
    await app().getByRole('link', { name: 'See the feedback-quality record' }).click();
    await app().getByRole('heading', { level: 1, name: 'Feedback quality' }).waitFor();
    const quality = app().getByRole('table', { name: 'Each reviewer’s feedback-quality record' });
    expect(await quality.getByRole('row', { name: /Lena Fischer/ }).innerText()).toContain('4 of 4');
    await expectAccessible('lead-quality');
    await app().getByRole('link', { name: 'Back to the overview' }).click();
    await app().getByRole('button', { name: 'Reassign Sam Okafor’s review' }).first().click();
    await app().getByText('review is taken back', { exact: false }).or(app().getByText('went to the next person', { exact: false })).first().waitFor();
    await expectAccessible('lead-reassigned');

    // Expected refusals: stale autosaves (409) and the wrong-type upload (422) the journey sends on purpose.
    expect(errors.filter((e) => !/status of 409/.test(e) && !/\/api\/attachments\?purpose=audition-submission: .*status of 422/.test(e))).toEqual([]);
    errors.length = 0;
  });
});
