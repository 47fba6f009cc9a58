import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, type JWTVerifyGetKey } from 'jose';

/** How long keys last fetched successfully may stand in while the platform's JWKS cannot be fetched. */
const DEFAULT_STALE_SECONDS = 24 * 3600;

/**
 * Platform key sets, cached per JWKS URL. jose's remote set keeps keys for `cacheMaxAge`
 * and refetches on an unknown kid at most once per cooldown, so a forged kid cannot
 * make us hammer the platform. A cache, not state: another process simply fetches its own.
 *
 * When a refetch fails (platform down, slow or answering garbage), the keys of the last good fetch keep verifying
 * for up to `staleSeconds`: they are still the platform's keys, and an LMS's JWKS outage should not stop every
 * launch of a district once the cache ages. A key the platform no longer publishes is never used (a successful
 * fetch replaces the snapshot), and an unknown kid still fails.
 */
export function createPlatformKeys(options: { cacheSeconds: number; cooldownSeconds?: number; timeoutMs?: number; staleSeconds?: number }) {
  const sets = new Map<string, JWTVerifyGetKey>();
  const staleMs = (options.staleSeconds ?? DEFAULT_STALE_SECONDS) * 1000;

  const cooldownSeconds = options.cooldownSeconds ?? 30;
  function withLastGoodKeys(remote: ReturnType<typeof createRemoteJWKSet>): JWTVerifyGetKey {
    let lastGood: { keys: JWTVerifyGetKey; kids: Set<unknown>; at: number } | null = null;
    const snapshot = () => {
      const fetched = remote.jwks();
      if (fetched) lastGood = { keys: createLocalJWKSet(fetched), kids: new Set(fetched.keys.map((k) => k.kid)), at: Date.now() };
    };
    return async (header, token) => {
      // jose hands out a deep copy of its key set on every jwks() call, so the snapshot is taken only when a fetch
      // may just have happened: the cache had aged (a call on a stale set refetches), or the key that verified is
      // not in the snapshot (an unknown kid refetches even while fresh). Without a cooldown every call takes it.
      const wasFresh = remote.fresh;
      try {
        const key = await remote(header, token);
        if (!lastGood || !wasFresh || cooldownSeconds <= 0 || !lastGood.kids.has(header.kid)) snapshot();
        return key;
      } catch (e) {
        if (lastGood && Date.now() - lastGood.at < staleMs && isFetchFailure(e)) return lastGood.keys(header, token);
        // No such key even after a refetch: the set may have changed (a rotation dropped keys), so the snapshot follows.
        if (e instanceof joseErrors.JWKSNoMatchingKey) snapshot();
        throw e;
      }
    };
  }

  return {
    forUrl(jwksUrl: string): JWTVerifyGetKey {
      let set = sets.get(jwksUrl);
      if (!set) {
        set = withLastGoodKeys(
          createRemoteJWKSet(new URL(jwksUrl), {
            cacheMaxAge: options.cacheSeconds * 1000,
            cooldownDuration: cooldownSeconds * 1000,
            timeoutDuration: options.timeoutMs ?? 5000,
            headers: { 'user-agent': 'Staffroom LTI tool' },
          }),
        );
        sets.set(jwksUrl, set);
      }
      return set;
    },
  };
}

/** The key set could not be fetched (as opposed to: it was fetched and has no such key). */
export function isFetchFailure(e: unknown): boolean {
  if (e instanceof joseErrors.JWKSNoMatchingKey || e instanceof joseErrors.JWKSMultipleMatchingKeys) return false;
  if (e instanceof joseErrors.JWKSTimeout || e instanceof joseErrors.JWKSInvalid) return true;
  if (e instanceof joseErrors.JOSEError) return e.code === 'ERR_JOSE_GENERIC'; // jose's "Expected 200 OK" for an HTTP error
  // Node's own network errors (ECONNREFUSED, ECONNRESET, ENOTFOUND…), aborts and fetch TypeErrors.
  return e instanceof TypeError || (e as Error)?.name === 'AbortError' || typeof (e as { code?: unknown })?.code === 'string';
}

/** Cached access to platforms' public keys. */
export type PlatformKeys = ReturnType<typeof createPlatformKeys>;
