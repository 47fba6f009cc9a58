import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { IdentityStore } from '../lti/identity.store';
import type { LaunchServicesStore } from '../lti/launchServices.store';
import { mapRoles, type StaffroomRole } from '../lti/roles';
import type { SessionTokens } from '../lti/session';
import type { Lti11Consumer } from './lti11.consumer.store';
import type { Lti11ConsumerService } from './lti11.consumer.service';
import { lti11Errors } from './lti11.errors';
import type { Lti11NonceStore } from './lti11.nonce.store';
import { readLaunchParams, readOAuthProtocol, type Lti11LaunchParams } from './lti11.params';
import { hmacSha1Signature, queryParams, signatureBaseString, signaturesMatch, type OAuthParams } from './oauth1';

/** The message type stored with LTI 1.1 sessions. */
export const LTI11_MESSAGE_TYPE = 'basic-lti-launch-request';

/**
 * How far an oauth_timestamp may be from the tool's clock, either way. LTI 1.1 forms are signed when
 * the LMS renders the page, and some placements wait for a click, so this is wider than the 1.3 skew.
 */
export const DEFAULT_TIMESTAMP_WINDOW_SECONDS = 300;

/** A launch that opened a session. */
export interface Lti11LaunchOutcome {
  token: string;
  sessionId: string;
  role: StaffroomRole;
  consumer: Lti11Consumer;
  params: Lti11LaunchParams;
}

/**
 * Checks the signature over the public URL. When the URL has a query, Canvas moves its parameters
 * into the form and signs the URL without them, so that reading is tried as well.
 */
function signatureIsValid(body: OAuthParams, requestUrl: string, signature: string, secret: string): boolean {
  const query = queryParams(requestUrl);
  const candidates = [signatureBaseString('POST', requestUrl, body, query)];
  if (Object.keys(query).length > 0) candidates.push(signatureBaseString('POST', requestUrl, body));
  return candidates.some((base) => signaturesMatch(signature, hmacSha1Signature(base, secret)));
}

/** Validates LTI 1.1 basic launches and opens Staffroom sessions. Nothing is written unless every check passes. */
export function createLti11LaunchService(deps: {
  db: Knex;
  consumers: Lti11ConsumerService;
  nonces: Lti11NonceStore;
  identities: IdentityStore;
  launchServices: LaunchServicesStore;
  tokens: SessionTokens;
  /** The launch URL as consumers sign it: PUBLIC_URL + path, never the Host header. */
  launchUrl: string;
  timestampWindowSeconds?: number;
}) {
  const window = deps.timestampWindowSeconds ?? DEFAULT_TIMESTAMP_WINDOW_SECONDS;
  return {
    /** `search` is the query string the request arrived with ('' or '?…'), which the signature covers. */
    async launch(body: OAuthParams, search: string, now: Date = new Date()): Promise<Lti11LaunchOutcome> {
      const oauth = readOAuthProtocol(body);
      const consumer = await deps.consumers.findByKey(oauth.consumerKey);
      if (!consumer) throw lti11Errors.unknownConsumer(oauth.consumerKey);
      const { secret } = deps.consumers.credentials(consumer);
      if (!signatureIsValid(body, `${deps.launchUrl}${search}`, oauth.signature, secret)) throw lti11Errors.badSignature(deps.launchUrl);

      const nowSeconds = Math.floor(now.getTime() / 1000);
      if (oauth.timestamp < nowSeconds - window) throw lti11Errors.staleTimestamp('past');
      if (oauth.timestamp > nowSeconds + window) throw lti11Errors.staleTimestamp('future');
      const params = readLaunchParams(body);

      const role = mapRoles(params.roles);
      const sessionId = randomUUID();
      // The nonce can be forgotten once its timestamp would be refused anyway.
      const nonceExpiresAt = new Date((oauth.timestamp + window + 1) * 1000);
      const { userId, contextId } = await deps.db.transaction(async (trx) => {
        if (!(await deps.nonces.consume(consumer.id, oauth.nonce, nonceExpiresAt, trx))) throw lti11Errors.replayedNonce();
        const userId = await deps.identities.upsertUser(
          { platformId: consumer.platformId, sub: params.userId, name: params.name, givenName: params.givenName, familyName: params.familyName, email: params.email },
          trx,
        );
        const { id: contextId } = await deps.identities.upsertContext(
          { deploymentRowId: consumer.deploymentRowId, ltiContextId: params.context.id, title: params.context.title, label: params.context.label },
          trx,
        );
        await deps.identities.upsertMembership({ contextId, userId, ltiRoles: params.roles, role, at: now }, trx);
        await deps.identities.insertSession(
          {
            id: sessionId,
            userId,
            contextId,
            role,
            messageType: LTI11_MESSAGE_TYPE,
            resourceLinkId: params.resourceLinkId,
            // Same shape as an LTI 1.3 session's services, plus the Basic Outcomes data for grade passback.
            launch: {
              ltiVersion: 'LTI-1p0',
              returnUrl: params.returnUrl,
              ags: null,
              nrps: null,
              deepLinking: null,
              custom: params.custom,
              basicOutcome: params.basicOutcome,
            },
            expiresAt: new Date(now.getTime() + deps.tokens.ttlSeconds * 1000),
          },
          trx,
        );
        // LTI 1.1 offers no NRPS or AGS: the context's services are recorded as none, the placement as usual.
        await deps.launchServices.upsertFromLaunch(contextId, { ags: null, nrps: null }, { id: params.resourceLinkId, title: params.resourceLinkTitle }, trx);
        return { userId, contextId };
      });
      const token = deps.tokens.sign(
        { sessionId, userId, contextId, platformId: consumer.platformId, deploymentId: consumer.deploymentRowId, role },
        now,
      );
      return { token, sessionId, role, consumer, params };
    },
  };
}

/** LTI 1.1 launch validation and session opening. */
export type Lti11LaunchService = ReturnType<typeof createLti11LaunchService>;
