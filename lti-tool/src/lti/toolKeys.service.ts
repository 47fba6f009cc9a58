import { createPrivateKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { exportJWK, type JWK } from 'jose';
import type { Knex } from 'knex';
import type { SecretBox } from './secretBox';
import type { ToolKeyRecord, ToolKeysStore } from './toolKeys.store';

const DAY_MS = 86_400_000;
const JWKS_MEMO_MS = 30_000;

/** What rotation did, for logs and tests. */
export interface RotationResult {
  created: string[];
  promoted: string | null;
  retired: string[];
  removed: string[];
}

/** The tool's signing key, ready to use. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

async function newKeyRecord(box: SecretBox, status: 'next' | 'current', now: Date): Promise<ToolKeyRecord> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    kid,
    publicJwk,
    privateKeyEncrypted: box.encrypt(pem),
    status,
    createdAt: now,
    activatedAt: status === 'current' ? now : null,
    retiredAt: null,
  };
}

/**
 * Tool key rotation: a *next* key is published before it signs anything, so platforms that cache
 * our JWKS already know it when it becomes *current*; a *retired* key stays published for the overlap.
 */
export function createToolKeysService(deps: {
  db: Knex;
  store: ToolKeysStore;
  box: SecretBox;
  rotationDays: number;
  overlapDays: number;
}) {
  const { db, store, box } = deps;
  const privateKeys = new Map<string, KeyObject>();
  let jwksMemo: { at: number; keys: JWK[] } | null = null;
  let signingMemo: { at: number; key: SigningKey } | null = null;

  async function rotate(now: Date = new Date()): Promise<RotationResult> {
    const result: RotationResult = { created: [], promoted: null, retired: [], removed: [] };
    await db.transaction(async (trx) => {
      await store.lock(trx);
      const keys = await store.all(trx);
      let current = keys.find((k) => k.status === 'current');
      let next = keys.find((k) => k.status === 'next');
      const currentAge = current?.activatedAt ? now.getTime() - current.activatedAt.getTime() : Infinity;
      if (!current || currentAge >= deps.rotationDays * DAY_MS) {
        if (current) {
          await store.setStatus(current.kid, 'retired', now, trx);
          result.retired.push(current.kid);
        }
        if (next) {
          await store.setStatus(next.kid, 'current', now, trx);
          result.promoted = next.kid;
          current = next;
          next = undefined;
        } else {
          current = await newKeyRecord(box, 'current', now);
          await store.insert(current, trx);
          result.created.push(current.kid);
        }
      }
      if (!next) {
        next = await newKeyRecord(box, 'next', now);
        await store.insert(next, trx);
        result.created.push(next.kid);
      }
      for (const key of keys) {
        if (key.status === 'retired' && key.retiredAt && now.getTime() - key.retiredAt.getTime() > deps.overlapDays * DAY_MS) {
          await store.remove(key.kid, trx);
          result.removed.push(key.kid);
        }
      }
    });
    jwksMemo = null;
    signingMemo = null;
    return result;
  }

  return {
    rotate,
    /** The public keys platforms should trust: next, current and retired-within-overlap. */
    async publicJwks(): Promise<{ keys: JWK[] }> {
      if (!jwksMemo || Date.now() - jwksMemo.at > JWKS_MEMO_MS) {
        const keys = await store.all();
        jwksMemo = { at: Date.now(), keys: keys.map((k) => k.publicJwk) };
      }
      return { keys: jwksMemo.keys };
    },
    /** The current signing key (decrypted once per process and kid). */
    async signingKey(): Promise<SigningKey> {
      if (signingMemo && Date.now() - signingMemo.at < JWKS_MEMO_MS) return signingMemo.key;
      const current = (await store.all()).find((k) => k.status === 'current');
      if (!current) throw new Error('No current tool key: run key rotation first');
      let privateKey = privateKeys.get(current.kid);
      if (!privateKey) {
        privateKey = createPrivateKey(box.decrypt(current.privateKeyEncrypted));
        privateKeys.set(current.kid, privateKey);
      }
      signingMemo = { at: Date.now(), key: { kid: current.kid, privateKey } };
      return signingMemo.key;
    },
  };
}

/** Tool key rotation and use. */
export type ToolKeysService = ReturnType<typeof createToolKeysService>;
