import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

/**
 * Platform key sets, cached per JWKS URL. jose's remote set keeps keys for `cacheMaxAge`
 * and refetches on an unknown kid at most once per cooldown, so a forged kid cannot
 * make us hammer the platform. A cache, not state: another process simply fetches its own.
 */
export function createPlatformKeys(options: { cacheSeconds: number; cooldownSeconds?: number; timeoutMs?: number }) {
  const sets = new Map<string, JWTVerifyGetKey>();
  return {
    forUrl(jwksUrl: string): JWTVerifyGetKey {
      let set = sets.get(jwksUrl);
      if (!set) {
        set = createRemoteJWKSet(new URL(jwksUrl), {
          cacheMaxAge: options.cacheSeconds * 1000,
          cooldownDuration: (options.cooldownSeconds ?? 30) * 1000,
          timeoutDuration: options.timeoutMs ?? 5000,
          headers: { 'user-agent': 'Staffroom LTI tool' },
        });
        sets.set(jwksUrl, set);
      }
      return set;
    },
  };
}

/** Cached access to platforms' public keys. */
export type PlatformKeys = ReturnType<typeof createPlatformKeys>;
