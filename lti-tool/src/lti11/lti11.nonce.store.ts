import type { Knex } from 'knex';

/**
 * Single-use OAuth nonces in PostgreSQL, shared by every tool process (ims-lti's MemoryNonceStore is
 * per process, so a replay sent to another process behind the load balancer would pass).
 */
export function createLti11NonceStore(db: Knex) {
  return {
    /**
     * Records a nonce; false when this consumer already used it. Atomic: of two concurrent launches
     * with the same nonce, the second waits for the first and then inserts nothing.
     */
    async consume(consumerId: string, nonce: string, expiresAt: Date, trx: Knex = db): Promise<boolean> {
      const rows = await trx('lti11_nonces')
        .insert({ consumer_id: consumerId, nonce, expires_at: expiresAt })
        .onConflict(['consumer_id', 'nonce'])
        .ignore()
        .returning('nonce');
      return rows.length === 1;
    },
    /** Drops nonces whose timestamps can no longer pass the freshness check; returns how many. */
    async deleteExpired(now: Date, trx: Knex = db): Promise<number> {
      return trx('lti11_nonces').where('expires_at', '<', now).delete();
    },
  };
}

/** Data access for LTI 1.1 nonces. */
export type Lti11NonceStore = ReturnType<typeof createLti11NonceStore>;
