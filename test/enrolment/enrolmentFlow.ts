import { CookieJar } from '../helpers/browserlessClient';
import { sessionTokenIn } from '../helpers/launchAssertions';
import { api, postLaunch, signedLaunch, type SignedLaunchOptions } from '../helpers/ltiFlow';
import type { TestTool } from '../helpers/testTool';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';

/** Another LMS registered with the tool (its launches are signed with the sandbox key, so tests can make them). */
export const OTHER_LMS = { issuer: 'https://lms-b.example.edu', clientId: 'staffroom-at-lms-b', deploymentId: 'lms-b-deployment' };

/** Registers OTHER_LMS on the tool. */
export async function registerOtherLms(tool: TestTool): Promise<void> {
  await tool.services.platforms.register(
    { ...OTHER_LMS, name: 'LMS B', authUrl: `${OTHER_LMS.issuer}/auth`, tokenUrl: `${OTHER_LMS.issuer}/token`, jwksUrl: tool.services.sandbox!.identity.jwksUrl, deploymentIds: [OTHER_LMS.deploymentId] },
    { checkJwks: false },
  );
}

/** Options for a launch into a course of the test's choosing. */
export interface CourseLaunch {
  persona?: SignedLaunchOptions['persona'];
  /** The LTI context id (Moodle sends the course id here). */
  contextId?: string;
  /** Custom parameters the launch carries (e.g. canvas_course_id). */
  custom?: Record<string, string>;
  /** Launch from OTHER_LMS instead of the sandbox. */
  otherLms?: boolean;
}

/** Launches (real login + signed id_token + launch POST) and returns the session token. */
export async function launchInCourse(tool: TestTool, o: CourseLaunch = {}): Promise<string> {
  const jar = new CookieJar();
  const { fields } = await signedLaunch(tool, jar, {
    persona: o.persona ?? 'admin',
    ...(o.otherLms ? { login: { iss: OTHER_LMS.issuer, client_id: OTHER_LMS.clientId, lti_deployment_id: OTHER_LMS.deploymentId }, identity: OTHER_LMS } : {}),
    edit: (claims) => {
      if (o.contextId) claims[`${LTI}context`] = { ...(claims[`${LTI}context`] as object), id: o.contextId, title: `Course ${o.contextId}` };
      if (o.custom) claims[`${LTI}custom`] = { ...(claims[`${LTI}custom`] as object), ...o.custom };
    },
  });
  const res = await postLaunch(tool, jar, fields);
  const token = sessionTokenIn(await res.text());
  if (res.status !== 200 || !token) throw new Error(`launch failed with ${res.status}`);
  return token;
}

/** Calls the API with JSON. */
export function jsonCall(tool: TestTool, method: string, path: string, token: string | null, body?: unknown): Promise<Response> {
  return api(tool, path, token, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
}

/** Posts a CSV staff list as text/csv. */
export function postCsv(tool: TestTool, path: string, token: string | null, csv: string): Promise<Response> {
  return api(tool, path, token, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv; charset=utf-8' } });
}

/** Asserts an error answer and returns its body's error. */
export async function expectError(res: Response, status: number, id: string): Promise<{ id: string; message: string; details?: unknown }> {
  const body = (await res.json()) as { error: { id: string; message: string; details?: unknown } };
  expect({ status: res.status, id: body.error?.id }).toEqual({ status, id });
  return body.error;
}

/** Resolves when `check` holds, polling (for background jobs); fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}
