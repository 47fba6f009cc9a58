import type { BrowserContext, Dialog, Page } from 'playwright-core';
import { axeViolations, chromiumPerTest, sandboxMoves, screenshot, toolFrame } from '../helpers/browser';
import { sandboxSession } from '../helpers/courseFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { call, publishModule } from '../modules/moduleFlow';
import { XSS_PAYLOADS } from '../modules/xssPayloads';

jest.setTimeout(180_000);

// Payloads that would set a window flag instead of opening a dialog, should anything ever run.
const FLAG_PAYLOADS = [
  '<img src=x onerror="window.__staffroomXss=1">',
  '<svg onload="window.__staffroomXss=1">',
  '[flag](javascript:window.__staffroomXss=1)',
  '<a href="javascript:window.__staffroomXss=1">flag</a>',
  '<details open ontoggle="window.__staffroomXss=1">',
];
const HOSTILE = [...XSS_PAYLOADS, ...FLAG_PAYLOADS].join('\n\n');
const HOSTILE_TITLE = '<img src=x onerror=alert(1)> Hostile';

describe('hostile content in the module player, in a real browser', () => {
  let tool: TestTool;
  const chromium = chromiumPerTest();
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let dialogs: string[];

  beforeAll(async () => {
    tool = await startTestTool();
    // Set up through the public API, as the sandbox's admin, lead and another teacher would.
    const admin = await sandboxSession(tool, 'admin');
    const cohort = await call(tool, 'POST', '/api/cohorts', admin, { title: `${HOSTILE_TITLE} cohort`, workVisibility: 'cohort' });
    expect(cohort.status).toBe(201);
    const cohortId = cohort.body.id as string;
    const { moduleId, stepIds } = await publishModule(tool, admin, cohortId, {
      title: HOSTILE_TITLE,
      steps: [
        { kind: 'read', title: `${HOSTILE_TITLE} read`, estimatedMinutes: 5, content: { markdown: HOSTILE } },
        { kind: 'reflect', title: 'Reflect', estimatedMinutes: 5, content: { prompt: HOSTILE, visibility: 'cohort' } },
        { kind: 'inquiry', title: 'Inquiry', estimatedMinutes: 5, content: { question: HOSTILE, visibility: 'cohort' } },
        { kind: 'checkpoint', title: 'Meet', estimatedMinutes: 5, content: { agenda: HOSTILE, linkUrl: 'https://meet.example.org/x' } },
        { kind: 'audition', title: 'Audition', estimatedMinutes: 5, content: { instructions: HOSTILE } },
      ],
    });
    const step = (n: number, rest: string) => `/api/cohorts/${cohortId}/modules/${moduleId}/steps/${stepIds[n]}/${rest}`;
    const colleague = await sandboxSession(tool, 'teacher-2');
    expect((await call(tool, 'PUT', step(1, 'response'), colleague, { body: { text: HOSTILE }, visibility: 'cohort', revision: 0 })).status).toBe(200);
    const stages = { plan: { text: HOSTILE }, enquire: { text: HOSTILE, evidenceUrl: 'https://example.org/evidence' }, review: { text: HOSTILE } };
    expect((await call(tool, 'PUT', step(2, 'response'), colleague, { body: { stages }, visibility: 'cohort', revision: 0 })).status).toBe(200);
    const lead = await sandboxSession(tool, 'lead');
    expect((await call(tool, 'PUT', step(3, 'agreement'), lead, { text: HOSTILE, revision: 0 })).status).toBe(200);
  });
  afterAll(async () => {
    await tool?.stop();
  });

  beforeEach(async () => {
    ({ context, page, errors } = chromium.current());
    // In every frame, from the blank page's first navigation on: a dialog function that runs would leave a mark,
    // as would any payload's flag.
    await context.addInitScript(() => {
      const w = window as unknown as { __staffroomCalls: string[] };
      w.__staffroomCalls = [];
      for (const name of ['alert', 'confirm', 'prompt'] as const) {
        const original = window[name].bind(window);
        (window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
          w.__staffroomCalls.push(name);
          return (original as (...a: unknown[]) => unknown)(...args);
        };
      }
    });
    dialogs = [];
    page.on('dialog', (d: Dialog) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });

  const { app, launch } = sandboxMoves(() => page, () => tool.url);

  /** Proves nothing ran and nothing dangerous is in the tool frame's DOM. */
  async function expectNothingRan(): Promise<void> {
    const frame = toolFrame(page);
    const report = await frame.evaluate(() => {
      const w = window as unknown as { __staffroomXss?: unknown; __staffroomCalls?: string[] };
      const urlAttrs = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'];
      const badUrls = Array.from(document.querySelectorAll('*')).flatMap((el) =>
        urlAttrs.map((a) => el.getAttribute(a)).filter((v): v is string => v !== null && /^\s*(javascript|vbscript|data):/i.test(v)),
      );
      const content = Array.from(document.querySelectorAll('[data-server-html]'));
      const dangerous = content.flatMap((c) => Array.from(c.querySelectorAll('script, iframe, object, embed, svg, math, style, form, meta, details, base, link')).map((e) => e.tagName));
      const handlers = content.flatMap((c) => Array.from(c.querySelectorAll('*')).flatMap((e) => e.getAttributeNames().filter((n: string) => n.toLowerCase().startsWith('on'))));
      const scripts = Array.from(document.scripts).map((s) => s.src || 'inline');
      return { flag: w.__staffroomXss ?? null, calls: w.__staffroomCalls ?? [], badUrls, dangerous, handlers, scripts, contentBlocks: content.length };
    });
    expect(report.flag).toBeNull();
    expect(report.calls).toEqual([]);
    expect(report.badUrls).toEqual([]);
    expect(report.dangerous).toEqual([]);
    expect(report.handlers).toEqual([]);
    // Only the app's own bundle: no script element came in with the content.
    expect(report.scripts.every((s) => s.startsWith(`${tool.url}/app/`))).toBe(true);
    expect(report.contentBlocks).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __staffroomXss?: unknown }).__staffroomXss ?? null)).toBeNull();
    expect(dialogs).toEqual([]);
  }

  it('opens every step of a module full of XSS payloads, with a colleague’s shared work and a checkpoint record, and no script runs', async () => {
    await launch('Sam Okafor');
    await app().getByRole('heading', { level: 1, name: 'My learning' }).waitFor();
    // Titles are text: the payload shows as written.
    await app().getByRole('heading', { level: 2, name: `${HOSTILE_TITLE} cohort` }).waitFor();
    await app().getByRole('link', { name: `Start ${HOSTILE_TITLE}` }).click();
    await app().getByRole('heading', { level: 1, name: HOSTILE_TITLE }).waitFor();
    await app().getByRole('heading', { level: 2, name: `${HOSTILE_TITLE} read` }).waitFor();
    // Raw HTML in Markdown is shown as text, not markup.
    await app().getByText('<script>alert(1)</script>', { exact: false }).first().waitFor();
    await expectNothingRan();
    expect(await axeViolations(page)).toEqual([]);

    await app().getByRole('link', { name: '2. Reflect' }).click();
    const shared = app().getByTestId('shared-response');
    await shared.first().waitFor();
    expect(await shared.first().innerText()).toContain('Lena Fischer');
    expect(await shared.first().innerText()).toContain('window.__staffroomXss=1');
    await screenshot(page, 'xss-reflect');
    await expectNothingRan();

    await app().getByRole('link', { name: '3. Inquiry' }).click();
    await app().getByRole('heading', { level: 3, name: 'Your inquiry cycle' }).waitFor();
    await shared.first().waitFor();
    expect(await shared.first().getByRole('link', { name: /Evidence for Enquire/ }).getAttribute('href')).toBe('https://example.org/evidence');
    await expectNothingRan();

    await app().getByRole('link', { name: '4. Meet' }).click();
    await app().getByRole('heading', { level: 3, name: 'What we agreed' }).waitFor();
    await app().getByText('Recorded by Priya Raman', { exact: false }).waitFor();
    await expectNothingRan();

    await app().getByRole('link', { name: '5. Audition' }).click();
    await app().getByText('Auditions are coming to Staffroom soon.', { exact: false }).waitFor();
    await expectNothingRan();
    expect(await axeViolations(page)).toEqual([]);

    // Nothing was blocked by the CSP either: no payload even tried to run.
    expect(errors).toEqual([]);
  });
});
