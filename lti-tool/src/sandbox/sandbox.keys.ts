import { createPrivateKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { exportJWK, type JWK } from 'jose';
import type { Knex } from 'knex';
import type { SecretBox } from '../lti/secretBox';

/** The sandbox platform's signing key pair. */
export interface SandboxKey {
  kid: string;
  publicJwk: JWK;
  privateKey: KeyObject;
}

/** Loads the sandbox platform key, creating it on first use (kept in the database so restarts keep it). */
export async function loadSandboxKey(db: Knex, box: SecretBox): Promise<SandboxKey> {
  return db.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', ['staffroom:sandbox_key']);
    const row = await trx('sandbox_platform_keys').orderBy('created_at', 'desc').first();
    if (row) return { kid: row.kid, publicJwk: row.public_jwk, privateKey: createPrivateKey(box.decrypt(row.private_key_encrypted)) };
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const kid = `sandbox-${randomUUID()}`;
    const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await trx('sandbox_platform_keys').insert({ kid, public_jwk: JSON.stringify(publicJwk), private_key_encrypted: box.encrypt(pem) });
    return { kid, publicJwk, privateKey };
  });
}
