import { CookieJar } from '../helpers/browserlessClient';
import { sessionTokenIn } from '../helpers/launchAssertions';
import { api, postLaunch, signedLaunch, type LoginOverrides } from '../helpers/ltiFlow';
import type { TestTool } from '../helpers/testTool';
import type { SandboxIdentity } from '../../lti-tool/src/sandbox/sandbox.claims';
import type { Persona } from '../../lti-tool/src/sandbox/sandbox.personas';
import { buildCohort } from './factories';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const M = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';
const INST = 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#';

/** A signed-in person: their token and who/where the tool says they are. */
export interface Who {
  token: string;
  userId: string;
  contextId: string;
}

/** A made-up person with a Staffroom role, for launches into courses the test invents. */
export function person(id: string, name: string, role: 'admin' | 'lead' | 'participant'): Persona {
  const roles = role === 'admin' ? [`${INST}Administrator`, `${M}Instructor`] : role === 'lead' ? [`${M}Instructor`] : [`${M}Learner`];
  return { id, sub: `modules-${id}`, name, givenName: name.split(' ')[0]!, familyName: name.split(' ')[1] ?? '', email: `${id}@example.edu`, roles, description: 'test person' };
}

/**
 * Launches a persona into a course (by LTI context id) through the sandbox; returns their session. The launch
 * carries no NRPS claim, so no roster sync runs: membership comes from launches only and tests control it.
 */
export async function launchInto(tool: TestTool, who: string | Persona, courseId: string, tenant: Tenant = {}): Promise<Who> {
  const jar = new CookieJar();
  const { fields } = await signedLaunch(tool, jar, {
    persona: who,
    login: tenant.login,
    identity: tenant.identity,
    edit: (c) => {
      c[`${LTI}context`] = { id: courseId, title: `Course ${courseId}`, label: courseId, type: ['http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering'] };
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

/** Which registration and deployment a launch comes from (the sandbox's when empty). */
export interface Tenant {
  login?: LoginOverrides;
  identity?: Partial<SandboxIdentity>;
}

/** Registers another LMS (another platform, signing with keys the tool can fetch); returns its tenant. */
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

/** An API answer: status and parsed JSON body. */
export interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Calls the API as a session; `body` is sent as JSON. */
export async function call(tool: TestTool, method: string, path: string, who: Who | null, body?: unknown): Promise<Answer> {
  const res = await api(tool, path, who?.token ?? null, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** A course with an admin, a lead and three teachers launched into it, and a cohort it holds. */
export async function courseWithCohort(tool: TestTool, courseId: string, o: { workVisibility?: 'cohort' | 'leads_only' } = {}) {
  const admin = await launchInto(tool, person(`${courseId}-admin`, 'Ada Admin', 'admin'), courseId);
  const lead = await launchInto(tool, person(`${courseId}-lead`, 'Lee Lead', 'lead'), courseId);
  const teachers = [];
  for (const [i, name] of ['Tess One', 'Theo Two', 'Tia Three'].entries()) teachers.push(await launchInto(tool, person(`${courseId}-t${i + 1}`, name, 'participant'), courseId));
  const cohortId = await buildCohort(tool.db, admin.contextId, { title: `Cohort of ${courseId}`, workVisibility: o.workVisibility });
  return { admin, lead, teachers: teachers as [Who, Who, Who], cohortId };
}

/** A step as the editor API takes it. */
export interface StepInput {
  kind: 'read' | 'reflect' | 'audition' | 'checkpoint' | 'inquiry' | 'survey';
  title: string;
  estimatedMinutes: number;
  content?: unknown;
}

/** Creates and publishes a module through the editor API; returns its id and step ids (in order). */
export async function publishModule(
  tool: TestTool,
  admin: Who,
  cohortId: string,
  m: { title: string; pdMinutes?: number; unlockRule?: 'open' | 'after_previous'; reportsToGradebook?: boolean; steps: StepInput[] },
): Promise<{ moduleId: string; stepIds: string[] }> {
  const created = await call(tool, 'POST', `/api/cohorts/${cohortId}/modules`, admin, { title: m.title, pdMinutes: m.pdMinutes ?? 60, unlockRule: m.unlockRule ?? 'open', reportsToGradebook: m.reportsToGradebook ?? false });
  if (created.status !== 201) throw new Error(`create module: ${created.status} ${JSON.stringify(created.body)}`);
  const moduleId = created.body.moduleId as string;
  for (const s of m.steps) {
    const added = await call(tool, 'POST', `/api/cohorts/${cohortId}/modules/${moduleId}/draft/steps`, admin, s);
    if (added.status !== 201) throw new Error(`add step: ${added.status} ${JSON.stringify(added.body)}`);
  }
  const published = await call(tool, 'POST', `/api/cohorts/${cohortId}/modules/${moduleId}/publish`, admin);
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  return { moduleId, stepIds: (published.body.steps as { stepId: string }[]).map((s) => s.stepId) };
}

/** Three quick steps: read, reflect (author chooses visibility), checkpoint. */
export const threeSteps: StepInput[] = [
  { kind: 'read', title: 'Read the idea', estimatedMinutes: 10, content: { markdown: 'Why **visits** help.' } },
  { kind: 'reflect', title: 'Reflect', estimatedMinutes: 15, content: { prompt: 'What did you notice?', visibility: 'choice' } },
  { kind: 'checkpoint', title: 'Meet', estimatedMinutes: 30, content: { date: '2026-12-01', linkUrl: 'https://meet.example.org/abc', mode: 'live' } },
];
