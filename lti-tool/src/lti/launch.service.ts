import type { AuditStore } from '../audit/audit.store';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { IdentityStore, LaunchCommit, RecordedLaunch } from './identity.store';
import type { LaunchServicesStore } from './launchServices.store';
import { verifyIdToken } from './idToken';
import { readLaunchClaims, type LaunchClaims } from './launch.claims';
import { launchErrors } from './launchErrors';
import type { LoginStateSeal } from './loginState.seal';
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
  | { kind: 'session'; token: string; role: StaffroomRole; claims: LaunchClaims; platform: Platform; sessionId: string; userId: string; contextId: string; deploymentRowId: string }
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
  /** The member's school after the launch (enrolment fills it in for members without one). */
  memberSchool: string | null;
  /** Whether any staff enrolment run targeted this context (read in the launch statement, so follow-ups need no query to know). */
  contextHasEnrolmentRuns: boolean;
  claims: LaunchClaims;
}

/**
 * Runs inside the launch transaction, so its writes (and enqueued jobs) commit with the launch. A launch with
 * such hooks takes a transaction (BEGIN, statement, hooks, COMMIT); prefer a LaunchFollowUp where atomicity
 * is not needed.
 */
export type LaunchHook = (event: LaunchedEvent, trx: Knex.Transaction) => Promise<void>;

/**
 * Work a launch may trigger after it committed (the first roster sync, an enrolled member's school). `wants`
 * decides without I/O, so the usual launch is one statement; `run` is awaited before the launch answers, and
 * its failure is logged, never fails the launch: each follow-up is idempotent and a later launch (or the
 * nightly job) redoes it.
 */
export interface LaunchFollowUp {
  name: string;
  wants(event: LaunchedEvent): boolean;
  run(event: LaunchedEvent): Promise<void>;
}

/** Validates LTI 1.3 launches and opens Staffroom sessions. Nothing is written unless every check passes. */
export function createLaunchService(deps: {
  db: Knex;
  platforms: PlatformStore;
  keys: PlatformKeys;
  seal: LoginStateSeal;
  identities: IdentityStore;
  /** Kept for the app's wiring; launches record service endpoints through identities.recordLaunch. */
  launchServices: LaunchServicesStore;
  /** Filled by features after construction; read at each launch. */
  hooks: LaunchHook[];
  /** Filled by features after construction; read at each launch. */
  followUps?: LaunchFollowUp[];
  /** Where follow-up failures are reported. */
  logger?: Pick<Logger, 'error'>;
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
      // Every check on the sealed state is made here, before anything is written; the launch statement then
      // marks it used, so a replay finds it taken (null below).
      const saved = deps.seal.open(state);
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
      const opened = await openSession({ stateId: saved.id, stateExpiresAt: saved.expiresAt, platform, knownDeployment, claims, now });
      if (!opened) throw launchErrors.stateUnknown(); // already used
      return { kind: 'session', ...opened, claims, platform };
    },
  };
  return service;

  /**
   * Marks the login state used and records the launch: one autocommitted statement in the usual case; a
   * transaction only to adopt a new deployment or for in-transaction hooks. Then runs the follow-ups that want
   * this launch and signs the session token. Null, with nothing written, when the state was already used.
   */
  async function openSession(o: { stateId: string; stateExpiresAt: Date; platform: Platform; knownDeployment: Deployment | null; claims: LaunchClaims; now: Date }) {
    const { claims, platform, now } = o;
    const role = mapRoles(claims.roles);
    const sessionId = randomUUID();
    const record = (deploymentRowId: string, q: Knex, commit: LaunchCommit) =>
      deps.identities.recordLaunch(
        {
          stateId: o.stateId,
          stateExpiresAt: o.stateExpiresAt,
          user: { platformId: platform.id, sub: claims.sub, name: claims.name, givenName: claims.givenName, familyName: claims.familyName, email: claims.email },
          context: { deploymentRowId, ltiContextId: claims.context.id, title: claims.context.title, label: claims.context.label },
          membership: { ltiRoles: claims.roles, role, at: now },
          session: {
            id: sessionId,
            messageType: claims.messageType,
            resourceLinkId: claims.resourceLinkId,
            // Only what readers of sessions.launch use (/api/me: custom; deep linking: its settings). The service
            // endpoints are kept per course in context_services and resource_links, not copied into every session row.
            launch: { custom: claims.services.custom, deepLinking: claims.services.deepLinking },
            expiresAt: new Date(now.getTime() + deps.tokens.ttlSeconds * 1000),
          },
          services: claims.services,
          resourceLink: claims.resourceLinkId ? { id: claims.resourceLinkId, title: claims.resourceLinkTitle } : null,
        },
        q,
        commit,
      );
    const toEvent = (deploymentRowId: string, row: RecordedLaunch): LaunchedEvent => ({
      platformId: platform.id,
      deploymentRowId,
      contextId: row.contextId,
      userId: row.userId,
      role,
      contextCreated: row.contextCreated,
      memberSchool: row.memberSchool,
      contextHasEnrolmentRuns: row.contextHasEnrolmentRuns,
      claims,
    });

    let event: LaunchedEvent;
    if (o.knownDeployment && deps.hooks.length === 0) {
      // One statement is atomic on its own: no BEGIN/COMMIT round trips. Everything it writes the next launch
      // writes again, so it commits without waiting for the WAL flush (ADR 0015).
      const row = await record(o.knownDeployment.id, deps.db, 'async');
      if (!row) return null;
      event = toEvent(o.knownDeployment.id, row);
    } else {
      const notConsumed = new Error('state not consumed');
      try {
        event = await deps.db.transaction(async (trx) => {
          let deployment = o.knownDeployment;
          if (!deployment) {
            const adopted = await deps.platforms.adoptDeployment(platform.id, claims.deploymentId, trx);
            deployment = adopted.deployment;
            const details = { deploymentId: claims.deploymentId };
            if (adopted.created) await deps.audit?.record({ action: 'platform.deployment_adopted', actorKind: 'lms', platformId: platform.id, deploymentRowId: deployment.id, subjectType: 'platform', subjectId: platform.id, details }, trx);
          }
          const row = await record(deployment.id, trx, 'inherit');
          if (!row) throw notConsumed; // rolls back an adopted deployment too
          const recorded = toEvent(deployment.id, row);
          for (const hook of deps.hooks) await hook(recorded, trx);
          return recorded;
        });
      } catch (e) {
        if (e === notConsumed) return null;
        throw e;
      }
    }
    for (const followUp of deps.followUps ?? []) {
      if (!followUp.wants(event)) continue;
      await followUp.run(event).catch((err: unknown) => deps.logger?.error({ err, followUp: followUp.name, contextId: event.contextId }, 'launch follow-up failed'));
    }
    const token = deps.tokens.sign({ sessionId, userId: event.userId, contextId: event.contextId, platformId: platform.id, deploymentId: event.deploymentRowId, role }, now);
    return { token, role, sessionId, userId: event.userId, contextId: event.contextId, deploymentRowId: event.deploymentRowId };
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
