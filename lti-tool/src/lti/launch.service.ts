import type { AuditStore } from '../audit/audit.store';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { IdentityStore } from './identity.store';
import type { LaunchServicesStore } from './launchServices.store';
import { verifyIdToken } from './idToken';
import { readLaunchClaims, type LaunchClaims } from './launch.claims';
import { launchErrors } from './launchErrors';
import type { LoginStateStore } from './loginState.store';
import type { PlatformKeys } from './platformKeys';
import type { Deployment, Platform, PlatformStore } from './platform.store';
import { mapRoles, type StaffroomRole } from './roles';
import type { SessionTokens } from './session';

/** What the browser posted to the launch URL, plus the browser-binding evidence it carried. */
export interface LaunchInput {
  idToken: unknown;
  state: unknown;
  /** The state value from our login cookie, if the browser sent it. */
  cookieState: string | null;
  /** The state value read back from LTI platform storage, if the verify page did that. */
  storageState: string | null;
}

/** The outcome of a launch: a session, or a request to bind the browser through platform storage. */
export type LaunchOutcome =
  | { kind: 'session'; token: string; role: StaffroomRole; claims: LaunchClaims; platform: Platform; sessionId: string }
  | { kind: 'verify-storage'; platform: Platform; state: string; idToken: string; storageTarget: string };

/** What a successful launch did, for features that react to it (e.g. the first roster sync). */
export interface LaunchedEvent {
  platformId: string;
  deploymentRowId: string;
  contextId: string;
  userId: string;
  role: StaffroomRole;
  /** True on the first launch ever seen in this context. */
  contextCreated: boolean;
  claims: LaunchClaims;
}

/** Runs inside the launch transaction, so its writes (and enqueued jobs) commit with the launch. */
export type LaunchHook = (event: LaunchedEvent, trx: Knex.Transaction) => Promise<void>;

