import fs from 'node:fs';
import { createLocalJWKSet, jwtVerify } from 'jose';
import type { Page } from 'playwright-core';
import { chromiumPerTest, focusedText, sandboxMoves, screenshot, tabTo, toolFrame } from '../helpers/browser';
import { call, type Launched } from '../helpers/courseFlow';
import { startCompetencyWorld, type CompetencyWorld } from '../helpers/demoCourse';
import type { TestTool } from '../helpers/testTool';
import { linkFramework, rate } from '../competencies/competencyFlow';

jest.setTimeout(240_000);

describe('competency screens: an admin imports, edits and links frameworks; certificates follow proficiency', () => {
  let tool: TestTool;
  const chromium = chromiumPerTest({}, { noErrorsLeft: true });
  let page: Page;
  let errors: string[];
  let admin: Launched;
  let lead: Launched;
  let sam: Launched;
  let frameworkId: string;
  let ids: CompetencyWorld['ids'];

  beforeAll(async () => {
    ({ tool, admin, lead, sam, frameworkId, ids } = await startCompetencyWorld());
  });
  afterAll(async () => {
    await tool?.stop();
  });

  beforeEach(() => void ({ page, errors } = chromium.current()));
  const { app, launch, openRoute, expectAccessible } = sandboxMoves(() => page, () => tool.url);

  it('an admin imports a framework (every bad row reported, nothing written), edits its tree and links it to a cohort', async () => {
    const second = await call(tool, 'POST', '/api/cohorts', admin, { title: 'Reflective practice group' });
    expect(second.status).toBe(201);
    const before = (await call(tool, 'GET', '/api/competency-frameworks', admin)).body.frameworks.length;
    await launch('Morgan Ellis', { route: '/competencies' });
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

    await openRoute(`/competencies/cohorts/${second.body.id}/settings`);
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
    await launch('Morgan Ellis', { route: `/competencies/frameworks/${frameworkId}` });
    await app().getByRole('heading', { level: 1, name: 'Collaborative practice' }).waitFor();
    const frame = toolFrame(page);
    await tabTo(page, frame, { selector: 'button', text: 'Edit name and description' });
    await page.keyboard.press('Enter');
    // The form opens with the focus on the name.
    await app().getByRole('textbox', { name: /^Framework name/ }).waitFor();
    expect(await frame.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('Collaborative practice');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await tabTo(page, frame, { selector: 'button[type="submit"]', text: 'Save name and description' });
    await page.keyboard.press('Enter');
    await app().getByText('Give the framework a name.').waitFor();
    expect((await call(tool, 'GET', `/api/competency-frameworks/${frameworkId}`, admin)).body.title).toBe('Collaborative practice');
    await expectAccessible('framework-details-error');

    await app().getByRole('textbox', { name: /^Framework name/ }).focus();
    await page.keyboard.type('Collaborative practice 2026–27');
    await page.keyboard.press('Tab');
    await page.keyboard.type('What colleagues do together, from planning to feedback.');
    await tabTo(page, frame, { selector: 'button[type="submit"]', text: 'Save name and description' });
    await page.keyboard.press('Enter');
    await app().getByRole('heading', { level: 1, name: 'Collaborative practice 2026–27' }).waitFor();
    await app().getByText('Saved the name and description.').first().waitFor();
    expect(await app().getByTestId('framework-description').innerText()).toBe('What colleagues do together, from planning to feedback.');
    // Focus is back on the button that opened the form.
    expect(await focusedText(frame)).toBe('Edit name and description');
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
      await launch('Sam Okafor', { route: '/competencies' });
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
      await tabTo(page, frame, { selector: 'button', text: 'Download the Open Badge (JSON)' });
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
      await launch('Priya Raman', { route: '/competencies' });
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
