import type { TestTool } from './testTool';
import { CookieJar, readForm } from './browserlessClient';
import { buildLaunchClaims, type ClaimOptions, type SandboxIdentity } from '../../lti-tool/src/sandbox/sandbox.claims';
import { findPersona, type Persona } from '../../lti-tool/src/sandbox/sandbox.personas';

/** The login parameters a platform sends; tests override any of them. */
export type LoginOverrides = Partial<Record<'iss' | 'login_hint' | 'target_link_uri' | 'client_id' | 'lti_deployment_id' | 'lti_message_hint' | 'lti_storage_target', string | undefined>>;

/** Runs OIDC login initiation like a platform would, returning the redirect to the platform. */
export async function initiateLogin(tool: TestTool, jar: CookieJar, overrides: LoginOverrides = {}): Promise<Response> {
  const res = await fetch(`${tool.url}/lti/login`, { method: 'POST', body: loginParams(tool, overrides), redirect: 'manual' });
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

/** The login parameters the sandbox sends, with overrides (undefined drops a parameter). */
export function loginParams(tool: TestTool, overrides: LoginOverrides = {}): URLSearchParams {
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
  return new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
}

/** OIDC login initiation by GET, as some platforms do it. */
export async function initiateLoginGet(tool: TestTool, jar: CookieJar, overrides: LoginOverrides = {}): Promise<Response> {
  const res = await fetch(`${tool.url}/lti/login?${loginParams(tool, overrides)}`, { redirect: 'manual' });
  jar.store(res);
  return res;
}

/** The platform auth redirect a login answered with, and the state and nonce in it. */
export function loginRedirect(res: Response): { url: URL; state: string; nonce: string } {
  const location = res.headers.get('location');
  if (!location) throw new Error(`login did not redirect (status ${res.status})`);
  const url = new URL(location);
  return { url, state: url.searchParams.get('state') ?? '', nonce: url.searchParams.get('nonce') ?? '' };
}

/** Options for a launch whose token the test builds itself. */
export interface SignedLaunchOptions {
  /** Whose claims to start from (a sandbox persona id, or a persona made up by the test). */
  persona?: string | Persona;
  /** Changes the claims before signing. */
  edit?: (claims: Record<string, unknown>) => void;
  /** Login parameters (e.g. another platform's iss and client_id). */
  login?: LoginOverrides;
  /** Claims as another registration would send them (issuer, client id, deployment). */
  identity?: Partial<SandboxIdentity>;
  claims?: Omit<ClaimOptions, 'nonce'>;
}

/**
 * Logs in, then builds and signs (with the sandbox key) the id_token the platform would send back for that
 * login's state and nonce, edited as the test wants. Returns the launch form, ready for postLaunch.
 */
export async function signedLaunch(tool: TestTool, jar: CookieJar, o: SignedLaunchOptions = {}) {
  const sandbox = tool.services.sandbox!;
  const persona = typeof o.persona === 'object' ? o.persona : findPersona(o.persona ?? 'teacher-1');
  if (!persona) throw new Error(`no sandbox persona ${String(o.persona)}`);
  const login = await initiateLogin(tool, jar, { login_hint: persona.id, ...o.login });
  const { state, nonce } = loginRedirect(login);
  const claims = buildLaunchClaims({ ...sandbox.identity, ...o.identity }, persona, { ...o.claims, nonce });
  o.edit?.(claims);
  return { fields: { id_token: await sandbox.sign(claims), state }, claims, state, nonce };
}
