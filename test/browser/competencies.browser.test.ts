import fs from 'node:fs';
import { createLocalJWKSet, jwtVerify } from 'jose';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { DEMO_CONTEXT, findPersona } from '../../lti-tool/src/sandbox/sandbox.personas';
import { eventually, PASSBACK_TEST_ENV, sandboxAgs } from '../grades/gradesFlow';
import { axeViolations, chromiumPerTest, screenshot, toolFrame } from '../helpers/browser';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { demo, tabTo } from '../competencies/competencyBrowser';
import { buildFramework, call, linkFramework, rate, type Who } from '../competencies/competencyFlow';

jest.setTimeout(240_000);

const COHORT = 'Collaboration 2026–27';

describe('competency screens: a lead works the grading queue and rates, the teacher sees it, the heatmap and the LMS gradebook follow', () => {
  let tool: TestTool;
  const chromium = chromiumPerTest();
  let page: Page;
  let errors: string[];
  let admin: Who;
  let lead: Who;
  let sam: Who;
  let frameworkId: string;
  let cohortId: string;
  let ids: Awaited<ReturnType<typeof buildFramework>>['ids'];

  beforeAll(async () => {
    tool = await startTestTool(PASSBACK_TEST_ENV);
    admin = await demo(tool, 'admin');
    lead = await demo(tool, 'lead');
    sam = await demo(tool, 'teacher-1');
    const lena = await demo(tool, 'teacher-2');
    const created = await call(tool, 'POST', '/api/cohorts', admin, { title: COHORT });
    expect(created.status).toBe(201);
    cohortId = created.body.id;
    // Schools come from enrolment (docs/enrolment.md); the sandbox course has none, so the test records them.
    await tool.db('memberships').where({ user_id: sam.userId }).update({ school: 'Riverside Primary' });
    await tool.db('memberships').where({ user_id: lena.userId }).update({ school: 'Hillcrest Secondary' });
    const framework = await buildFramework(tool, admin, 'Collaborative practice');
    ids = framework.ids;
    frameworkId = framework.frameworkId;
    await linkFramework(tool, admin, cohortId, {
      frameworkId: framework.frameworkId,
      competencies: [ids.col, ids.plan, ids.feedback].map((competencyId) => ({ competencyId, reportsToGradebook: true })),
    });
    // The queue, oldest first: Sam's evidence for COL.2, then 25 pieces from Lena (more than a page).
    const evidence = (who: Who, competencyId: string, title: string) =>
      call(tool, 'POST', `/api/cohorts/${cohortId}/competencies/${competencyId}/evidence`, who, { title, text: `${title}: notes.` });
    expect((await evidence(sam, ids.feedback, 'Feedback on a colleague’s plan')).status).toBe(201);
    for (let i = 1; i <= 25; i++) await evidence(lena, ids.feedback, `Lena’s feedback log ${i}`);
  });
  afterAll(async () => {
    await tool?.stop();
  });

  let context: BrowserContext;
  beforeEach(() => void ({ context, page, errors } = chromium.current()));
  afterEach(async () => {
    expect(errors).toEqual([]);
    await context.close();
  });

  const app = (): FrameLocator => page.frameLocator('#tool-frame');
  const main = () => app().locator('main');

  async function launch(name: string, route: string): Promise<void> {
    await page.goto(`${tool.url}/sandbox`);
    await page.getByRole('button', { name: `Launch as ${name}` }).click();
    await app().getByRole('banner').getByText(`Signed in as ${name}`).waitFor();
    await toolFrame(page).evaluate((hash) => void (location.hash = hash), `#${route}`);
  }

  async function expectAccessible(name: string): Promise<void> {
    await screenshot(page, name);
    expect(await axeViolations(page)).toEqual([]);
  }

  it('a teacher sees their profile and what the next level looks like, then requests a review with their own evidence', async () => {
    await launch('Sam Okafor', '/competencies');
    await app().getByRole('heading', { level: 1, name: 'Competencies' }).waitFor();
    await expectAccessible('competencies-home-teacher');
    await app().getByRole('link', { name: `My competencies in ${COHORT}` }).click();
    await app().getByRole('heading', { level: 1, name: `My competencies: ${COHORT}` }).waitFor();
    expect(await app().getByTestId('profile-summary').innerText()).toBe('Rated in 0 of 2 competencies; proficient in 0.');
    const row = app().getByRole('row', { name: /COL\.1 Plans with colleagues/ });
    expect(await row.innerText()).toContain('Not rated yet');
    expect(await row.innerText()).toContain('Beginning'); // the next level
    await expectAccessible('my-competencies');

    await app().getByRole('link', { name: 'COL.1 Plans with colleagues' }).click();
    await app().getByRole('heading', { level: 1, name: 'COL.1 Plans with colleagues' }).waitFor();
    await app().getByText('Beginning (1 point)').waitFor();
    // A missing title is reported on its field, and nothing is sent.
    await app().getByRole('textbox', { name: 'Your evidence', exact: true }).fill('We co-planned the fractions unit.');
    await app().getByRole('button', { name: 'Request a review' }).click();
    await app().getByText('Give your evidence a short title.').waitFor();
    await app().getByRole('textbox', { name: /^Title of your evidence/ }).fill('Co-planned unit with the Year 4 team');
    await app().getByRole('textbox', { name: 'Note to the lead teacher (optional)' }).fill('I think I am there now.');
    await app().getByRole('button', { name: 'Request a review' }).click();
    await app().getByText('Review requested for COL.1 Plans with colleagues.', { exact: false }).first().waitFor();
    await app().getByText('You asked for a review.', { exact: false }).waitFor();
    await app().getByRole('heading', { level: 3, name: 'Co-planned unit with the Year 4 team' }).waitFor();
    await app().getByRole('heading', { level: 2, name: 'Add evidence' }).waitFor(); // one pending request at a time
    await expectAccessible('my-competency-review-requested');
  });

  it('a lead works the queue (oldest first, “Show more”, filters), rates COL.1 with the keyboard alone and COL.2 with the mouse; the heatmap updates', async () => {
    await launch('Priya Raman', '/competencies');
    await app().getByRole('heading', { level: 1, name: 'Competencies' }).waitFor();
    await expectAccessible('competencies-home-lead');

    // The heatmap before any rating: nobody rated, in words too.
    await app().getByRole('link', { name: `Heatmap for ${COHORT}` }).click();
    await app().getByRole('heading', { level: 1, name: `Competency heatmap: ${COHORT}` }).waitFor();
    expect(await app().getByRole('row', { name: /Sam Okafor/ }).innerText()).not.toContain('Proficient');
    expect(await app().getByTestId('heatmap-summary').innerText()).toContain('COL.1 Plans with colleagues: 5 not rated yet. 0 of 5 proficient.');
    await expectAccessible('heatmap-before');

    await app().getByRole('link', { name: 'All cohorts' }).click();
    await app().getByRole('link', { name: `Grading queue for ${COHORT}` }).click();
    await app().getByRole('heading', { level: 1, name: `Grading queue: ${COHORT}` }).waitFor();
    const links = app().locator('main table tbody a');
    await app().getByRole('table', { name: /Waiting for a rating, oldest first \(25 shown, more to come\)/ }).waitFor();
    expect(await links.first().innerText()).toBe('Review Sam Okafor, COL.2');
    expect(await links.nth(1).innerText()).toBe('Review Lena Fischer, COL.2');
    await expectAccessible('grading-queue');
    await app().getByRole('button', { name: 'Show more' }).click();
    await app().getByRole('table', { name: 'Waiting for a rating, oldest first (27)' }).waitFor();
    expect(await links.last().innerText()).toBe('Review Sam Okafor, COL.1'); // the review request, newest
    expect(await app().getByRole('button', { name: 'Show more' }).count()).toBe(0);
    // Focus moved to the first new item.
    // (focus moves once the new rows have rendered: wait for it rather than read it at once, the machine may be busy)
    await toolFrame(page).waitForFunction(() => document.activeElement?.textContent === 'Review Lena Fischer, COL.2', undefined, { timeout: 10_000 });

    await app().getByRole('combobox', { name: 'School' }).click();
    await app().getByRole('option', { name: 'Riverside Primary' }).click();
    await app().getByRole('table', { name: 'Waiting for a rating, oldest first (2)' }).waitFor();
    await app().getByRole('combobox', { name: 'Competency' }).click();
    await app().getByRole('option', { name: 'COL.1 Plans with colleagues' }).click();
    await app().getByRole('table', { name: 'Waiting for a rating, oldest first (1)' }).waitFor();
    expect(await app().getByRole('row', { name: /Sam Okafor/ }).innerText()).toContain('Review requested');
    await expectAccessible('grading-queue-filtered');

    // The person-competency view: evidence timeline, the request's note, and the rating form.
    await app().getByRole('link', { name: 'Review Sam Okafor, COL.1' }).click();
    await app().getByRole('heading', { level: 1, name: 'Sam Okafor: COL.1 Plans with colleagues' }).waitFor();
    await app().getByText('Sam Okafor asked for a review: “I think I am there now.”').waitFor();
    await app().getByRole('heading', { level: 3, name: 'Co-planned unit with the Year 4 team' }).waitFor();
    expect(await app().getByRole('checkbox', { name: /Co-planned unit with the Year 4 team/ }).isChecked()).toBe(true);
    await expectAccessible('person-competency');

    // The rating with the keyboard alone: into the level radios, arrows to Proficient, a comment, Enter on Save.
    const frame = toolFrame(page);
    await tabTo(page, frame, 'input[type="radio"][name="rating-level"]');
    await page.keyboard.press('ArrowDown'); // Developing
    await page.keyboard.press('ArrowDown'); // Proficient
    expect(await app().getByRole('radio', { name: /^Proficient/ }).isChecked()).toBe(true);
    await tabTo(page, frame, 'textarea');
    await page.keyboard.type('Plans units with the team every week.');
    await tabTo(page, frame, 'button[type="submit"]', 'Save rating');
    await page.keyboard.press('Enter');
    await app().getByText('Rating saved: Proficient for COL.1 Plans with colleagues. Sam Okafor’s level is now Proficient.').first().waitFor();
    expect(await app().getByTestId('current-level').innerText()).toBe('Proficient');
    const history = app().getByRole('table', { name: 'Ratings of Sam Okafor for COL.1, newest first' });
    expect(await history.innerText()).toContain('Plans units with the team every week.');
    expect(await history.innerText()).toContain('Priya Raman');
    await expectAccessible('person-competency-rated');

    // Back in the queue, COL.1 is done; COL.2 with the mouse.
    await app().getByRole('link', { name: 'Back to the grading queue' }).click();
    await app().getByRole('link', { name: 'Review Sam Okafor, COL.2' }).click();
    await app().getByRole('heading', { level: 1, name: 'Sam Okafor: COL.2 Gives feedback' }).waitFor();
    await app().getByText('Developing (2 points)').click(); // the label, as a mouse user would
    await app().getByRole('textbox', { name: /^Comment/ }).fill('Feedback is kind; make it more specific.');
    await app().getByRole('button', { name: 'Save rating' }).click();
    await app().getByText('Sam Okafor’s level is now Developing.', { exact: false }).first().waitFor();
    await app().getByRole('link', { name: 'Back to the grading queue' }).click();
    await app().getByRole('table', { name: /\(25\)/ }).waitFor(); // Lena's 25 are left
    expect(await main().innerText()).not.toContain('Review Sam Okafor');

    // The heatmap now shows Sam's levels, by short name and in words; COL rolls up to the lowest child.
    await app().getByRole('link', { name: 'Heatmap for this cohort' }).click();
    await app().getByRole('heading', { level: 1, name: `Competency heatmap: ${COHORT}` }).waitFor();
    const samRow = app().getByRole('row', { name: /Sam Okafor/ });
    expect(await samRow.locator('td').nth(0).innerText()).toMatch(/^D\s*Developing$/); // COL
    expect(await samRow.locator('td').nth(1).innerText()).toMatch(/^P\s*Proficient$/); // COL.1
    expect(await samRow.locator('td').nth(2).innerText()).toMatch(/^D\s*Developing$/); // COL.2
    const summary = await app().getByTestId('heatmap-summary').innerText();
    expect(summary).toContain('COL.1 Plans with colleagues: 1 Proficient, 4 not rated yet. 1 of 5 proficient.');
    expect(summary).toContain('COL.2 Gives feedback: 1 Developing, 4 not rated yet. 0 of 5 proficient.');
    await expectAccessible('heatmap-after');
  });

  it('the teacher sees their profile change, and the LMS gradebook received the mastery with the comment', async () => {
    await launch('Sam Okafor', `/competencies/cohorts/${cohortId}/mine`);
    await app().getByRole('heading', { level: 1, name: `My competencies: ${COHORT}` }).waitFor();
    expect(await app().getByTestId('profile-summary').innerText()).toBe('Rated in 2 of 2 competencies; proficient in 1.');
    const row = await app().getByRole('row', { name: /COL\.1 Plans with colleagues/ }).innerText();
    expect(row).toContain('Proficient');
    expect(row).toContain('Exemplary'); // what comes next
    await app().getByRole('link', { name: 'COL.1 Plans with colleagues' }).click();
    await app().getByRole('heading', { level: 1, name: 'COL.1 Plans with colleagues' }).waitFor();
    expect(await app().getByRole('table', { name: 'Your ratings for COL.1, newest first' }).innerText()).toContain('Plans units with the team every week.');
    await app().getByRole('heading', { level: 2, name: 'Request a review' }).waitFor(); // the request was resolved
    await expectAccessible('my-competency-rated');

    const lineItems = await eventually(async () => {
      const items = await sandboxAgs(tool).listLineItems(DEMO_CONTEXT.id, { resourceId: `staffroom-competency:${cohortId}:${ids.plan}`, offset: 0, limit: 10 });
      return items.length ? items : null;
    });
    expect(lineItems[0]).toMatchObject({ label: 'COL.1 Plans with colleagues', scoreMaximum: 4, tag: `staffroom-competency:${ids.plan}` });
    const scores = await eventually(async () => {
      const s = await sandboxAgs(tool).scores({ lineItemId: lineItems[0]!.id });
      return s.length ? s : null;
    });
    expect(scores).toEqual([
      expect.objectContaining({ userId: findPersona('teacher-1')!.sub, scoreGiven: 3, scoreMaximum: 4, comment: 'Proficient. Plans units with the team every week.', outcome: 'accepted' }),
    ]);
  });
  it('an admin imports a framework (every bad row reported, nothing written), edits its tree and links it to a cohort', async () => {
    const second = await call(tool, 'POST', '/api/cohorts', admin, { title: 'Reflective practice group' });
    expect(second.status).toBe(201);
    const before = (await call(tool, 'GET', '/api/competency-frameworks', admin)).body.frameworks.length;
    await launch('Morgan Ellis', '/competencies');
    await app().getByRole('link', { name: 'Competency frameworks' }).click();
    await app().getByRole('heading', { level: 1, name: 'Competency frameworks' }).waitFor();
    await app().getByRole('row', { name: /Collaborative practice/ }).waitFor();
    await expectAccessible('frameworks');
    await app().getByRole('link', { name: 'import a framework from a CSV or CASE file' }).click();
    await app().getByRole('heading', { level: 1, name: 'Import a framework' }).waitFor();
    await expectAccessible('framework-import');

    const header = 'kind,identifier,parent_identifier,title,description,points,counts_as_proficient,level:Proficient';
    const bad = [header, 'domain,REF,,Reflection,,,,', 'competency,REF.1,REF,Reflects on lessons,,,,Reflects weekly.', 'competency,REF.1,REF,The same code again,,,,', 'competency,REF.2,NOPE,Under nothing,,,,'].join('\n');
    await app().locator('input[type="file"]').setInputFiles({ name: 'reflection.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await app().getByText('Read reflection.csv.', { exact: false }).waitFor();
    await app().getByRole('textbox', { name: 'Framework name (optional)' }).fill('Reflective practice');
    await app().getByRole('button', { name: 'Import' }).click();
    const report = app().getByRole('table', { name: 'Problems in the file' });
    await report.waitFor();
    expect(await report.getByRole('row', { name: /^4 / }).count()).toBeGreaterThan(0); // the duplicate code
    expect(await report.getByRole('row', { name: /^5 / }).count()).toBeGreaterThan(0); // the unknown parent
    expect((await call(tool, 'GET', '/api/competency-frameworks', admin)).body.frameworks).toHaveLength(before);
    await expectAccessible('framework-import-report');

    const good = [header, 'domain,REF,,Reflection,,,,', 'competency,REF.1,REF,Reflects on lessons,,,,Reflects weekly.'].join('\n');
    await app().getByRole('textbox', { name: 'Framework (CSV text)' }).fill(good);
    await app().getByRole('button', { name: 'Import' }).click();
    await app().getByRole('heading', { level: 1, name: 'Reflective practice' }).waitFor();
    await app().getByText('Imported “Reflective practice” with 2 competencies.').first().waitFor();
    await app().getByRole('combobox', { name: 'Under' }).click();
    await app().getByRole('option', { name: 'REF Reflection' }).click();
    await app().getByRole('textbox', { name: /^Code/ }).fill('REF.2');
    await app().getByRole('textbox', { name: /^Title/ }).fill('Learns from peers');
    await app().getByRole('button', { name: 'Add to the framework' }).click();
    await app().getByText('Added REF.2.').first().waitFor();
    expect(await app().getByTestId('framework-tree').innerText()).toContain('REF.2 Learns from peers');
    await expectAccessible('framework-editor');

    await toolFrame(page).evaluate((hash) => void (location.hash = hash), `#/competencies/cohorts/${second.body.id}/settings`);
    await app().getByRole('heading', { level: 1, name: 'Competency settings: Reflective practice group' }).waitFor();
    await app().getByRole('combobox', { name: 'Framework' }).click();
    await app().getByRole('option', { name: 'Reflective practice' }).click();
    await app().getByText('Report REF.1 to the gradebook').click();
    await expectAccessible('cohort-competency-settings');
    await app().getByRole('button', { name: 'Link the framework to this cohort' }).click();
    await app().getByText('Saved. The cohort uses “Reflective practice”.').first().waitFor();
    const linked = await call(tool, 'GET', `/api/cohorts/${second.body.id}/competencies`, admin);
    expect(linked.body.framework.title).toBe('Reflective practice');
    expect((linked.body.competencies as { identifier: string; reportsToGradebook: boolean }[]).filter((c) => c.reportsToGradebook).map((c) => c.identifier)).toEqual(['REF.1']);
    // Only the refused import was an error (Chromium logs each 422).
    expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
    errors.length = 0;
  });

  it('an admin renames a framework and changes its description with the keyboard alone; an empty name is refused', async () => {
    await launch('Morgan Ellis', `/competencies/frameworks/${frameworkId}`);
    await app().getByRole('heading', { level: 1, name: 'Collaborative practice' }).waitFor();
    const frame = toolFrame(page);
    await tabTo(page, frame, 'button', 'Edit name and description');
    await page.keyboard.press('Enter');
    // The form opens with the focus on the name.
    await app().getByRole('textbox', { name: /^Framework name/ }).waitFor();
    expect(await frame.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('Collaborative practice');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await tabTo(page, frame, 'button[type="submit"]', 'Save name and description');
    await page.keyboard.press('Enter');
    await app().getByText('Give the framework a name.').waitFor();
    expect((await call(tool, 'GET', `/api/competency-frameworks/${frameworkId}`, admin)).body.title).toBe('Collaborative practice');
    await expectAccessible('framework-details-error');

    await app().getByRole('textbox', { name: /^Framework name/ }).focus();
    await page.keyboard.type('Collaborative practice 2026–27');
    await page.keyboard.press('Tab');
    await page.keyboard.type('What colleagues do together, from planning to feedback.');
    await tabTo(page, frame, 'button[type="submit"]', 'Save name and description');
    await page.keyboard.press('Enter');
    await app().getByRole('heading', { level: 1, name: 'Collaborative practice 2026–27' }).waitFor();
    await app().getByText('Saved the name and description.').first().waitFor();
    expect(await app().getByTestId('framework-description').innerText()).toBe('What colleagues do together, from planning to feedback.');
    // Focus is back on the button that opened the form.
    expect(await frame.evaluate(() => (document.activeElement as HTMLElement).innerText.trim())).toBe('Edit name and description');
    expect((await call(tool, 'GET', `/api/competency-frameworks/${frameworkId}`, admin)).body).toMatchObject({ title: 'Collaborative practice 2026–27', description: 'What colleagues do together, from planning to feedback.' });
    await expectAccessible('framework-details-saved');
  });

  describe('certificates', () => {
    let certCohort: string;
    beforeAll(async () => {
      const created = await call(tool, 'POST', '/api/cohorts', admin, { title: 'Certified practice' });
      certCohort = created.body.id;
      await linkFramework(tool, admin, certCohort, {
        frameworkId,
        credentialTitle: 'Collaborative practitioner',
        competencies: [ids.col, ids.plan, ids.feedback].map((competencyId) => ({ competencyId, inCredential: competencyId !== ids.col })),
      });
      await rate(tool, lead, certCohort, sam.userId, ids.plan, 'Proficient', 'Plans with the team.');
      expect((await rate(tool, lead, certCohort, sam.userId, ids.feedback, 'Exemplary')).body.certificateIssued).toBe(true);
    });

    it('a teacher opens their certificate, prints it (print CSS: the certificate only) and downloads the Open Badge as JSON (keyboard) and as a signed JWT', async () => {
      await launch('Sam Okafor', '/competencies');
      await app().getByRole('heading', { level: 2, name: 'My certificates' }).waitFor();
      await app().getByRole('link', { name: 'Collaborative practitioner (Certified practice)' }).click();
      await app().getByRole('heading', { level: 1, name: 'Certificate: Collaborative practitioner' }).waitFor();
      expect(await app().getByTestId('certificate-award').innerText()).toMatch(/^Awarded to Sam Okafor on \d{1,2} \w+ \d{4} for proficiency in every competency of the credential of the cohort “Certified practice”\.$/);
      const table = app().getByRole('table', { name: 'Competencies of the certificate (2)' });
      expect(await table.getByRole('row', { name: /COL\.1 Plans with colleagues/ }).innerText()).toContain('Proficient');
      expect(await table.getByRole('row', { name: /COL\.2 Gives feedback/ }).innerText()).toContain('Exemplary');
      expect(await app().getByTestId('certificate-hours').innerText()).toBe('Professional learning: 0 hours.');
      const certificate = (await call(tool, 'GET', `/api/cohorts/${certCohort}/people/me/certificate`, sam)).body.certificate;
      expect(await app().getByTestId('certificate-verification').innerText()).toContain(`Certificate ${certificate.id}, issued by Staffroom`);
      expect(await app().getByTestId('certificate-verification').innerText()).toContain('/.well-known/jwks.json');
      await expectAccessible('certificate');

      await page.emulateMedia({ media: 'print' });
      expect(await app().getByRole('button', { name: 'Print the certificate' }).isVisible()).toBe(false);
      expect(await app().locator('header').first().isVisible()).toBe(false);
      expect(await app().getByRole('link', { name: 'All cohorts' }).isVisible()).toBe(false);
      expect(await app().getByRole('heading', { level: 1, name: 'Certificate: Collaborative practitioner' }).isVisible()).toBe(true);
      await screenshot(page, 'certificate-print');
      await page.emulateMedia({ media: 'screen' });

      const frame = toolFrame(page);
      await tabTo(page, frame, 'button', 'Download the Open Badge (JSON)');
      const json = page.waitForEvent('download');
      await page.keyboard.press('Enter');
      const jsonFile = await json;
      expect(jsonFile.suggestedFilename()).toBe(`certificate-${certificate.id}.json`);
      const credential = JSON.parse(fs.readFileSync((await jsonFile.path())!, 'utf8'));
      expect(credential).toMatchObject({ type: ['VerifiableCredential', 'OpenBadgeCredential'], name: 'Collaborative practitioner', credentialSubject: { id: `urn:uuid:${sam.userId}` } });
      const jwt = page.waitForEvent('download');
      await app().getByRole('button', { name: 'Download the signed Open Badge (JWT)' }).click();
      const { payload } = await jwtVerify(fs.readFileSync((await (await jwt).path())!, 'utf8').trim(), createLocalJWKSet(await tool.services.toolKeys.publicJwks()));
      expect(payload).toMatchObject({ sub: `urn:uuid:${sam.userId}`, name: 'Collaborative practitioner' });
    });

    it('a lead sees who holds the cohort’s certificate and opens one', async () => {
      await launch('Priya Raman', '/competencies');
      await app().getByRole('link', { name: 'Certificates for Certified practice' }).click();
      await app().getByRole('heading', { level: 1, name: 'Certificates: Certified practice' }).waitFor();
      const holders = app().getByRole('table', { name: 'Certificate holders in Certified practice (1)' });
      expect(await holders.getByRole('row', { name: /Sam Okafor/ }).innerText()).toContain('Riverside Primary');
      await expectAccessible('certificate-holders');
      await app().getByRole('link', { name: 'Certificate of Sam Okafor' }).click();
      await app().getByRole('heading', { level: 1, name: 'Certificate: Collaborative practitioner' }).waitFor();
      await app().getByRole('link', { name: 'Certificate holders' }).waitFor();
      await expectAccessible('certificate-lead-view');
    });
  });
});
