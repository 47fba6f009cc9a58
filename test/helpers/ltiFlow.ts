import type { TestTool } from './testTool';
import { CookieJar, readForm } from './browserlessClient';

/** The login parameters a platform sends; tests override any of them. */
export type LoginOverrides = Partial<Record<'iss' | 'login_hint' | 'target_link_uri' | 'client_id' | 'lti_deployment_id' | 'lti_message_hint' | 'lti_storage_target', string | undefined>>;

/** Runs OIDC login initiation like a platform would, returning the redirect to the platform. */
export async function initiateLogin(tool: TestTool, jar: CookieJar, overrides: LoginOverrides = {}): Promise<Response> {
  const id = tool.services.sandbox!.identity;
  const params: Record<string, string | undefined> = {
    iss: id.issuer,
    login_hint: 'teacher-1',
    target_link_uri: id.toolLaunchUrl,
    client_id: id.clientId,
    lti_deployment_id: id.deploymentId,
    lti_message_hint: '{}',
    ...overrides,
  };
  const body = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  const res = await fetch(`${tool.url}/lti/login`, { method: 'POST', body, redirect: 'manual' });
  jar.store(res);
  return res;
}

/** Follows the login redirect to the sandbox platform's auth endpoint; returns what it auto-posts. */
export async function authorizeAtPlatform(res: Response): Promise<{ action: string; fields: Record<string, string> }> {
  const location = res.headers.get('location');
  if (!location) throw new Error(`login did not redirect (status ${res.status})`);
  const auth = await fetch(location);
  if (auth.status !== 200) throw new Error(`platform refused: ${auth.status} ${await auth.text()}`);
  return readForm(await auth.text());
}

/** Posts a launch form to the tool with the jar's cookies. */
export async function postLaunch(tool: TestTool, jar: CookieJar, fields: Record<string, string>): Promise<Response> {
  const cookie = jar.header();
  const res = await fetch(`${tool.url}/lti/launch`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: cookie ? { cookie } : {},
    redirect: 'manual',
  });
  jar.store(res);
  return res;
}

/** The whole handshake as the sandbox performs it: login → platform auth → launch. */
export async function launchAs(tool: TestTool, persona: string, spec: object = {}, jar = new CookieJar()) {
  const login = await initiateLogin(tool, jar, { login_hint: persona, lti_message_hint: JSON.stringify(spec) });
  const form = await authorizeAtPlatform(login);
  const res = await postLaunch(tool, jar, form.fields);
  const html = await res.text();
  const token = /<meta name="staffroom-session" content="([^"]+)">/.exec(html)?.[1] ?? null;
  return { res, html, token, form, jar };
}

/** Calls the API with a session token. */
export async function api(tool: TestTool, path: string, token: string | null, init: RequestInit = {}): Promise<Response> {
  return fetch(`${tool.url}${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) } });
}
