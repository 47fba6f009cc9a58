import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK, type KeyLike } from 'jose';
import { createPlatformKeys } from './platformKeys';

/** A platform's JWKS endpoint: publishes the given keys, or fails with 500 while `down`. */
async function jwksServer() {
  const state = { keys: [] as JWK[], down: false, fetches: 0 };
  const server = http.createServer((_req, res) => {
    state.fetches++;
    if (state.down) return void res.writeHead(500).end('down');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: state.keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { state, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`, close: () => new Promise((r) => server.close(r)) };
}

async function platformKey(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } as JWK };
}

const token = (key: { kid: string; privateKey: KeyLike }) =>
  new SignJWT({ nonce: 'n' }).setProtectedHeader({ alg: 'RS256', kid: key.kid }).setIssuedAt().setExpirationTime('5m').sign(key.privateKey);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('platform keys: the last good key set during a JWKS outage', () => {
  it('follows a rotation made while the cache was fresh, and never uses a key the platform dropped', async () => {
    const jwks = await jwksServer();
    try {
      const [a, b] = [await platformKey('key-a'), await platformKey('key-b')];
      const keys = createPlatformKeys({ cacheSeconds: 0.3, cooldownSeconds: 0.05, timeoutMs: 1000 });
      const verify = async (t: string) => (await jwtVerify(t, keys.forUrl(jwks.url))).payload.nonce;

      jwks.state.keys = [a.jwk];
      expect(await verify(await token(a))).toBe('n');
      expect(jwks.state.fetches).toBe(1);
      expect(await verify(await token(a))).toBe('n'); // fresh and known: no fetch
      expect(jwks.state.fetches).toBe(1);

      // The platform rotates: key B replaces key A; a token signed with B makes the fresh set refetch.
      await sleep(80); // past the refetch cooldown
      jwks.state.keys = [b.jwk];
      expect(await verify(await token(b))).toBe('n');
      expect(jwks.state.fetches).toBe(2);

      // Then the JWKS goes down and the cache ages: B (still published when last seen) keeps verifying, A does not.
      jwks.state.down = true;
      await sleep(400);
      expect(await verify(await token(b))).toBe('n');
      await expect(verify(await token(a))).rejects.toThrow();
    } finally {
      await jwks.close();
    }
  });
});
