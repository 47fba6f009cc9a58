import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Answer } from './courseFlow';
import { startTestTool, type TestTool } from './testTool';
import { UI_DIST_DIR } from './uiDist';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Frame, type FrameLocator, type Page } from 'playwright-core';

/** Where `npm run build:ui` puts the React app the launch page serves. */
export const UI_INDEX = path.join(UI_DIST_DIR, 'index.html');

/** Fails fast, with the fix, when the UI has not been built (the tool would serve a placeholder page). */
export function requireBuiltUi(): void {
  if (!fs.existsSync(UI_INDEX)) {
    throw new Error(`${path.relative(process.cwd(), UI_INDEX)} is missing: run \`npm run build:ui\` before the browser tests.`);
  }
}

/** Headless Debian Chromium (override with CHROMIUM_PATH), quiet and offline apart from the tool. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Console errors and uncaught exceptions of a page and all its frames (the browser's own favicon probe aside). */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.location().url.endsWith('/favicon.ico')) errors.push(`${msg.location().url}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  return errors;
}

/** Rule id, impact and offending nodes of every WCAG 2.1 A/AA violation (frames included); [] when clean. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** The sandbox LMS's tool iframe. */
export function toolFrame(page: Page): Frame {
  const frame = page.frame({ name: 'tool-frame' });
  if (!frame) throw new Error('the sandbox page has no tool-frame iframe');
  return frame;
}

/** What {@link tabTo} is after: an element matching `selector`, reading `text`; either may be left out. */
export interface TabTarget {
  selector?: string;
  /**
   * What the focused control reads: its label's text when it has a label (a checkbox, say), else its own text;
   * trimmed. A pattern for text split by screen-reader-only parts ({@link actionOn}).
   */
  text?: string | RegExp;
}

/**
 * Presses Tab (the keyboard alone, as a user would) until the focused element of `frame` (the tool frame, or
 * `page.mainFrame()` for the LMS page itself) is the target; a string is a selector. The frame must itself have
 * the focus, so an element that was focused before focus left the frame does not count. Throws after `maxTabs`.
 */
export async function tabTo(page: Page, frame: Frame, target: string | TabTarget, maxTabs = 60): Promise<void> {
  const { selector = '*', text } = typeof target === 'string' ? { selector: target } : target;
  const pattern = text instanceof RegExp ? [text.source, text.flags] : undefined;
  const seen: string[] = [];
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    const [hit, was] = await frame.evaluate(
      ([s, t, p]) => {
        const el = document.activeElement as HTMLInputElement | null;
        const read = (el?.labels?.[0]?.innerText ?? el?.innerText ?? '').trim();
        const what = `${el?.tagName ?? 'nothing'} ${JSON.stringify(read)}`;
        if (!document.hasFocus() || !el?.matches(s)) return [false, what] as const;
        return [p ? new RegExp(p[0]!, p[1]).test(read) : t === undefined || read === t, what] as const;
      },
      [selector, typeof text === 'string' ? text : undefined, pattern] as const,
    );
    if (hit) return;
    seen.push(was);
  }
  throw new Error(`${selector}${text === undefined ? '' : ` reading ${String(text)}`} not reached after ${maxTabs} presses of Tab; last focused: ${seen.slice(-8).join(', ')}`);
}

/** The trimmed text of the focused element of `frame`; null when the frame does not have the focus. */
export function focusedText(frame: Frame): Promise<string | null> {
  return frame.evaluate(() => (document.hasFocus() ? ((document.activeElement as HTMLElement | null)?.innerText.trim() ?? null) : null));
}

/**
 * The accessible name of an action button or link that also names its item ("Edit: Why visit at all?"), as a
 * pattern: screen-reader-only text may change the spacing around the colon.
 */
export const actionOn = (action: string, item: string): RegExp => new RegExp(`^${action}\\s*:\\s*${item.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** Calls the API from inside the tool frame with the session the launch gave the app (GET). */
export function frameApi<T>(page: Page, path: string): Promise<Answer<T>> {
  return toolFrame(page).evaluate(async (p) => {
    const token = sessionStorage.getItem('staffroom.session');
    const r = await fetch(p, { headers: { Authorization: `Bearer ${token}` } });
    return { status: r.status, body: await r.json() };
  }, path) as Promise<Answer<T>>;
}

/** Writes a full-page screenshot when STAFFROOM_SCREENSHOTS names a directory (keep it outside the repo). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.STAFFROOM_SCREENSHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** What {@link chromiumPerTest} gives each test: a fresh page, its collected errors and the tool frame. */
export interface BrowserTestPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** How {@link chromiumPerTest} judges a test's console. */
export interface ErrorPolicy {
  /**
   * Every test must end with no console error or uncaught exception left in `errors`; a test that provokes some
   * on purpose filters them in an expectation and then empties the array.
   */
  noErrorsLeft?: boolean;
}

/**
 * One headless Chromium per test file and a fresh browser context per test (no cookies or storage shared between
 * tests); every test ends by asserting that nothing was blocked by the Content Security Policy.
 */
export function chromiumPerTest(contextOptions: BrowserContextOptions = {}, policy: ErrorPolicy = {}): { current(): BrowserTestPage } {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let current: BrowserTestPage | undefined;
  beforeAll(async () => {
    requireBuiltUi();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    context = await browser!.newContext(contextOptions);
    const page = await context.newPage();
    current = { context, page, errors: collectErrors(page) };
  });
  afterEach(async () => {
    expect(current!.errors.filter((e) => /content security policy/i.test(e))).toEqual([]);
    if (policy.noErrorsLeft) expect(current!.errors).toEqual([]);
    await context?.close();
  });
  return {
    current() {
      if (!current) throw new Error('chromiumPerTest: no page outside a test');
      return current;
    },
  };
}

/**
 * The moves of a test in the sandbox LMS page. Page and tool are read when a move runs, so one set serves every
 * test of a file (each test has its own page); a move takes another page (a second tab) where it says so.
 */
export function sandboxMoves(currentPage: () => Page, toolUrl: () => string) {
  const app = (page: Page = currentPage()): FrameLocator => page.frameLocator('#tool-frame');
  return {
    /** The tool frame, for locators. */
    app,
    /** The app's main landmark. */
    main: (page: Page = currentPage()) => app(page).locator('main'),
    /**
     * Launches a demo-course persona from the sandbox page, waits until the app says who is signed in, then opens
     * `route` (a hash route such as /competencies) when given.
     */
    async launch(name: string, o: { route?: string; page?: Page } = {}): Promise<void> {
      const page = o.page ?? currentPage();
      await page.goto(`${toolUrl()}/sandbox`);
      await page.getByRole('heading', { level: 1, name: 'Staffroom sandbox LMS' }).waitFor();
      await page.getByRole('button', { name: `Launch as ${name}` }).click();
      await app(page).getByRole('banner').getByText(`Signed in as ${name}`).waitFor();
      if (o.route) await openRoute(page, o.route);
    },
    /** Moves the app to a hash route (/auditions), as a bookmark would. */
    openRoute: (route: string, page: Page = currentPage()) => openRoute(page, route),
    /** Screenshots the page (when asked for) and expects no WCAG 2.1 A/AA violation. */
    async expectAccessible(name: string, page: Page = currentPage()): Promise<void> {
      await screenshot(page, name);
      expect(await axeViolations(page)).toEqual([]);
    },
    /** Waits for the autosave's "Saved". */
    saved: (page: Page = currentPage()) => app(page).locator('[role="status"]', { hasText: /^Saved$/ }).waitFor(),
  };
}

/** What a test of {@link sandboxBrowserFile} works with. */
export interface SandboxTestPage extends BrowserTestPage {
  tool: TestTool;
}

/**
 * The usual browser test file: a tool of its own (started before the file's tests with `env`, stopped after),
 * Chromium per {@link chromiumPerTest}, and the sandbox moves on each test's page.
 */
export function sandboxBrowserFile(o: { env?: Record<string, string>; context?: BrowserContextOptions } & ErrorPolicy = {}) {
  let tool: TestTool | undefined;
  beforeAll(async () => {
    tool = await startTestTool(o.env);
  });
  afterAll(async () => {
    await tool?.stop();
  });
  const chromium = chromiumPerTest(o.context, o);
  return {
    ...sandboxMoves(() => chromium.current().page, () => tool!.url),
    current: (): SandboxTestPage => ({ ...chromium.current(), tool: tool! }),
  };
}

/** Moves the app in the tool frame to a hash route (/auditions). */
async function openRoute(page: Page, route: string): Promise<void> {
  await toolFrame(page).evaluate((hash) => void (location.hash = hash), `#${route}`);
}
