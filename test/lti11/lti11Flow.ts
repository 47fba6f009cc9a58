import { findPersona, type Persona } from '../../lti-tool/src/sandbox/sandbox.personas';
import type { Lti11LaunchOverrides } from '../../lti-tool/src/sandbox/sandbox.lti11';
import { countRows, IDENTITY_TABLES, sessionTokenIn } from '../helpers/launchAssertions';
import type { TestTool } from '../helpers/testTool';

/** Everything an LTI 1.1 launch may write: a refused launch must leave every count unchanged. */
export const LTI11_TABLES = [...IDENTITY_TABLES, 'lti11_nonces', 'context_services', 'resource_links'] as const;

/** Row counts of the tables an LTI 1.1 launch writes. */
export const countLti11Rows = (tool: TestTool) => countRows(tool.db, LTI11_TABLES);

/** The sandbox LTI 1.1 consumer of a test tool. */
export function sandboxConsumer(tool: TestTool) {
  const consumer = tool.services.lti11.sandbox;
  if (!consumer) throw new Error('the sandbox is off for this tool');
  return consumer;
}

function persona(p: string | Persona): Persona {
  const found = typeof p === 'string' ? findPersona(p) : p;
  if (!found) throw new Error(`no sandbox persona ${String(p)}`);
  return found;
}

/** Options that forge a launch form: another consumer key or secret, another clock, another signed URL. */
export interface FormOptions {
  consumerKey?: string;
  secret?: string;
  now?: Date;
  url?: string;
}

/** A signed launch form as the sandbox consumer (a Moodle-like LMS) would auto-post it. */
export function lti11Form(tool: TestTool, who: string | Persona = 'teacher-1', overrides: Lti11LaunchOverrides = {}, o: FormOptions = {}) {
  return sandboxConsumer(tool).launchForm(persona(who), overrides, o);
}

/** Posts a launch form to the tool's LTI 1.1 launch URL (or another path, e.g. with a query). */
export async function postLti11(tool: TestTool, fields: Record<string, string> | URLSearchParams, path = '/lti/1p1/launch'): Promise<Response> {
  return fetch(`${tool.url}${path}`, { method: 'POST', body: fields instanceof URLSearchParams ? fields : new URLSearchParams(fields), redirect: 'manual' });
}

/** Signs and posts a launch; returns the response, its page and the session token in it (if any). */
export async function lti11LaunchAs(tool: TestTool, who: string | Persona = 'teacher-1', overrides: Lti11LaunchOverrides = {}, o: FormOptions = {}) {
  const fields = lti11Form(tool, who, overrides, o);
  const res = await postLti11(tool, fields);
  const html = await res.text();
  return { res, html, token: sessionTokenIn(html), fields };
}
