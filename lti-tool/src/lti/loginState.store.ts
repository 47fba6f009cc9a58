import type { Knex } from 'knex';

/**
 * Housekeeping of login states. States are sealed values (loginState.seal.ts), not rows; a launch marks its state
 * used in lti_used_states (identity.store's recordLaunch).
 */
export function createLoginStateStore(db: Knex) {
  return {
    /** Drops used-state marks whose states have expired (hourly). */
    async deleteExpired(now: Date): Promise<number> {
      return db('lti_used_states').where('expires_at', '<', now).delete();
    },
  };
}

/** Data access for login states. */
export type LoginStateStore = ReturnType<typeof createLoginStateStore>;
