import type { ScoreInput } from '../../lti-tool/src/grades/grades.schema';
import { createSandboxAgsStore, type FaultSpec } from '../../lti-tool/src/sandbox/sandbox.ags.store';
import { DEMO_CONTEXT, findPersona } from '../../lti-tool/src/sandbox/sandbox.personas';
import type { TestTool } from '../helpers/testTool';

/** Tool settings for passback tests: short call timeouts and retry delays (backoff with jitter stays on). */
export const PASSBACK_TEST_ENV = {
  GRADE_RETRY_LIMIT: '4',
  GRADE_RETRY_DELAY_SECONDS: '1',
  GRADE_RETRY_BACKOFF: 'on',
  GRADE_HTTP_TIMEOUT_MS: '4000',
  GRADE_WORKERS: '1',
  GRADE_BATCH_SIZE: '10',
};

/** The sandbox delays a "timeout" fault this long: well past the tool's call timeout. */
export const SLOW_MS = 10_000;

/** Resolves when `check` holds, polling; fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | false | null | undefined>, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The tool's ids of the demo course and of a persona (after that persona launched). */
export async function ids(tool: TestTool, personaId: string, ltiContextId: string = DEMO_CONTEXT.id): Promise<{ contextId: string; userId: string }> {
  const persona = findPersona(personaId);
  if (!persona) throw new Error(`no persona ${personaId}`);
  const context = await tool.db('contexts').where({ lti_context_id: ltiContextId }).first('id');
  const user = await tool.db('users').where({ sub: persona.sub }).first('id');
  if (!context || !user) throw new Error(`${personaId} has not launched into ${ltiContextId}`);
  return { contextId: context.id as string, userId: user.id as string };
}

/** A score for the demo course, as a feature would hand it over; override any part. */
export function score(who: { contextId: string; userId: string }, o: Partial<ScoreInput> = {}): ScoreInput {
  return {
    ...who,
    lineItem: { resourceId: 'competency-questioning', tag: 'competency', label: 'Questioning', scoreMaximum: 4 },
    scoreGiven: 3,
    activityProgress: 'Completed',
    gradingProgress: 'FullyGraded',
    at: new Date(),
    ...o,
  };
}

/** Enqueues scores the way features do: inside their own transaction. */
export async function enqueue(tool: TestTool, ...inputs: ScoreInput[]): Promise<string[]> {
  return tool.db.transaction(async (trx) => {
    const ids: string[] = [];
    for (const input of inputs) ids.push((await tool.services.grades.service.enqueueScore(input, trx)).passbackId);
    return ids;
  });
}

/** A passback row. */
export async function passback(tool: TestTool, id: string): Promise<Record<string, unknown>> {
  return tool.db('score_passbacks').where({ id }).first();
}

/** Waits until every passback has left `pending`; returns their rows in the given order. */
export async function settled(tool: TestTool, passbackIds: string[], ms?: number): Promise<Array<Record<string, unknown>>> {
  return eventually(async () => {
    const rows = await tool.db('score_passbacks').whereIn('id', passbackIds);
    if (rows.length !== passbackIds.length || rows.some((r) => r.status === 'pending')) return null;
    return passbackIds.map((id) => rows.find((r) => r.id === id)!);
  }, ms);
}

/** The sandbox gradebook of a test tool. */
export const sandboxAgs = (tool: TestTool) => createSandboxAgsStore(tool.db);

/** Injects a fault into the sandbox AGS endpoint over its HTTP control API. */
export async function injectFault(tool: TestTool, fault: Partial<FaultSpec> & Pick<FaultSpec, 'kind'>, contextId: string = DEMO_CONTEXT.id): Promise<void> {
  const res = await fetch(`${tool.url}/sandbox/ags/${contextId}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
  if (res.status !== 201) throw new Error(`fault refused: ${res.status} ${await res.text()}`);
}

/** Removes every injected fault. */
export async function clearFaults(tool: TestTool, contextId: string = DEMO_CONTEXT.id): Promise<void> {
  await fetch(`${tool.url}/sandbox/ags/${contextId}/faults`, { method: 'DELETE' });
}

/** Switches the sandbox course's AGS between full line item management and Moodle's "grade sync only". */
export async function setGradeSyncOnly(tool: TestTool, on: boolean, contextId: string = DEMO_CONTEXT.id): Promise<void> {
  const res = await fetch(`${tool.url}/sandbox/ags/${contextId}/mode`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ gradeSyncOnly: on }) });
  if (res.status !== 200) throw new Error(`mode refused: ${res.status}`);
}
