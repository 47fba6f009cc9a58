import type { Knex } from 'knex';
import type { JWK } from 'jose';

/** Lifecycle of a tool key: published early as next, signs while current, published a while once retired. */
export type ToolKeyStatus = 'next' | 'current' | 'retired';

/** A tool signing key as stored (private half still sealed). */
export interface ToolKeyRecord {
  kid: string;
  publicJwk: JWK;
  privateKeyEncrypted: string;
  status: ToolKeyStatus;
  createdAt: Date;
  activatedAt: Date | null;
  retiredAt: Date | null;
}

interface ToolKeyRow {
  kid: string;
  public_jwk: JWK;
  private_key_encrypted: string;
  status: ToolKeyStatus;
  created_at: Date;
  activated_at: Date | null;
  retired_at: Date | null;
}

const toRecord = (r: ToolKeyRow): ToolKeyRecord => ({
  kid: r.kid,
  publicJwk: r.public_jwk,
  privateKeyEncrypted: r.private_key_encrypted,
  status: r.status,
  createdAt: new Date(r.created_at),
  activatedAt: r.activated_at ? new Date(r.activated_at) : null,
  retiredAt: r.retired_at ? new Date(r.retired_at) : null,
});

/** Reads and writes the tool_keys table. */
export function createToolKeysStore(db: Knex) {
  return {
    async all(trx: Knex = db): Promise<ToolKeyRecord[]> {
      const rows = await trx<ToolKeyRow>('tool_keys').select('*').orderBy('created_at', 'asc');
      return rows.map(toRecord);
    },
    async insert(key: Omit<ToolKeyRecord, 'createdAt' | 'retiredAt'> & { createdAt: Date }, trx: Knex = db): Promise<void> {
      await trx('tool_keys').insert({
        kid: key.kid,
        public_jwk: JSON.stringify(key.publicJwk),
        private_key_encrypted: key.privateKeyEncrypted,
        status: key.status,
        created_at: key.createdAt,
        activated_at: key.activatedAt,
      });
    },
    async setStatus(kid: string, status: ToolKeyStatus, at: Date, trx: Knex = db): Promise<void> {
      const stamp = status === 'current' ? { activated_at: at } : status === 'retired' ? { retired_at: at } : {};
      await trx('tool_keys').where({ kid }).update({ status, ...stamp });
    },
    async remove(kid: string, trx: Knex = db): Promise<void> {
      await trx('tool_keys').where({ kid }).delete();
    },
    /** Serialises key rotation across tool processes sharing one database. */
    async lock(trx: Knex): Promise<void> {
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', ['staffroom:tool_keys']);
    },
  };
}

/** Data access for tool keys. */
export type ToolKeysStore = ReturnType<typeof createToolKeysStore>;
