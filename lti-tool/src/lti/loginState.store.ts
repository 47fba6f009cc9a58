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
    async insert(s: LoginState): Promise<void> {
      await db('lti_login_states').insert({
        state: s.state,
        nonce: s.nonce,
        platform_id: s.platformId,
        target_link_uri: s.targetLinkUri,
        storage_target: s.storageTarget,
        expires_at: s.expiresAt,
      });
    },
    async find(state: string): Promise<LoginState | null> {
      const row = await db<LoginStateRow>('lti_login_states').where({ state }).first();
      return row ? toState(row) : null;
    },
    /** Deletes and returns the state in one statement, so two racing launches cannot both consume it. */
    async consume(state: string, nonce: string, trx: Knex): Promise<boolean> {
      const rows = await trx('lti_login_states').where({ state, nonce }).delete().returning('state');
      return rows.length === 1;
    },
    async deleteExpired(now: Date): Promise<number> {
      return db('lti_login_states').where('expires_at', '<', now).delete();
    },
  };
}

/** Data access for login states. */
export type LoginStateStore = ReturnType<typeof createLoginStateStore>;
