import type { Knex } from 'knex';
import { CookieJar } from '../helpers/browserlessClient';
import { authorizeAtPlatform, initiateLogin, postLaunch } from '../helpers/ltiFlow';
import type { TestTool } from '../helpers/testTool';

/** What the sandbox hands out to start a registration (like Canvas's /api/lti/registration_token). */
export interface RegistrationStart {
  client_id: string;
  token: string;
  oidc_configuration_url: string;
  registration_url: string;
}

/** Asks the sandbox for a registration token; `flags` is its query (as, misbehave, services, client_id). */
export async function startRegistration(tool: TestTool, flags: Record<string, string> = {}): Promise<RegistrationStart> {
  const res = await fetch(`${tool.url}/sandbox/registration-token?${new URLSearchParams(flags)}`);
  if (res.status !== 200) throw new Error(`sandbox refused a registration token: ${res.status} ${await res.text()}`);
  return (await res.json()) as RegistrationStart;
}

/** Opens the tool's registration URL as the LMS's iframe would; returns the page. */
export async function openRegistration(url: string): Promise<{ res: Response; html: string }> {
  const res = await fetch(url);
  return { res, html: await res.text() };
}

/** The whole Dynamic Registration as an LMS admin starts it from the sandbox. */
export async function registerThroughSandbox(tool: TestTool, flags: Record<string, string> = {}) {
  const start = await startRegistration(tool, flags);
  return { start, ...(await openRegistration(start.registration_url)) };
}

/** Row counts of what a registration writes, to prove a refused one wrote nothing. */
export async function registrationRows(db: Knex): Promise<{ platforms: number; deployments: number; log: number }> {
  const count = async (table: string) => Number((await db(table).count<{ n: string | number }[]>({ n: '*' }).first())?.n ?? 0);
  return { platforms: await count('platforms'), deployments: await count('deployments'), log: await count('platform_registrations_log') };
}

/** A full launch (login → sandbox auth → launch) through a dynamically registered client. */
export async function launchWithClient(tool: TestTool, clientId: string, deploymentId: string, persona = 'teacher-1') {
  const jar = new CookieJar();
  const login = await initiateLogin(tool, jar, { client_id: clientId, lti_deployment_id: deploymentId, login_hint: persona });
  if (login.status !== 302) return { login, launch: null, html: await login.text(), idToken: null };
  const form = await authorizeAtPlatform(login);
  const launch = await postLaunch(tool, jar, form.fields);
  return { login, launch, html: await launch.text(), idToken: form.fields.id_token ?? null };
}

/** The claims of a JWT, unverified (the test only reads what the platform put in). */
export const jwtClaims = (jwt: string): Record<string, unknown> => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());
