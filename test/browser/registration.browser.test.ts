import type { Browser } from 'playwright-core';
import { axeViolations, collectErrors, launchChromium, screenshot } from '../helpers/browser';
import { startTestTool, type TestTool } from '../helpers/testTool';

jest.setTimeout(120_000);

describe('Dynamic Registration in a real browser, framed by the sandbox LMS', () => {
  let tool: TestTool;
  let browser: Browser;
  beforeAll(async () => {
    tool = await startTestTool();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await tool?.stop();
  });

  it('shows an accessible completion page whose button closes the LMS registration frame (org.imsglobal.lti.close)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${tool.url}/sandbox/register`);
    await page.getByLabel('Behave as').selectOption('moodle');
    await page.getByRole('button', { name: 'Add LTI Advantage tool' }).click();

    const frame = page.frameLocator('#registration-frame');
    await frame.getByRole('heading', { level: 1, name: 'Staffroom is registered' }).waitFor();
    await frame.getByText('Next step in Moodle').waitFor();
    await screenshot(page, 'registration-complete');
    expect(await axeViolations(page)).toEqual([]);

    await frame.getByRole('button', { name: 'Return to the LMS' }).click();
    await page.getByRole('status').filter({ hasText: 'The tool closed the registration' }).waitFor();
    expect(await page.locator('#registration-frame').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offers no return button when the completion page is opened on its own (no LMS window to close)', async () => {
    const start = await (await fetch(`${tool.url}/sandbox/registration-token`)).json();
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(start.registration_url);
    await page.getByRole('heading', { level: 1, name: 'Staffroom is registered' }).waitFor();
    expect(await page.getByRole('button', { name: 'Return to the LMS' }).count()).toBe(0);
    await context.close();
  });
});
