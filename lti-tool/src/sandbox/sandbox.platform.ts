import { createPublicKey } from 'node:crypto';
import type { Knex } from 'knex';
import { AppError } from '../http/errors';
import type { SecretBox } from '../lti/secretBox';
import { buildLaunchClaims, type SandboxIdentity } from './sandbox.claims';
import { createSandboxLinkStore } from './sandbox.deepLinking';
import { signIdToken } from './sandbox.forge';
import { loadSandboxKey, type SandboxKey } from './sandbox.keys';
import { findPersona } from './sandbox.personas';
import { TAMPERS, isTamper, type Tamper } from './sandbox.tampers';

/** What a launch through the sandbox should look like, carried in lti_message_hint as JSON. */
export interface LaunchSpec {
  messageType?: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
  anonymous?: boolean;
  tamper?: string;
  /** Launch a link placed by deep linking (a sandbox_links id). */
  linkId?: string;
}

/** The auto-post the platform sends the browser back with. */
export interface AuthResponse {
  redirectUri: string;
  idToken: string;
  state: string;
}

const refuse = (message: string) => new AppError(400, 'sandbox_auth_refused', `Sandbox platform: ${message}`);

function parseSpec(hint: unknown): LaunchSpec {
  if (typeof hint !== 'string' || hint === '') return {};
  try {
    const spec = JSON.parse(hint) as LaunchSpec;
    return spec && typeof spec === 'object' ? spec : {};
  } catch {
    throw refuse('lti_message_hint is not the JSON the sandbox sent');
  }
}

/** The sandbox LTI 1.3 platform: its identity, keys and OIDC authorisation endpoint logic. */
export function createSandboxPlatform(deps: {
  db: Knex;
  box: SecretBox;
  publicUrl: string;
  /** Clients registered through the sandbox's Dynamic Registration (sandbox.registration.ts). */
  dynamicClients?: { deploymentFor(clientId: string): string | null };
}) {
  const issuer = `${deps.publicUrl}/sandbox`;
  const identity: SandboxIdentity = {
    issuer,
    clientId: 'staffroom-sandbox-client',
    deploymentId: 'sandbox-deployment-1',
    authUrl: `${issuer}/auth`,
    tokenUrl: `${issuer}/token`,
    jwksUrl: `${issuer}/jwks`,
    toolLaunchUrl: `${deps.publicUrl}/lti/launch`,
  };
  let keyPromise: Promise<SandboxKey> | null = null;
  const key = () => (keyPromise ??= loadSandboxKey(deps.db, deps.box));
  const links = createSandboxLinkStore(deps.db);

  return {
    identity,
    key,
    links,
    async jwks() {
      return { keys: [(await key()).publicJwk] };
    },
    /** Signs claims with the platform key, optionally broken in the way a tamper recipe says. */
    async sign(claims: Record<string, unknown>, tamper?: Tamper): Promise<string> {
      const k = await key();
      const token = await signIdToken(claims, { ...k, publicKey: createPublicKey(k.privateKey) }, tamper?.sign);
      return tamper?.after ? tamper.after(token) : token;
    },
    /** The OIDC authorisation endpoint: checks the request as Moodle does and builds the id_token. */
    async authorize(params: Record<string, unknown>): Promise<AuthResponse> {
      if (params.scope !== 'openid') throw refuse('scope must be openid');
      if (params.response_type !== 'id_token') throw refuse('response_type must be id_token');
      if (params.response_mode !== 'form_post') throw refuse('response_mode must be form_post');
      if (params.prompt !== 'none') throw refuse('prompt must be none');
      // A client registered by Dynamic Registration launches with its own client id and deployment.
      const dynamicDeployment = typeof params.client_id === 'string' && params.client_id !== identity.clientId ? (deps.dynamicClients?.deploymentFor(params.client_id) ?? null) : null;
      if (params.client_id !== identity.clientId && !dynamicDeployment) throw refuse('unknown client_id');
      const launchIdentity = dynamicDeployment ? { ...identity, clientId: String(params.client_id), deploymentId: dynamicDeployment } : identity;
      if (params.redirect_uri !== identity.toolLaunchUrl) throw refuse('redirect_uri is not registered for this tool');
      if (typeof params.nonce !== 'string' || params.nonce === '') throw refuse('nonce is required');
      if (typeof params.state !== 'string') throw refuse('state is required');
      const persona = typeof params.login_hint === 'string' ? findPersona(params.login_hint) : undefined;
      if (!persona) throw refuse('login_hint does not name a sandbox person');
      const spec = parseSpec(params.lti_message_hint);
      const link = spec.linkId === undefined ? null : await links.find(String(spec.linkId));
      if (spec.linkId !== undefined && !link) throw refuse('lti_message_hint names a link that is not in the course');
      const claims = buildLaunchClaims(launchIdentity, persona, { nonce: params.nonce, messageType: link ? 'LtiResourceLinkRequest' : spec.messageType, anonymous: spec.anonymous, link: link ?? undefined });
      const tamper = isTamper(spec.tamper) ? (TAMPERS[spec.tamper] as Tamper) : undefined;
      tamper?.claims?.(claims);
      return { redirectUri: identity.toolLaunchUrl, idToken: await this.sign(claims, tamper), state: params.state };
    },
  };
}

/** The sandbox platform emulator. */
export type SandboxPlatform = ReturnType<typeof createSandboxPlatform>;
