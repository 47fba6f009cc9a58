import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Platform } from './platform.store';
import type { ToolKeysService } from './toolKeys.service';

/** A platform refused or failed to issue a service token. */
export class ServiceTokenError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'ServiceTokenError';
  }
}

interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

const USER_AGENT = 'Staffroom LTI tool';
const EXPIRY_MARGIN_MS = 30_000;

/**
 * OAuth2 client_credentials tokens for LTI Advantage services, authenticated with a JWT client
 * assertion signed by the tool key (iss = sub = client_id, aud = token URL, jti, short exp).
 * Tokens are cached per platform and scope set until shortly before they expire.
 */
export function createServiceTokenClient(deps: { toolKeys: ToolKeysService; timeoutMs?: number; now?: () => number }) {
  const cache = new Map<string, CachedToken>();
  const now = deps.now ?? Date.now;
  const keyOf = (platform: Platform, scopes: string[]) => `${platform.id} ${[...scopes].sort().join(' ')}`;

  async function fetchToken(platform: Platform, scopes: string[]): Promise<CachedToken> {
    const { kid, privateKey } = await deps.toolKeys.signingKey();
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(platform.clientId)
      .setSubject(platform.clientId)
      .setAudience(platform.tokenUrl) // Moodle ignores it; other platforms check it
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope: [...scopes].sort().join(' '),
    });
    let res: Response;
    try {
      res = await fetch(platform.tokenUrl, {
        method: 'POST',
        body,
        headers: { accept: 'application/json', 'user-agent': USER_AGENT },
        signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
      });
    } catch (e) {
      throw new ServiceTokenError(`token endpoint unreachable: ${(e as Error).message}`, null);
    }
    const text = await res.text();
    if (!res.ok) throw new ServiceTokenError(`token endpoint answered ${res.status}: ${text.slice(0, 300)}`, res.status);
    let json: { access_token?: unknown; expires_in?: unknown };
    try {
      json = JSON.parse(text);
    } catch {
      throw new ServiceTokenError('token endpoint did not answer JSON', res.status);
    }
    if (typeof json.access_token !== 'string' || json.access_token === '') throw new ServiceTokenError('token endpoint gave no access_token', res.status);
    const lifetime = typeof json.expires_in === 'number' && json.expires_in > 0 ? json.expires_in : 3600;
    return { accessToken: json.access_token, expiresAt: now() + lifetime * 1000 };
  }

  return {
    /** A bearer token for these scopes, from cache while valid. */
    async get(platform: Platform, scopes: string[]): Promise<string> {
      const key = keyOf(platform, scopes);
      const cached = cache.get(key);
      if (cached && cached.expiresAt - EXPIRY_MARGIN_MS > now()) return cached.accessToken;
      const fresh = await fetchToken(platform, scopes);
      cache.set(key, fresh);
      return fresh.accessToken;
    },
    /** Forgets a token the platform refused (a 401 from a service), so the next get fetches anew. */
    invalidate(platform: Platform, scopes: string[]): void {
      cache.delete(keyOf(platform, scopes));
    },
  };
}

/** LTI Advantage service token client. */
export type ServiceTokenClient = ReturnType<typeof createServiceTokenClient>;
