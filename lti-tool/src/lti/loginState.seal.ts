import { createHmac, timingSafeEqual } from 'node:crypto';
import { createRandomPool } from '../http/randomPool';
import { deriveKey } from './secretBox';

/** What a sealed login state carries between login initiation and launch. */
export interface LoginState {
  /** The random part: names the state cookie and, once used, its row in lti_used_states. */
  id: string;
  state: string;
  /** Derived from the state with the tool's key, so only the tool can tell which nonce belongs to which state. */
  nonce: string;
  platformId: string;
  /** The platform storage frame (lti_storage_target) when the platform offered storage. */
  storageTarget: string | null;
  expiresAt: Date;
}

const MAX_STATE_LENGTH = 1024;

/**
 * OIDC login states that need no database row: `id.payload.mac`, the payload (platform, expiry, storage target)
 * authenticated with an HMAC under a key derived from the shared secret, so every tool process can open a state
 * another one issued and nobody else can make or alter one. The nonce is an HMAC of the state. Single use is
 * enforced at launch (lti_used_states), expiry and platform by `open`'s caller (ADR 0002 still holds: the state
 * is bound to the browser by the partitioned cookie or platform storage).
 */
export function createLoginStateSeal(secret: string) {
  const key = deriveKey(secret, 'login-state:v1');
  const mac = (purpose: string, text: string) => createHmac('sha256', key).update(`${purpose}:${text}`).digest();
  const nonceOf = (state: string) => mac('nonce', state).toString('base64url');
  const random = createRandomPool();
  return {
    issue(o: { platformId: string; storageTarget: string | null; expiresAt: Date }): LoginState {
      const id = random.next(16, 'base64url');
      const payload = Buffer.from(JSON.stringify([o.platformId, Math.floor(o.expiresAt.getTime() / 1000), o.storageTarget])).toString('base64url');
      const state = `${id}.${payload}.${mac('state', `${id}.${payload}`).toString('base64url')}`;
      return { id, state, nonce: nonceOf(state), platformId: o.platformId, storageTarget: o.storageTarget, expiresAt: new Date(Math.floor(o.expiresAt.getTime() / 1000) * 1000) };
    },
    /** The state's contents if the tool sealed it (whatever its expiry), else null. */
    open(state: string): LoginState | null {
      if (state.length > MAX_STATE_LENGTH) return null;
      const [id, payload, tag, ...rest] = state.split('.');
      if (!id || !payload || !tag || rest.length > 0) return null;
      const expected = mac('state', `${id}.${payload}`);
      const given = Buffer.from(tag, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      try {
        const [platformId, expires, storageTarget] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown[];
        if (typeof platformId !== 'string' || typeof expires !== 'number' || !(storageTarget === null || typeof storageTarget === 'string')) return null;
        return { id, state, nonce: nonceOf(state), platformId, storageTarget, expiresAt: new Date(expires * 1000) };
      } catch {
        return null;
      }
    },
  };
}

/** Seals and opens OIDC login states. */
export type LoginStateSeal = ReturnType<typeof createLoginStateSeal>;
