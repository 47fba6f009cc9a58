import type { Page } from 'playwright-core';
import { axeViolations, sandboxBrowserFile, screenshot, tabTo, toolFrame } from '../helpers/browser';
import type { TestTool } from '../helpers/testTool';

jest.setTimeout(120_000);

describe('placing a Staffroom item in the course through deep linking, in a real browser', () => {
  const file = sandboxBrowserFile();
  const { app } = file;
  let tool: TestTool;
  let page: Page;
  let errors: string[];
  beforeEach(() => void ({ tool, page, errors } = file.current()));

  async function openSandbox(): Promise<void> {
    await page.goto(`${tool.url}/sandbox`);
    await page.getByRole('heading', { level: 1, name: 'Staffroom sandbox LMS' }).waitFor();
  }

  async function contentSelectionAs(name: string): Promise<void> {
    await openSandbox();
    await page.getByLabel('Content selection (deep linking)').check();
    await page.getByRole('button', { name: `Launch as ${name}` }).click();
  }

  it('an admin picks "My learning" with the keyboard alone, the LMS adds the link, and a teacher launching it lands on My learning', async () => {
    await contentSelectionAs('Morgan Ellis');
    await app().getByRole('heading', { level: 1, name: 'Add Staffroom to your course' }).waitFor();
    await app().getByRole('radio', { name: /^My learning/ }).waitFor();
    await screenshot(page, 'deep-linking-picker');
    expect(await axeViolations(page)).toEqual([]);

    // Adding without a choice says what is missing and puts focus on the list.
    const frame = toolFrame(page);
    await tabTo(page, frame, 'button[type="submit"]', 30);
    await page.keyboard.press('Enter');
    await app().getByText('Choose an item to add, or cancel.').waitFor();
    expect(await frame.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('home');
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press('ArrowDown'); // radios: arrow keys choose the next item
    expect(await app().getByRole('radio', { name: /^My learning/ }).isChecked()).toBe(true);
    await tabTo(page, frame, 'button[type="submit"]', 30);
    const posted = page.waitForRequest((r) => r.url() === `${tool.url}/sandbox/deep-link-return` && r.method() === 'POST');
    await page.keyboard.press('Enter');

    // The SPA auto-posts the signed answer as JWT to the return URL, inside the frame.
    expect(Object.keys(Object.fromEntries(new URLSearchParams((await posted).postData() ?? '')))).toEqual(['JWT']);
    await app().getByRole('heading', { level: 1, name: 'Link added to the course: My learning' }).waitFor();
    expect(toolFrame(page).url()).toBe(`${tool.url}/sandbox/deep-link-return`);
    expect(await axeViolations(page)).toEqual([]); // the sandbox's own return page, inside the frame

    // The course page now lists the link; launching it as a teacher opens My learning, not the plain home.
    await openSandbox();
    await page.getByRole('heading', { level: 3, name: 'My learning' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Launch as').selectOption('teacher-1');
    await page.getByRole('button', { name: 'Launch My learning' }).click();
    await app().getByRole('heading', { level: 1, name: 'My learning' }).waitFor();
    await app().getByText('Your cohorts, your next step and how long it will take, all in one place.').waitFor();
    expect(await app().getByRole('banner').innerText()).toContain('Signed in as Sam Okafor');
    expect(toolFrame(page).url()).toBe(`${tool.url}/app/#/my-learning`);
    // A reload of the frame stays on My learning (hash route, session token from sessionStorage).
    const meAfterReload = page.waitForResponse((r) => r.url() === `${tool.url}/api/me` && r.status() === 200);
    await toolFrame(page).evaluate(() => location.reload());
    await meAfterReload;
    await app().getByText('Your cohorts, your next step and how long it will take, all in one place.').waitFor();
    await screenshot(page, 'deep-linking-placed-link');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('cancelling returns to the LMS with nothing added', async () => {
    const links = async () => Number((await tool.db('sandbox_links').count({ n: '*' }).first())?.n);
    const before = await links();
    await contentSelectionAs('Priya Raman');
    await app().getByRole('heading', { level: 1, name: 'Add Staffroom to your course' }).waitFor();
    await app().getByRole('button', { name: 'Cancel' }).click();
    await app().getByRole('heading', { level: 1, name: 'Nothing was added to the course' }).waitFor();
    expect(await links()).toBe(before);
    expect(errors).toEqual([]);
  });

  it('a teacher who arrives through content selection sees an accessible explanation, not a picker (the API answered 403)', async () => {
    const items = page.waitForResponse((r) => r.url() === `${tool.url}/api/deep-linking/items`);
    await contentSelectionAs('Sam Okafor');
    expect((await items).status()).toBe(403);
    await app().getByRole('heading', { level: 1, name: 'Only administrators and lead teachers can add Staffroom to a course' }).waitFor();
    expect(await app().getByRole('radio').count()).toBe(0);
    expect(await app().getByRole('button', { name: 'Add to course' }).count()).toBe(0);
    await screenshot(page, 'deep-linking-forbidden');
    expect(await axeViolations(page)).toEqual([]);
    // The 403 itself is logged by Chromium; nothing else may go wrong.
    expect(errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
    errors.length = 0;
  });
});
