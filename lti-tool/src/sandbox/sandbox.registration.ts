import { createHmac, createPublicKey, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import { jwtVerify, SignJWT } from 'jose';
import { escapeHtml, htmlPage } from '../http/html';
import { deriveKey } from '../lti/secretBox';
import type { SandboxPlatform } from './sandbox.platform';
import {
  flagsQuery,
  openidConfiguration,
  registrationFlagsSchema,
  registrationProblems,
  registrationResponse,
  toolRegistrationSchema,
  type RegistrationFlags,
} from './sandbox.registrationDocs';

const TOKEN_SECONDS = 3600; // Moodle's registration tokens live an hour
const CLIENT_ID = /^sandbox-dyn-([0-9a-f]{12})-([0-9a-f]{16})$/;

/**
 * Client ids the sandbox hands out through Dynamic Registration: `sandbox-dyn-<id>-<mac>`. The MAC
 * (keyed by the tool secret) lets the sandbox's auth endpoint recognise them without a table.
 */
export function createSandboxClientIds(secret: string) {
  const key = deriveKey(secret, 'sandbox-dynamic-client:v1');
  const mac = (id: string) => createHmac('sha256', key).update(id).digest('hex').slice(0, 16);
  return {
    issue(): string {
      const id = randomBytes(6).toString('hex');
      return `sandbox-dyn-${id}-${mac(id)}`;
    },
    /** The deployment that goes with a client id the sandbox issued; null for any other string. */
    deploymentFor(clientId: string): string | null {
      const m = CLIENT_ID.exec(clientId);
      if (!m || !timingSafeEqual(Buffer.from(m[2]!), Buffer.from(mac(m[1]!)))) return null;
      return `sandbox-dyn-deployment-${m[1]}`;
    },
  };
}

/** Sandbox client ids. */
export type SandboxClientIds = ReturnType<typeof createSandboxClientIds>;

const oauthError = (res: Response, status: number, error: string, description: string) =>
  void res.status(status).set('cache-control', 'no-store').json({ error, error_description: description });

function readFlags(req: Request, res: Response): RegistrationFlags | null {
  const parsed = registrationFlagsSchema.safeParse(req.query);
  if (parsed.success) return parsed.data;
  oauthError(res, 400, 'invalid_request', `unknown sandbox flags: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return null;
}

function registerPage(toolRegisterUrl: string, flags: RegistrationFlags, frameUrl: string | null): string {
  const option = (value: string, label: string) => `<option value="${value}"${flags.as === value ? ' selected' : ''}>${label}</option>`;
  return htmlPage({
    title: 'Sandbox LMS: add a tool by URL',
    scripts: ['/sandbox/assets/sandbox-register.js'],
    body:
      `<h1>Sandbox LMS: add a tool by URL</h1>` +
      `<p>What an LMS admin does with LTI Dynamic Registration (Moodle: <em>Manage tools → Tool URL → Add LTI Advantage</em>; Canvas: <em>+ LTI Registration</em>). Off in production. <a href="/sandbox">Back to the sandbox LMS</a>.</p>` +
      `<form method="get" action="/sandbox/register"><p><label for="tool-url">Tool registration URL</label><br><input id="tool-url" name="tool" size="60" value="${escapeHtml(toolRegisterUrl)}" readonly></p>` +
      `<p><label for="as">Behave as</label><br><select id="as" name="as">${option('sandbox', 'Sandbox LMS')}${option('moodle', 'Moodle 4.5')}${option('canvas', 'Canvas')}</select></p>` +
      `<input type="hidden" name="start" value="1"><p><button type="submit">Add LTI Advantage tool</button></p></form>` +
      `<p id="registration-status" role="status"></p>` +
      (frameUrl ? `<iframe id="registration-frame" class="frame" title="Tool registration" src="${escapeHtml(frameUrl)}"></iframe>` : ''),
  });
}

/**
 * The sandbox platform's side of LTI Dynamic Registration: a registration token (as Canvas's
 * /api/lti/registration_token gives), the OpenID configuration, the registration endpoint that checks
 * the tool's document strictly, and an "add tool by URL" page. Mounted only when the sandbox is on.
 */
export function sandboxRegistrationRoutes(deps: { platform: SandboxPlatform; secret: string; toolRegisterUrl: string }): Router {
  const router = Router();
  const { identity } = deps.platform;
  const clients = createSandboxClientIds(deps.secret);
  const usedTokens = new Set<string>(); // jti of tokens that registered a tool: single use, as in Moodle

  async function issueToken(clientId: string): Promise<string> {
    const k = await deps.platform.key();
    return new SignJWT({ scope: 'reg' })
      .setProtectedHeader({ alg: 'RS256', kid: k.kid, typ: 'JWT' })
      .setIssuer(identity.issuer)
      .setSubject(clientId)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${TOKEN_SECONDS}s`)
      .sign(k.privateKey);
  }

  /** The client id and jti a valid bearer registration token grants, or why it does not. */
  async function checkToken(req: Request): Promise<{ clientId: string; jti: string } | string> {
    const m = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '');
    if (!m) return 'a bearer registration token is required';
    try {
      const k = await deps.platform.key();
      const { payload } = await jwtVerify(m[1]!, createPublicKey(k.privateKey), { algorithms: ['RS256'], issuer: identity.issuer, requiredClaims: ['exp', 'jti', 'sub'] });
      if (payload.scope !== 'reg') return 'the token is not a registration token (scope reg)';
      if (!clients.deploymentFor(String(payload.sub))) return 'the token names a client the sandbox did not issue';
      if (usedTokens.has(String(payload.jti))) return 'the registration token was already used';
      return { clientId: String(payload.sub), jti: String(payload.jti) };
    } catch (e) {
      return `the registration token is not valid: ${(e as Error).message}`;
    }
  }

  async function registrationStart(flags: RegistrationFlags, clientId: string) {
    const token = await issueToken(clientId);
    const oidcUrl = `${identity.issuer}/.well-known/openid-configuration${flagsQuery(flags)}`;
    const q = new URLSearchParams({ openid_configuration: oidcUrl, registration_token: token });
    return { client_id: clientId, token, oidc_configuration_url: oidcUrl, registration_url: `${deps.toolRegisterUrl}?${q}` };
  }

  router.get('/sandbox/registration-token', async (req, res) => {
    const { client_id: existing, ...rest } = req.query;
    const flags = registrationFlagsSchema.safeParse(rest);
    if (!flags.success) return oauthError(res, 400, 'invalid_request', 'unknown sandbox flags');
    // Re-registering (Moodle's "update the tool") keeps the client id: pass it in.
    if (existing !== undefined && (typeof existing !== 'string' || !clients.deploymentFor(existing))) {
      return oauthError(res, 400, 'invalid_request', 'client_id is not a client the sandbox registered');
    }
    res.set('cache-control', 'no-store').json(await registrationStart(flags.data, typeof existing === 'string' ? existing : clients.issue()));
  });

  router.get('/sandbox/.well-known/openid-configuration', async (req, res) => {
    const flags = readFlags(req, res);
    if (!flags) return;
    const token = await checkToken(req);
    if (typeof token === 'string') return oauthError(res, 401, 'invalid_token', token);
    res.set('cache-control', 'no-store');
    if (flags.misbehave === 'config_html') return void res.type('html').send('<!doctype html><title>Log in</title><h1>Log in to the LMS</h1>');
    if (flags.misbehave === 'config_garbage') return void res.type('application/json').send('{"issuer": "' + identity.issuer + '", "authorization_endpoint": ');
    res.json(openidConfiguration(identity, flags));
  });

  router.post('/sandbox/registration', express.json({ limit: '64kb' }), async (req, res) => {
    const flags = readFlags(req, res);
    if (!flags) return;
    const token = await checkToken(req);
    if (typeof token === 'string') return oauthError(res, 401, 'invalid_token', token);
    if (!req.is('application/json')) return oauthError(res, 400, 'invalid_request', 'the registration must be sent as application/json');
    if (flags.misbehave === 'refuse') return oauthError(res, 400, 'invalid_client_metadata', 'The sandbox refuses this registration (misbehave=refuse).');
    const parsed = toolRegistrationSchema.safeParse(req.body);
    if (!parsed.success) {
      return oauthError(res, 400, 'invalid_client_metadata', parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
    }
    const problem = registrationProblems(parsed.data, identity, flags);
    if (problem) return oauthError(res, 400, problem.error, problem.description);
    const jwks = await fetch(parsed.data.jwks_uri, { signal: AbortSignal.timeout(5000) })
      .then(async (r) => (r.ok ? ((await r.json()) as { keys?: unknown }) : null))
      .catch(() => null);
    if (!Array.isArray(jwks?.keys) || jwks.keys.length === 0) {
      return oauthError(res, 400, 'invalid_client_metadata', `jwks_uri ${parsed.data.jwks_uri} did not answer with a key set`);
    }
    if (flags.misbehave === 'registration_garbage') return void res.status(201).type('application/json').send('{"client_id": "sandbox-dyn-');
    usedTokens.add(token.jti);
    const deploymentId = clients.deploymentFor(token.clientId)!;
    res.status(201).set('cache-control', 'no-store').json(registrationResponse(parsed.data, flags, token.clientId, deploymentId));
  });

  router.get('/sandbox/register', async (req, res) => {
    const { start, tool: _tool, ...rest } = req.query;
    const flags = registrationFlagsSchema.safeParse(rest);
    const chosen = flags.success ? flags.data : registrationFlagsSchema.parse({});
    const frameUrl = start === '1' ? (await registrationStart(chosen, clients.issue())).registration_url : null;
    res.set('cache-control', 'no-store').type('html').send(registerPage(deps.toolRegisterUrl, chosen, frameUrl));
  });

  return router;
}
