import { randomFillSync } from 'node:crypto';

/**
 * Random values for the launch path (the login state's id, the page's CSP nonce), cut from a buffer of the
 * operating system's CSPRNG output refilled 4 KB at a time, as Node's own `randomUUID()` does. `randomBytes(16)`
 * is one call into OpenSSL's generator per value (~7 µs each here, more with cold caches); the pool makes it one
 * per 256 values. Each byte is handed out once and the buffer never leaves the pool. Node processes do not fork,
 * so no two processes share a pool.
 */
export function createRandomPool(size = 4096) {
  const pool = Buffer.alloc(size);
  let used = size;
  return {
    /** `bytes` fresh random bytes, encoded. */
    next(bytes: number, encoding: 'base64' | 'base64url' | 'hex'): string {
      if (bytes > size) throw new RangeError(`at most ${size} bytes at a time`);
      if (used + bytes > size) {
        randomFillSync(pool);
        used = 0;
      }
      const value = pool.toString(encoding, used, used + bytes);
      used += bytes;
      return value;
    },
  };
}

/** A pool of random bytes. */
export type RandomPool = ReturnType<typeof createRandomPool>;
