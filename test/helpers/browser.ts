import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { UI_DIST_DIR } from './uiDist';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Frame, type Page } from 'playwright-core';

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

/** Presses Tab until `selector` has focus (keyboard only, as a user would); throws after `maxTabs`. */
export async function tabTo(page: Page, selector: string, maxTabs = 30): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} not reached after ${maxTabs} presses of Tab`);
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

/**
 * One headless Chromium per test file and a fresh browser context per test (no cookies or storage shared between
 * tests); every test ends by asserting that nothing was blocked by the Content Security Policy.
 */
export function chromiumPerTest(contextOptions: BrowserContextOptions = {}): { current(): BrowserTestPage } {
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
    await context?.close();
  });
  return {
    current() {
      if (!current) throw new Error('chromiumPerTest: no page outside a test');
      return current;
    },
  };
}
