import { launchErrors } from './launchErrors';
import type { LoginStateSeal } from './loginState.seal';
import type { Platform, PlatformStore } from './platform.store';

/** The OIDC third-party login initiation parameters (GET query or POST form). */
export interface LoginParams {
  iss?: unknown;
  login_hint?: unknown;
  target_link_uri?: unknown;
  lti_message_hint?: unknown;
  lti_deployment_id?: unknown;
  client_id?: unknown;
  lti_storage_target?: unknown;
}

/** Where to send the browser next, and what to bind to it. */
export interface LoginResult {
  platform: Platform;
  state: string;
  nonce: string;
  authRedirect: string;
  storageTarget: string | null;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Picks the registration a login or launch is for; Canvas cloud shares an issuer, so client_id decides. */
export async function resolvePlatform(store: PlatformStore, issuer: string, clientId: string | undefined): Promise<Platform> {
  // The cache answers the usual case; anything that would be refused is decided on a fresh read.
  const cached = pick(await store.findByIssuerCached(issuer), clientId);
  return cached ?? pickOrRefuse(await store.findByIssuer(issuer), issuer, clientId);
}

function pick(candidates: Platform[], clientId: string | undefined): Platform | null {
  return (clientId ? candidates.find((p) => p.clientId === clientId) : candidates.length === 1 ? candidates[0] : null) ?? null;
}

function pickOrRefuse(candidates: Platform[], issuer: string, clientId: string | undefined): Platform {
  if (clientId) {
    const match = candidates.find((p) => p.clientId === clientId);
    if (!match) throw launchErrors.unknownPlatform(issuer, clientId);
    return match;
  }
  if (candidates.length === 0) throw launchErrors.unknownPlatform(issuer);
  if (candidates.length > 1) throw launchErrors.ambiguousPlatform(issuer);
  return candidates[0]!;
}

/** OIDC third-party initiated login: issues a sealed state and its nonce (nothing stored), then sends the browser to the platform. */
export function createLoginService(deps: {
  platforms: PlatformStore;
  seal: LoginStateSeal;
  publicUrl: string;
  launchUrl: string;
  stateTtlSeconds: number;
}) {
  const toolOrigin = new URL(deps.publicUrl).origin;
  return {
    async initiate(params: LoginParams, now: Date = new Date()): Promise<LoginResult> {
      const iss = str(params.iss);
      const loginHint = str(params.login_hint);
      const target = str(params.target_link_uri);
      if (!iss) throw launchErrors.missingParam('iss');
      if (!loginHint) throw launchErrors.missingParam('login_hint');
      if (!target) throw launchErrors.missingParam('target_link_uri');
      let targetOrigin: string | null = null;
      try {
        targetOrigin = new URL(target).origin;
      } catch {
        /* reported below */
      }
      if (targetOrigin !== toolOrigin) throw launchErrors.badTargetLink(target);

      let platform = await resolvePlatform(deps.platforms, iss, str(params.client_id));
      const deploymentId = str(params.lti_deployment_id);
      // An adopting registration (Canvas dynamic registration) learns its deployment from the signed launch that follows.
      const knows = (p: Platform) => !deploymentId || p.deploymentIds.includes(deploymentId) || p.adoptsNewDeployments;
      if (!knows(platform)) platform = pickOrRefuse(await deps.platforms.findByIssuer(iss), iss, str(params.client_id)); // maybe just added
      if (!knows(platform)) throw launchErrors.unknownDeployment(deploymentId!, iss);

      const offeredStorage = str(params.lti_storage_target);
      const storageTarget = offeredStorage && offeredStorage.length <= 255 ? offeredStorage : null; // a frame name; longer is not one
      const { state, nonce } = deps.seal.issue({ platformId: platform.id, storageTarget, expiresAt: new Date(now.getTime() + deps.stateTtlSeconds * 1000) });

      // The redirect_uri is always our registered launch URL, never the raw target_link_uri.
      const auth = new URL(platform.authUrl);
      const query: Record<string, string> = {
        scope: 'openid',
        response_type: 'id_token',
        response_mode: 'form_post',
        prompt: 'none',
        client_id: platform.clientId,
        redirect_uri: deps.launchUrl,
        login_hint: loginHint,
        state,
        nonce,
      };
      const messageHint = str(params.lti_message_hint);
      if (messageHint) query.lti_message_hint = messageHint; // echoed unchanged (Moodle's is JSON)
      for (const [k, v] of Object.entries(query)) auth.searchParams.set(k, v);
      return { platform, state, nonce, authRedirect: auth.toString(), storageTarget };
    },
  };
}

/** OIDC login initiation. */
export type LoginService = ReturnType<typeof createLoginService>;
