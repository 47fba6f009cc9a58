import type { ToolRequestListener } from '../../lti-tool/src/app';
import { api } from '../helpers/ltiFlow';
import type { TestTool } from '../helpers/testTool';
import { launchInto, otherPlatform, person, type Who } from '../modules/moduleFlow';

/** Who calls a route: nobody, the three Staffroom roles of one course, and an admin of another tenant. */
export const CALLERS = ['anonymous', 'otherAdmin', 'participant', 'lead', 'admin'] as const;
/** One caller of the authorization walk. */
export type Caller = (typeof CALLERS)[number];

/** The course every caller (the other tenant's admin included) launches into: same LTI context id on purpose. */
export const COURSE = 'authz-course';

/** The signed-in callers, plus two more teachers the fixture needs (reviewers, another person's data). */
export interface People {
  participant: Who;
  lead: Who;
  admin: Who;
  /** An admin of another platform registration, in a course with the same LTI context id. */
  otherAdmin: Who;
  teacher2: Who;
  teacher3: Who;
}

/**
 * Launches the sandbox personas into COURSE (no NRPS claim, so no roster sync changes who is there) and an
 * admin of another LMS registration into a course with the same LTI id: another tenant.
 */
export async function launchPeople(tool: TestTool): Promise<People> {
  const tenant = await otherPlatform(tool, 'authz-other-district.example.org');
  return {
    admin: await launchInto(tool, 'admin', COURSE),
    lead: await launchInto(tool, 'lead', COURSE),
    participant: await launchInto(tool, 'teacher-1', COURSE),
    teacher2: await launchInto(tool, 'teacher-2', COURSE),
    teacher3: await launchInto(tool, 'teacher-3', COURSE),
    otherAdmin: await launchInto(tool, person('authz-other-admin', 'Olga Other', 'admin'), COURSE, tenant),
  };
}

/** The session token of a caller (null: anonymous). */
export const tokenOf = (people: People, caller: Caller): string | null => (caller === 'anonymous' ? null : people[caller].token);

/** A request body: JSON, raw text with its content type, or one file as multipart/form-data. */
export type Body = { json: unknown } | { text: string; type: string } | { file: { name: string; bytes: Buffer; type: string } };

/** Sends one request; returns the status (the body is read so the connection is reused). */
export async function send(tool: TestTool, method: string, path: string, token: string | null, body?: Body): Promise<number> {
  const init: RequestInit = { method, redirect: 'manual' };
  if (body && 'json' in body) Object.assign(init, { body: JSON.stringify(body.json), headers: { 'content-type': 'application/json' } });
  if (body && 'text' in body) Object.assign(init, { body: body.text, headers: { 'content-type': body.type } });
  if (body && 'file' in body) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(body.file.bytes)], { type: body.file.type }), body.file.name);
    init.body = form;
  }
  const res = await api(tool, path, token, init);
  await res.arrayBuffer().catch(() => undefined);
  return res.status;
}

/** What a caller must get: a status, one of a few statuses, or 'open' (a public route: anything but 401/403/5xx). */
export type Outcome = number | readonly number[] | 'open';

/** True when `status` is what `outcome` allows. */
export function allows(outcome: Outcome, status: number): boolean {
  if (outcome === 'open') return status !== 401 && status !== 403 && status < 500;
  return typeof outcome === 'number' ? status === outcome : outcome.includes(status);
}

interface Layer {
  rawPath?: string | string[];
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** The tool's request listener (the launch lane, then the Express app) the HTTP server answers with. */
export function appOf(tool: TestTool): ToolRequestListener {
  const listener = tool.server.listeners('request').find((l) => typeof (l as Partial<ToolRequestListener>).app?.use === 'function');
  if (!listener) throw new Error('the tool server has no request listener with an Express app');
  return listener as ToolRequestListener;
}

/**
 * Every route of the tool as 'METHOD /path': the launch lane's, and the Express app's, walking the router stack and
 * nested routers (with their mount paths).
 */
export function listRoutes(listener: ToolRequestListener): string[] {
  const out = new Set<string>(listener.lane.routes);
  const paths = (p: string | string[] | undefined) => (p === undefined ? [''] : Array.isArray(p) ? p : [p]);
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of paths(layer.route.path)) for (const method of Object.keys(layer.route.methods)) out.add(`${method.toUpperCase()} ${prefix}${path}`);
      } else if (layer.handle?.stack) {
        for (const mount of paths(layer.rawPath)) walk(layer.handle.stack, prefix + (mount === '/' ? '' : mount));
      }
    }
  };
  walk((listener.app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return [...out];
}

/** Replaces each `:name` of a route path with its value. */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${path}`);
    return encodeURIComponent(value);
  });
}
