import type { Frame, Page } from 'playwright-core';
import { api, launchAs } from '../helpers/ltiFlow';
import type { TestTool } from '../helpers/testTool';
import type { Who } from './competencyFlow';

/** A demo-course persona's API session (the sandbox launch carries the AGS claim). */
export async function demo(tool: TestTool, persona: string): Promise<Who> {
  const { token } = await launchAs(tool, persona);
  const me = (await (await api(tool, '/api/me', token)).json()) as { user: { id: string }; context: { id: string } };
  return { token: token!, userId: me.user.id, contextId: me.context.id };
}

/** Presses Tab (the keyboard alone) until the focused element in the tool frame matches `selector` (and reads `text`). */
export async function tabTo(page: Page, frame: Frame, selector: string, text?: string, maxTabs = 60): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    const hit = await frame.evaluate(
      ([s, t]) => document.hasFocus() && !!document.activeElement?.matches(s!) && (t === undefined || (document.activeElement as HTMLElement).innerText.trim() === t),
      [selector, text] as const,
    );
    if (hit) return;
  }
  throw new Error(`${selector} ${text ?? ''} not reached in the tool frame after ${maxTabs} presses of Tab`);
}
