import { startTestTool, type TestTool } from '../../../test/helpers/testTool';
import { createServiceTokenClient, ServiceTokenError } from './serviceToken';
import type { Platform } from './platform.store';
import { createSandboxClientIds } from '../sandbox/sandbox.registration';

const NRPS = 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly';
const SCORE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';

describe('service tokens against the sandbox token endpoint', () => {
  let tool: TestTool;
  let platform: Platform;
  beforeAll(async () => {
    tool = await startTestTool();
    platform = (await tool.services.platformStore.findByIssuer(tool.services.sandbox!.identity.issuer))[0]!;
  });
  afterAll(() => tool.stop());

  it('obtains a token with a client assertion the platform verifies against the tool JWKS, and caches it per scope set', async () => {
    const client = createServiceTokenClient({ toolKeys: tool.services.toolKeys });
    const token = await client.get(platform, [NRPS, SCORE]);
    expect(await tool.services.sandboxTokens!.verifyAccessToken(token)).toEqual([SCORE, NRPS].sort());
    expect(await client.get(platform, [SCORE, NRPS])).toBe(token); // same set, other order: cached
    const other = await client.get(platform, [NRPS]);
    expect(other).not.toBe(token);
    client.invalidate(platform, [NRPS]);
    expect(await client.get(platform, [NRPS])).not.toBe(other);
  });

  it('refetches once the cached token is about to expire', async () => {
    let clock = Date.now();
    const client = createServiceTokenClient({ toolKeys: tool.services.toolKeys, now: () => clock });
    const first = await client.get(platform, [NRPS]);
    clock += 3600_000;
    expect(await client.get(platform, [NRPS])).not.toBe(first);
  });

  it('reports a refused assertion (wrong client id) as a ServiceTokenError with the status', async () => {
    const client = createServiceTokenClient({ toolKeys: tool.services.toolKeys });
    const err = await client.get({ ...platform, clientId: 'not-the-client' }, [NRPS]).catch((e) => e);
    expect(err).toBeInstanceOf(ServiceTokenError);
    expect(err.status).toBe(401);
  });

  it('gives tokens to a client the sandbox issued through Dynamic Registration, and refuses a forged look-alike (401)', async () => {
    const client = createServiceTokenClient({ toolKeys: tool.services.toolKeys });
    const issued = createSandboxClientIds(tool.config.secret).issue();
    const token = await client.get({ ...platform, clientId: issued }, [NRPS]);
    expect(await tool.services.sandboxTokens!.verifyAccessToken(token)).toEqual([NRPS]);
    const forged = issued.replace(/-[^-]+$/, '-0000000000000000');
    const fresh = createServiceTokenClient({ toolKeys: tool.services.toolKeys }); // tokens are cached per platform record
    const err = await fresh.get({ ...platform, clientId: forged }, [NRPS]).catch((e) => e);
    expect(err).toBeInstanceOf(ServiceTokenError);
    expect(err.status).toBe(401);
  });

  it('rejects a token request without a client assertion with 400', async () => {
    const res = await fetch(platform.tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials' }) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.id).toBe('invalid_request');
  });
});
