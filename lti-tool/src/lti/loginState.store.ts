import type { Knex } from 'knex';

/**
 * Housekeeping of login states. States are sealed values (loginState.seal.ts), not rows; a launch marks its state
 * used in lti_used_states (identity.store's recordLaunch). `lti_login_states` holds rows of states issued before
 * sealing (a deploy during a login) and is only emptied here.
 */
export function createLoginStateStore(db: Knex) {
  return {
    /** Drops used-state marks and legacy state rows whose states have expired (hourly). */
    async deleteExpired(now: Date): Promise<number> {
      const used = await db('lti_used_states').where('expires_at', '<', now).delete();
      return used + (await db('lti_login_states').where('expires_at', '<', now).delete());
    },
  };
}

/** Data access for login states. */
export type LoginStateStore = ReturnType<typeof createLoginStateStore>;
