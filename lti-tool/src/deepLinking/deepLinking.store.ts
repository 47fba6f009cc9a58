import type { Knex } from 'knex';
import type { SessionIdentity } from '../lti/session';

/** A session's launch as deep linking needs it, with the registration the response is addressed to. */
export interface DeepLinkingLaunch {
  messageType: string;
  /** The raw `deep_linking_settings` claim, or null. */
  settings: unknown;
  contextTitle: string | null;
  platform: { issuer: string; clientId: string };
  /** The platform's own deployment id (the LTI claim value), not Staffroom's row id. */
  ltiDeploymentId: string;
}

/** Reads the launch behind a session token, only within that token's tenant. */
export function createDeepLinkingStore(db: Knex) {
  return {
    async findLaunch(s: SessionIdentity, now: Date = new Date()): Promise<DeepLinkingLaunch | null> {
      const row = await db('sessions as s')
        .join('contexts as c', 'c.id', 's.context_id')
        .join('deployments as d', 'd.id', 'c.deployment_id')
        .join('platforms as p', 'p.id', 'd.platform_id')
        .where({ 's.id': s.sessionId, 's.user_id': s.userId, 's.context_id': s.contextId, 'd.id': s.deploymentId, 'p.id': s.platformId })
        .where('s.expires_at', '>', now)
        .first('s.message_type', 's.launch', 'c.title', 'c.label', 'd.deployment_id as lti_deployment_id', 'p.issuer', 'p.client_id');
      if (!row) return null;
      const launch = (typeof row.launch === 'string' ? JSON.parse(row.launch) : row.launch) as Record<string, unknown> | null;
      return {
        messageType: row.message_type,
        settings: launch?.deepLinking ?? null,
        contextTitle: row.title ?? row.label ?? null,
        platform: { issuer: row.issuer, clientId: row.client_id },
        ltiDeploymentId: row.lti_deployment_id,
      };
    },
  };
}

/** Data access for deep linking. */
export type DeepLinkingStore = ReturnType<typeof createDeepLinkingStore>;
