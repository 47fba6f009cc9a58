import type { Knex } from 'knex';

/** What the tool remembers between login initiation and launch. */
export interface LoginState {
  state: string;
  nonce: string;
  platformId: string;
  targetLinkUri: string;
  /** The platform storage frame (lti_storage_target) when the platform offered storage. */
  storageTarget: string | null;
  expiresAt: Date;
}

interface LoginStateRow {
  state: string;
  nonce: string;
  platform_id: string;
  target_link_uri: string;
  storage_target: string | null;
  expires_at: Date;
}

const toState = (r: LoginStateRow): LoginState => ({
  state: r.state,
  nonce: r.nonce,
  platformId: r.platform_id,
  targetLinkUri: r.target_link_uri,
  storageTarget: r.storage_target,
  expiresAt: new Date(r.expires_at),
});

/** Reads and writes OIDC login states (single-use state + nonce). */
export function createLoginStateStore(db: Knex) {
  return {
    /**
     * Saves a login state without waiting for the WAL flush (asynchronous commit, this statement only): a state
     * lost in a database crash just fails that one login, and the user opens Staffroom again. Its consumption at
     * launch stays a durable commit, so a replay cannot revive it.
     */
    async insert(s: LoginState): Promise<void> {
      await db.raw(
        `WITH async AS (SELECT set_config('synchronous_commit', 'off', true))
         INSERT INTO lti_login_states (state, nonce, platform_id, target_link_uri, storage_target, expires_at)
         SELECT :state, :nonce, CAST(:platformId AS uuid), :targetLinkUri, :storageTarget, CAST(:expiresAt AS timestamptz) FROM async`,
        { state: s.state, nonce: s.nonce, platformId: s.platformId, targetLinkUri: s.targetLinkUri, storageTarget: s.storageTarget, expiresAt: s.expiresAt },
      );
    },
    async find(state: string): Promise<LoginState | null> {
      const row = await db<LoginStateRow>('lti_login_states').where({ state }).first();
      return row ? toState(row) : null;
    },
    // Launches consume states in identity.store's recordLaunch: one DELETE … RETURNING, so two racing launches cannot both.
    async deleteExpired(now: Date): Promise<number> {
      return db('lti_login_states').where('expires_at', '<', now).delete();
    },
  };
}

/** Data access for login states. */
export type LoginStateStore = ReturnType<typeof createLoginStateStore>;
