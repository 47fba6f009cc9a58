import { createHmac, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { exportSPKI, SignJWT, type JWTPayload } from 'jose';

/** How to sign an id_token: properly, or in one of the ways attackers and broken platforms do. */
export interface SignOptions {
  /** 'RS256' (default), 'none' (unsigned) or 'HS256-public' (HMAC keyed with the public key: the classic confusion). */
  alg?: 'RS256' | 'none' | 'HS256-public';
  /** Header kid; null leaves it out. Defaults to the platform key's kid. */
  kid?: string | null;
  /** Sign with a stray RSA key instead of the platform's. */
  wrongKey?: boolean;
}

let strayKey: KeyObject | null = null;
const stray = (): KeyObject => (strayKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** Signs claims as an id_token with the given key, honouring the forging options. */
export async function signIdToken(
  claims: JWTPayload,
  key: { kid: string; privateKey: KeyObject; publicKey: KeyObject },
  opts: SignOptions = {},
): Promise<string> {
  const kid = opts.kid === undefined ? key.kid : opts.kid;
  const alg = opts.alg ?? 'RS256';
  if (alg === 'none') return `${b64({ alg: 'none', typ: 'JWT', ...(kid ? { kid } : {}) })}.${b64(claims)}.`;
  if (alg === 'HS256-public') {
    const header = b64({ alg: 'HS256', typ: 'JWT', ...(kid ? { kid } : {}) });
    const input = `${header}.${b64(claims)}`;
    const secret = await exportSPKI(key.publicKey);
    return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
  }
  const header = { alg: 'RS256', typ: 'JWT', ...(kid ? { kid } : {}) };
  return new SignJWT(claims).setProtectedHeader(header).sign(opts.wrongKey ? stray() : key.privateKey);
}

/** A random value like a platform's nonce or id. */
export const randomToken = (bytes = 16): string => randomBytes(bytes).toString('base64url');