/** Validates LTI 1.3 launches and opens Staffroom sessions. Nothing is written unless every check passes. */
export function createLaunchService(deps: {
  db: Knex;
  platforms: PlatformStore;
  keys: PlatformKeys;
  states: LoginStateStore;
  identities: IdentityStore;
  /** Kept for the app's wiring; launches record service endpoints through identities.recordLaunch. */
  launchServices: LaunchServicesStore;
  /** Filled by features after construction; read at each launch. */
  hooks: LaunchHook[];
  tokens: SessionTokens;
  clockSkewSeconds: number;
  toolOrigin: string;
  /** Records adopted deployments (optional for callers that do not audit). */
  audit?: AuditStore;
}) {
  const service = {
    async launch(input: LaunchInput, now: Date = new Date()): Promise<LaunchOutcome> {
      if (typeof input.idToken !== 'string' || input.idToken.length === 0) throw launchErrors.missingIdToken();
      const { platform, claims: raw } = await verifyIdToken(input.idToken, { ...deps, now });
      const claims = readLaunchClaims(raw);
      const knownDeployment = await deps.platforms.findDeploymentCached(platform.id, claims.deploymentId);
      // A Canvas dynamic registration has no deployment until the app is installed: its first signed launch adds it.
      if (!knownDeployment && !platform.adoptsNewDeployments) throw launchErrors.unknownDeployment(claims.deploymentId, platform.issuer);
      if (claims.targetLinkUri && !sameOrigin(claims.targetLinkUri, deps.toolOrigin)) throw launchErrors.badTargetLink(claims.targetLinkUri);

      if (typeof input.state !== 'string' || input.state.length === 0) throw launchErrors.missingState();
      const state = input.state;
      const open = async (nonce: string): Promise<LaunchOutcome | null> => {
        const opened = await openSession({ state, nonce, platform, knownDeployment, claims, now });
        return opened && { kind: 'session', ...opened, claims, platform };
      };
      // The usual launch: the state cookie came back, so the browser is bound, and the statement that consumes
      // the state also checks its nonce, platform and expiry. Whatever it refuses is explained by the checks below.
      if (input.cookieState === state && typeof raw.nonce === 'string') {
        const outcome = await open(raw.nonce);
        if (outcome) return outcome;
      }
      const saved = await deps.states.find(state);
      if (!saved || saved.expiresAt <= now || saved.platformId !== platform.id) throw launchErrors.stateUnknown();
      if (raw.nonce !== saved.nonce) throw launchErrors.nonceMismatch();
      const bound = input.cookieState === state || (saved.storageTarget !== null && input.storageState === state);
      if (!bound) {
        // No cookie came back: if the platform offered storage, ask the browser to prove the state from there.
        if (saved.storageTarget !== null && input.storageState === null) {
          return { kind: 'verify-storage', platform, state, idToken: input.idToken, storageTarget: saved.storageTarget };
        }
        throw launchErrors.stateMismatch();
      }
      // Null: another launch consumed the state in between.
      const outcome = await open(saved.nonce);
      if (!outcome) throw launchErrors.stateUnknown();
      return outcome;
    },
  };
  return service;

  /**
   * Consumes the login state and records the launch in one transaction (one statement plus the hooks), then
   * signs the session token. Null, with nothing written, when no matching unexpired state was left to consume.
   */
  async function openSession(o: { state: string; nonce: string; platform: Platform; knownDeployment: Deployment | null; claims: LaunchClaims; now: Date }) {
    const { claims, platform, now } = o;
    const role = mapRoles(claims.roles);
    const sessionId = randomUUID();
    const notConsumed = new Error('state not consumed');
    let recorded: { userId: string; contextId: string; deploymentRowId: string };
    try {
      recorded = await deps.db.transaction(async (trx) => {
        let deployment = o.knownDeployment;
        if (!deployment) {
          const adopted = await deps.platforms.adoptDeployment(platform.id, claims.deploymentId, trx);
          deployment = adopted.deployment;
          const details = { deploymentId: claims.deploymentId };
          if (adopted.created) await deps.audit?.record({ action: 'platform.deployment_adopted', actorKind: 'lms', platformId: platform.id, deploymentRowId: deployment.id, subjectType: 'platform', subjectId: platform.id, details }, trx);
        }
        const row = await deps.identities.recordLaunch(
          {
            state: o.state,
            nonce: o.nonce,
            platformId: platform.id,
            now,
            user: { platformId: platform.id, sub: claims.sub, name: claims.name, givenName: claims.givenName, familyName: claims.familyName, email: claims.email },
            context: { deploymentRowId: deployment.id, ltiContextId: claims.context.id, title: claims.context.title, label: claims.context.label },
            membership: { ltiRoles: claims.roles, role, at: now },
            session: {
              id: sessionId,
              messageType: claims.messageType,
              resourceLinkId: claims.resourceLinkId,
              launch: claims.services,
              expiresAt: new Date(now.getTime() + deps.tokens.ttlSeconds * 1000),
            },
            services: claims.services,
            resourceLink: claims.resourceLinkId ? { id: claims.resourceLinkId, title: claims.resourceLinkTitle } : null,
          },
          trx,
        );
        if (!row) throw notConsumed; // rolls back an adopted deployment too
        const event: LaunchedEvent = { platformId: platform.id, deploymentRowId: deployment.id, contextId: row.contextId, userId: row.userId, role, contextCreated: row.contextCreated, claims };
        for (const hook of deps.hooks) await hook(event, trx);
        return { userId: row.userId, contextId: row.contextId, deploymentRowId: deployment.id };
      });
    } catch (e) {
      if (e === notConsumed) return null;
      throw e;
    }
    const token = await deps.tokens.sign({ sessionId, userId: recorded.userId, contextId: recorded.contextId, platformId: platform.id, deploymentId: recorded.deploymentRowId, role }, now);
    return { token, role, sessionId };
  }
}

function sameOrigin(uri: string, origin: string): boolean {
  try {
    return new URL(uri).origin === origin;
  } catch {
    return false;
  }
}

/** LTI 1.3 launch validation and session opening. */
export type LaunchService = ReturnType<typeof createLaunchService>;
