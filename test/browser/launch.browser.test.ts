import type { Page } from 'playwright-core';
import { launchErrors } from '../../lti-tool/src/lti/launchErrors';
import { axeViolations, sandboxBrowserFile, screenshot, tabTo, toolFrame } from '../helpers/browser';
import type { TestTool } from '../helpers/testTool';

jest.setTimeout(60_000);

const COURSE = 'Demo PL cohort: learning visits';

describe('launching Staffroom from the sandbox LMS in a real browser', () => {
  const file = sandboxBrowserFile();
  const { app, main, launch, expectAccessible } = file;
  let tool: TestTool;
  let page: Page;
  let errors: string[];
  beforeEach(() => void ({ tool, page, errors } = file.current()));

  /** The sandbox page, ready for a setting to be changed before a launch (the shared `launch` goes straight on). */
  async function openSandbox(): Promise<void> {
    await page.goto(`${tool.url}/sandbox`);
    await page.getByRole('heading', { level: 1, name: 'Staffroom sandbox LMS' }).waitFor();
  }

  /** Waits for the role's home in the tool frame and returns the banner text (course, name, role). */
  async function waitForHome(heading: string): Promise<string> {
    await app().getByRole('heading', { level: 1, name: heading }).waitFor();
    return app().getByRole('banner').innerText();
  }

  /** Launches from the open sandbox page; waits for the home, not the name (an anonymous launch shows none). */
  async function launchAs(name: string, heading: string): Promise<string> {
    await page.getByRole('button', { name: `Launch as ${name}` }).click();
    return waitForHome(heading);
  }

  it('shows an accessible sandbox LMS page (axe WCAG 2.1 A/AA)', async () => {
    await openSandbox();
    await expectAccessible('sandbox');
  });

  it('launches a teacher with the keyboard alone and shows an accessible "My learning" home', async () => {
    await openSandbox();
    await tabTo(page, page.mainFrame(), 'button[data-persona="teacher-1"]');
    const meCalls: string[] = [];
    const countMe = (r: { url(): string }) => void (r.url() === `${tool.url}/api/me` && meCalls.push(r.url()));
    page.on('request', countMe);
    await page.keyboard.press('Enter');

    const banner = await waitForHome('My learning');
    page.off('request', countMe);
    expect(meCalls).toEqual([]); // the launch page carried /api/me's answer: no round trip before the first screen
    expect(banner).toContain('Signed in as Sam Okafor');
    expect(banner).toContain('Teacher');
    expect(banner).toContain(COURSE);
    expect(toolFrame(page).url()).toBe(`${tool.url}/app/`);
    // The launch token was taken out of the DOM once read.
    expect(await toolFrame(page).locator('meta[name="staffroom-session"]').count()).toBe(0);
    expect(await toolFrame(page).locator('meta[name="staffroom-me"]').count()).toBe(0);

    await expectAccessible('teacher-home');
    expect(errors).toEqual([]);
  });

  it("styles the app by the launch page's nonce: a CSP with no 'unsafe-inline', and InstUI's theme applied", async () => {
    await openSandbox();
    const shell = page.waitForResponse(async (r) => r.url() === `${tool.url}/lti/launch` && r.status() === 200 && /nonce-/.test((await r.allHeaders())['content-security-policy'] ?? ''));
    await page.getByRole('button', { name: 'Launch as Sam Okafor' }).click();
    const csp = (await (await shell).allHeaders())['content-security-policy']!;
    await waitForHome('My learning');

    expect(csp).not.toContain('unsafe-inline');
    const nonce = /style-src 'self' 'nonce-([A-Za-z0-9+/]{22}==)'(;|$)/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    const styleNonces = await toolFrame(page).evaluate(() => Array.from(document.querySelectorAll('style[data-emotion]'), (s) => (s as HTMLStyleElement).nonce));
    expect(styleNonces.length).toBeGreaterThan(0);
    expect(new Set(styleNonces)).toEqual(new Set([nonce]));
    // The theme reached the page: the heading is in the Canvas font, not the browser's default.
    expect(await app().getByRole('heading', { level: 1, name: 'My learning' }).evaluate((h) => getComputedStyle(h).fontFamily)).toMatch(/Lato/);
    expect(errors).toEqual([]);

    // A style attribute in markup is refused; one the app's own code sets goes through the CSSOM and applies.
    const [fromMarkup, fromScript] = await toolFrame(page).evaluate(() => {
      const box = document.createElement('div');
      box.innerHTML = '<span style="color: rgb(255, 0, 0)">injected</span>';
      const scripted = document.createElement('span');
      scripted.setAttribute('style', 'color: rgb(0, 128, 0)');
      document.body.append(box, scripted);
      const colours = [getComputedStyle(box.firstElementChild!).color, getComputedStyle(scripted).color];
      box.remove();
      scripted.remove();
      return colours;
    });
    expect(fromMarkup).not.toBe('rgb(255, 0, 0)');
    expect(fromScript).toBe('rgb(0, 128, 0)');
    for (let i = 0; i < 40 && errors.length === 0; i++) await page.waitForTimeout(50); // the console report is asynchronous
    expect(errors).toEqual([expect.stringMatching(/Applying inline style violates the following Content Security Policy directive 'style-src/)]);
    errors.length = 0;
  });

  it.each([
    ['Morgan Ellis', 'Administrator', 'Cohorts'],
    ['Priya Raman', 'Lead teacher', 'Your lead-teacher workspace'],
  ])('launches %s as "%s" with their own home', async (name, role, heading) => {
    await launch(name);
    const banner = await waitForHome(heading);
    expect(banner).toContain(`Signed in as ${name}`);
    expect(banner).toContain(role);
    expect(banner).toContain(COURSE);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows a neutral "Staff member" label when the LMS shares no names, and still works', async () => {
    await openSandbox();
    await page.getByLabel('Do not share names and emails').check();
    // Someone never launched with their name before: Staffroom keeps names an earlier launch shared.
    const banner = await launchAs('Tomás Rivera', 'My learning');
    expect(banner).toContain('Signed in as Staff member');
    expect(banner).toContain('Teacher');
    expect(banner).not.toContain('Rivera');
    await screenshot(page, 'anonymous-home');
  });

  it('launches through the partitioned state cookie when the LMS offers no platform storage', async () => {
    await openSandbox();
    await page.getByLabel('Offer platform storage').uncheck();
    const login = page.waitForResponse((r) => r.url() === `${tool.url}/lti/login`);
    const banner = await launchAs('Lena Fischer', 'My learning');
    expect((await login).status()).toBe(302); // straight to the platform, no storage page
    expect(banner).toContain('Signed in as Lena Fischer');
  });

  it('explains a rejected launch (unknown issuer) on an accessible error page inside the LMS frame', async () => {
    await openSandbox();
    const login = new URL(`${tool.url}/lti/login`);
    login.search = new URLSearchParams({ iss: 'https://unknown.example.org', login_hint: 'x', target_link_uri: `${tool.url}/lti/launch` }).toString();
    const response = page.waitForResponse((r) => r.url() === login.href);
    await page.locator('#tool-frame').evaluate((frame: HTMLIFrameElement, src) => void (frame.src = src), login.href);
    expect((await response).status()).toBe(403);

    await app().getByRole('heading', { level: 1, name: 'Staffroom could not open' }).waitFor();
    const expected = launchErrors.unknownPlatform('https://unknown.example.org');
    const text = await main().innerText();
    expect(text).toContain(expected.message);
    await app().getByRole('heading', { level: 2, name: 'For your LMS administrator' }).waitFor();
    expect(text).toContain(expected.hint); // e.g. how to register the platform
    expect(text).toMatch(/Error lti_unknown_platform, reference [\w-]+\./);

    await expectAccessible('error-page');
    // The 403 itself is logged by Chromium; nothing else may go wrong.
    expect(errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
    errors.length = 0;
  });

  it('keeps the session when the tool frame is reloaded after a launch (GET /app/, token in sessionStorage)', async () => {
    await launch('Sam Okafor');
    await waitForHome('My learning');
    const frame = toolFrame(page);
    expect(frame.url()).toBe(`${tool.url}/app/`);
    expect(await frame.evaluate(() => sessionStorage.getItem('staffroom.session'))).toBeTruthy();

    const reloaded = page.waitForRequest((r) => r.frame() === frame && r.isNavigationRequest());
    // Wait for the reloaded app's own /api/me answer, so the checks below cannot read the old document.
    const meAfterReload = page.waitForResponse((r) => r.url() === `${tool.url}/api/me` && r.status() === 200);
    await frame.evaluate(() => location.reload());
    const request = await reloaded;
    expect([request.method(), request.url()]).toEqual(['GET', `${tool.url}/app/`]);
    await meAfterReload;

    const banner = await waitForHome('My learning');
    expect(banner).toContain('Signed in as Sam Okafor');
    expect(await app().getByText('Open Staffroom from your course in the LMS').count()).toBe(0);
  });

  it('lets keyboard users Tab into the app to its controls, with visible focus, and back out to the LMS', async () => {
    // The ready home has no controls yet; a failing first /api/me shows the one the app has ("Try again"). The launch
    // page normally carries /api/me's answer; without it (as after an older tool version) the app asks the server.
    await page.route('**/lti/launch', async (route) => {
      const answer = await route.fetch();
      await route.fulfill({ response: answer, body: (await answer.text()).replace(/<meta name="staffroom-me"[^>]*>/, '') });
    });
    await page.route('**/api/me', (route) => route.fulfill({ status: 503, json: { error: { id: 'unavailable', message: 'Staffroom is busy. Please try again.' } } }));
    await openSandbox();
    await tabTo(page, page.mainFrame(), 'button[data-persona="teacher-1"]');
    await page.keyboard.press('Enter');
    await app().getByRole('heading', { level: 1, name: 'Something went wrong' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tool-frame'); // the LMS focused the tool

    const frame = toolFrame(page);
    // Not the shared focusedText: the frame's body (focus just entered) must read as nothing focused yet.
    const focusedText = () => frame.evaluate(() => (document.hasFocus() && document.activeElement !== document.body ? (document.activeElement as HTMLElement).innerText : null));
    let focused: string | null = null;
    for (let i = 0; i < 5 && !focused; i++) {
      await page.keyboard.press('Tab');
      focused = await focusedText();
    }
    expect(focused).toBe('Try again');
    // Visible focus: a keyboard (:focus-visible) outline that ends up opaque (InstUI fades it in).
    await frame.waitForFunction(() => {
      const el = document.activeElement;
      const s = el && getComputedStyle(el);
      const alpha = Number(s?.outlineColor.match(/rgba\([^)]*,\s*([\d.]+)\)/)?.[1] ?? 1);
      return !!s && el.matches(':focus-visible') && s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1 && alpha === 1;
    }, undefined, { timeout: 5_000 });
    await expectAccessible('keyboard-focus');

    await page.unroute('**/api/me');
    await page.unroute('**/lti/launch');
    await page.keyboard.press('Enter');
    expect(await waitForHome('My learning')).toContain('Signed in as Sam Okafor');

    // No keyboard trap: past the home's last control, Tab leaves the frame for the LMS page.
    let inFrame = true;
    for (let i = 0; i < 15 && inFrame; i++) {
      await page.keyboard.press('Tab');
      inFrame = await frame.evaluate(() => document.hasFocus());
    }
    expect(inFrame).toBe(false);
    // The 503 is logged by Chromium; nothing else may go wrong.
    expect(errors.filter((e) => !/status of 503/.test(e))).toEqual([]);
    errors.length = 0;
  });
});
