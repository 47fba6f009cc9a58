/**
 * Launches into courses the test invents, other tenants, and API calls as the launched session: shared by the
 * cohort, module and every feature flow built on them.
 */
import { CookieJar } from './browserlessClient';
import { sessionTokenIn } from './launchAssertions';
import { api, launchAs, postLaunch, signedLaunch, type LoginOverrides } from './ltiFlow';
import type { TestTool } from './testTool';
import type { SandboxIdentity } from '../../lti-tool/src/sandbox/sandbox.claims';
import type { Persona } from '../../lti-tool/src/sandbox/sandbox.personas';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const M = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';
const INST = 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#';

/** A course (LTI context) to launch into. */
export interface Course {
  id: string;
  title: string;
  /** The course's short label; the id in upper case when omitted. */
  label?: string;
}

/** Which registration and deployment a launch comes from (the sandbox's when empty). */
export interface Tenant {
  login?: LoginOverrides;
  identity?: Partial<SandboxIdentity>;
}

/** A signed-in person: their token and who/where the tool says they are. */
export interface Launched {
  token: string;
  userId: string;
  contextId: string;
}

/** A made-up person with a Staffroom role (admin, lead or participant) for launches the test builds. */
export function person(id: string, name: string | null, role: 'admin' | 'lead' | 'participant'): Persona {
  const roles = role === 'admin' ? [`${INST}Administrator`, `${M}Instructor`] : role === 'lead' ? [`${M}Instructor`] : [`${M}Learner`];
  const [givenName = '', familyName = ''] = (name ?? '').split(' ');
  return { id, sub: `test-${id}`, name: name ?? '', givenName, familyName, email: `${id}@example.edu`, roles, description: 'test person' };
}

/**
 * Launches a sandbox persona (or a made-up person) into a course of a tenant; returns their session. The launch
 * carries no NRPS claim, so no roster sync runs: membership comes from launches only and tests control it.
 */
export async function launchIn(tool: TestTool, who: string | Persona, course: Course, tenant: Tenant = {}): Promise<Launched> {
  const jar = new CookieJar();
  const anonymous = typeof who === 'object' && who.name === '';
  const { fields } = await signedLaunch(tool, jar, {
    persona: who,
    login: tenant.login,
    identity: tenant.identity,
    claims: { anonymous },
    edit: (c) => {
      c[`${LTI}context`] = { id: course.id, title: course.title, label: course.label ?? course.id.toUpperCase(), type: ['http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering'] };
      // No NRPS endpoint: a first-launch roster sync would add the sandbox's demo people in the background,
      // and these tests decide exactly who is in each course.
      delete c['https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice'];
      c[`${LTI}custom`] = {};
    },
  });
  const res = await postLaunch(tool, jar, fields);
  if (res.status !== 200) throw new Error(`launch failed: ${res.status}`);
  const token = sessionTokenIn(await res.text());
  if (!token) throw new Error('launch gave no session token');
  const me = (await (await api(tool, '/api/me', token)).json()) as { user: { id: string }; context: { id: string } };
  return { token, userId: me.user.id, contextId: me.context.id };
}

/** Adds a deployment to the sandbox registration (another district on the same LMS); returns its tenant. */
export async function sandboxDeployment(tool: TestTool, deploymentId: string): Promise<Tenant> {
  const id = tool.services.sandbox!.identity;
  await tool.services.platforms.register(
    { issuer: id.issuer, clientId: id.clientId, name: 'Sandbox LMS', authUrl: id.authUrl, tokenUrl: id.tokenUrl, jwksUrl: id.jwksUrl, deploymentIds: [id.deploymentId, deploymentId] },
    { checkJwks: false },
  );
  return { login: { lti_deployment_id: deploymentId }, identity: { deploymentId } };
}

/** Registers another LMS (another platform) that signs with keys the tool can fetch; returns its tenant. */
export async function otherPlatform(tool: TestTool, host: string): Promise<Tenant> {
  const issuer = `https://${host}`;
  const clientId = `staffroom-at-${host}`;
  const deploymentId = `${host}-deployment`;
  await tool.services.platforms.register(
    { issuer, clientId, name: host, authUrl: `${issuer}/auth`, tokenUrl: `${issuer}/token`, jwksUrl: tool.services.sandbox!.identity.jwksUrl, deploymentIds: [deploymentId] },
    { checkJwks: false },
  );
  return { login: { iss: issuer, client_id: clientId, lti_deployment_id: deploymentId }, identity: { issuer, clientId, deploymentId } };
}

/** An API answer: status and parsed JSON body (null when empty). */
export interface Answer<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number;
  body: T;
}

/** Calls the API as a session; `body` is sent as JSON. */
export async function call<T = any>(tool: TestTool, method: string, path: string, who: Launched | string | null, body?: unknown): Promise<Answer<T>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const token = typeof who === 'string' || who === null ? who : who.token;
  const res = await api(tool, path, token, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/**
 * A sandbox persona's session in the sandbox's own demo course, launched as the sandbox LMS launches them (with its
 * roster and gradebook claims, unlike {@link launchIn}).
 */
export async function sandboxSession(tool: TestTool, persona: string): Promise<Launched> {
  const { token } = await launchAs(tool, persona);
  if (!token) throw new Error(`no session for ${persona}`);
  const me = (await (await api(tool, '/api/me', token)).json()) as { user: { id: string }; context: { id: string } };
  return { token, userId: me.user.id, contextId: me.context.id };
}
