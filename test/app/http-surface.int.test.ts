import { startTestTool, type TestTool } from '../helpers/testTool';

describe('HTTP surface in development', () => {
  let tool: TestTool;
  beforeAll(async () => {
    tool = await startTestTool();
    await tool.services.platforms.register(
      {
        issuer: 'https://moodle.example.org',
        clientId: 'AbCdEfGhIjKlMnO',
        name: null,
        authUrl: 'https://moodle.example.org/mod/lti/auth.php',
        tokenUrl: 'https://moodle.example.org/mod/lti/token.php',
        jwksUrl: 'https://moodle.example.org/mod/lti/certs.php',
        deploymentIds: ['1'],
      },
      { checkJwks: false },
    );
  });
  afterAll(() => tool.stop());

  it('lets registered platforms frame the tool (CSP frame-ancestors) and sends no X-Frame-Options', async () => {
    const res = await fetch(`${tool.url}/app/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/frame-ancestors 'self' [^;]*https:\/\/moodle\.example\.org/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(res.headers.get('x-frame-options')).toBeNull();
  });

  it("serves the app's page with a fresh style nonce in its CSP and meta, never cached, and no inline style allowed elsewhere", async () => {
    const nonceOf = async (path: string) => {
      const res = await fetch(`${tool.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).not.toContain('unsafe-inline');
      const fromCsp = /style-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
      const html = await res.text();
      expect(html).not.toContain('staffroom-session'); // opened without a launch: the SPA uses the tab's stored session, if any
      expect(fromCsp).toBeDefined();
      expect(html).toContain(`<meta name="staffroom-style-nonce" content="${fromCsp}">`);
      return fromCsp;
    };
    const nonces = [await nonceOf('/app/'), await nonceOf('/app/index.html'), await nonceOf('/app')];
    expect(new Set(nonces).size).toBe(3);
    // Everything else keeps the plain policy; the app's assets are still served from /app.
    const other = await fetch(`${tool.url}/sandbox`);
    expect(other.headers.get('content-security-policy')).toMatch(/style-src 'self'(;|$)/);
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(await (await fetch(`${tool.url}/app/`)).text())?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`${tool.url}${script}`)).status).toBe(200);
  });

  it('answers /healthz and /readyz with 200 when the database is reachable', async () => {
    expect(await (await fetch(`${tool.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${tool.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'ok', queue: 'ok' });
  });

  it('answers an unknown API path with 404 and the JSON error shape', async () => {
    const res = await fetch(`${tool.url}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { id: 'not_found', message: 'That page was not found.' } });
  });

  it('answers malformed JSON with 400 malformed_body', async () => {
    const res = await fetch(`${tool.url}/api/me`, { method: 'POST', body: '{nope', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.id).toBe('malformed_body');
  });

  it('serves the sandbox LMS and sends / there', async () => {
    expect((await fetch(`${tool.url}/sandbox`)).status).toBe(200);
    const root = await fetch(`${tool.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/sandbox');
  });
});

describe('HTTP surface in production', () => {
  let tool: TestTool;
  beforeAll(async () => {
    tool = await startTestTool({ NODE_ENV: 'production', STAFFROOM_SECRET: 'p'.repeat(48), PUBLIC_URL: 'https://staffroom.example.org' });
  });
  afterAll(() => tool.stop());

  it.each(['/sandbox', '/sandbox/jwks', '/sandbox/auth', '/sandbox/assets/sandbox.js'])('answers 404 for the sandbox route %s', async (path) => {
    expect((await fetch(`${tool.url}${path}`)).status).toBe(404);
  });

  it('registers no sandbox platform and sends / to the app', async () => {
    expect(await tool.db('platforms').count({ n: '*' }).first()).toEqual({ n: 0 });
    const root = await fetch(`${tool.url}/`, { redirect: 'manual' });
    expect(root.headers.get('location')).toBe('/app/');
  });

  it('still publishes the tool JWKS', async () => {
    const jwks = await (await fetch(`${tool.url}/.well-known/jwks.json`)).json();
    expect(jwks.keys.length).toBe(2);
  });
});
