import { api } from '../helpers/ltiFlow';
import { startPlatformEmulator, type FaultMode, type PlatformEmulator } from '../helpers/platformEmulator';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { emulatorLaunch, learner, registerEmulator, timedApi } from './resilienceFlow';

jest.setTimeout(60_000);

/** jose's key-set fetch timeout as the tool configures it (lti-tool/src/lti/platformKeys.ts). */
const JWKS_TIMEOUT_MS = 5000;
/** A request of the tool is "not hung" when it answers within this, even while a platform call is stuck. */
const QUICK_MS = 1000;
const FAULTS: FaultMode[] = ['down', 'slow', 'garbage'];
/** PLATFORM_JWKS_CACHE_SECONDS of this file's tool: long enough for the cached-key launches, short enough to outlive. */
const CACHE_SECONDS = 8;

describe('the platform’s JWKS endpoint down, slow (10 s) or answering garbage', () => {
  let tool: TestTool;
  let emu: PlatformEmulator;
  let session: string;
  let keysFetchedAt = 0;
  const others: PlatformEmulator[] = [];

  beforeAll(async () => {
    tool = await startTestTool({ RATE_LIMIT_LTI_PER_MINUTE: '0', PLATFORM_JWKS_CACHE_SECONDS: String(CACHE_SECONDS) });
    emu = await startPlatformEmulator();
    await registerEmulator(tool, emu);
  });
  afterAll(async () => {
    await Promise.all([emu, ...others].map((e) => e.stop()));
    await tool.stop();
  });

  it('keeps launching with the cached platform keys (200, no new key fetch) while the JWKS is down, slow or garbage', async () => {
    const first = await emulatorLaunch(tool, emu, learner(0), { nrps: false, ags: false });
    expect(first.res.status).toBe(200);
    session = first.token!;
    expect(emu.received('jwks')).toHaveLength(1);
    keysFetchedAt = emu.received('jwks')[0]!.at;
    for (const [i, mode] of FAULTS.entries()) {
      emu.fault('jwks', mode);
      const launch = await emulatorLaunch(tool, emu, learner(i + 1), { nrps: false, ags: false });
      expect([mode, launch.res.status]).toEqual([mode, 200]);
      expect(launch.ms).toBeLessThan(QUICK_MS * 2);
      emu.clearFaults();
    }
    expect(emu.received('jwks')).toHaveLength(1);
  });

  /** A first launch from a platform whose keys the tool has never fetched, with the JWKS misbehaving. */
  async function firstLaunch(mode: FaultMode) {
    const fresh = await startPlatformEmulator();
    others.push(fresh);
    await registerEmulator(tool, fresh);
    fresh.fault('jwks', mode);
    const launching = emulatorLaunch(tool, fresh, learner(10), { nrps: false, ags: false });
    // Meanwhile the tool keeps serving everyone else.
    await new Promise((r) => setTimeout(r, 200));
    const during = await timedApi(tool, session);
    return { fresh, during, launch: await launching };
  }

  it.each(['slow', 'garbage'] as const)('answers a first launch with the JWKS %s with a clear error page (401 lti_jwks_unavailable) within the key fetch timeout, not a hang', async (mode) => {
    const { fresh, during, launch } = await firstLaunch(mode);
    expect(during.status).toBe(200);
    expect(during.ms).toBeLessThan(QUICK_MS);
    expect(launch.res.status).toBe(401);
    expect(launch.res.headers.get('content-type')).toContain('text/html');
    expect(launch.html).toContain(`key set at ${fresh.identity.jwksUrl} could not be read.`);
    expect(launch.html).toContain('lti_jwks_unavailable');
    expect(launch.ms).toBeLessThan(JWKS_TIMEOUT_MS + 2000);
    if (mode === 'slow') expect(launch.ms).toBeGreaterThanOrEqual(JWKS_TIMEOUT_MS - 100); // the timeout, not the 10 s
    expect(launch.token).toBeNull();
    // Once the platform answers again, the next launch works: a failed fetch is not cached.
    fresh.clearFaults();
    expect((await emulatorLaunch(tool, fresh, learner(11), { nrps: false, ags: false })).res.status).toBe(200);
  });

  it('answers a first launch with the JWKS down (connection reset) at once, without a session, and launches once it is back', async () => {
    const { fresh, during, launch } = await firstLaunch('down');
    expect(during.status).toBe(200);
    expect(during.ms).toBeLessThan(QUICK_MS);
    expect(launch.res.status).toBeGreaterThanOrEqual(400);
    expect(launch.ms).toBeLessThan(QUICK_MS * 2);
    expect(launch.token).toBeNull();
    fresh.clearFaults();
    expect((await emulatorLaunch(tool, fresh, learner(11), { nrps: false, ags: false })).res.status).toBe(200);
  });

  // jose's key fetch rejects with a bare Node network error (ECONNRESET / ECONNREFUSED): it must read as the
  // platform's keys being unreachable, not as the database outage the error middleware answers 503 for.
  it('answers a first launch with the JWKS down with the clear 401 lti_jwks_unavailable page', async () => {
    const { launch } = await firstLaunch('down');
    expect(launch.res.status).toBe(401);
    expect(launch.html).toContain('lti_jwks_unavailable');
  });

  it('still answers the API while a launch waits for a slow JWKS (5 concurrent calls, each under a second)', async () => {
    const fresh = await startPlatformEmulator();
    others.push(fresh);
    await registerEmulator(tool, fresh);
    fresh.fault('jwks', 'slow');
    const launching = Promise.all([0, 1, 2].map((i) => emulatorLaunch(tool, fresh, learner(20 + i), { nrps: false, ags: false })));
    await new Promise((r) => setTimeout(r, 300));
    const calls = await Promise.all(Array.from({ length: 5 }, () => timedApi(tool, session)));
    expect(calls.every((c) => c.status === 200 && c.ms < QUICK_MS)).toBe(true);
    expect((await launching).map((l) => l.res.status)).toEqual([401, 401, 401]);
    expect((await api(tool, '/healthz', null)).status).toBe(200);
  });

  // Once the cache is older than PLATFORM_JWKS_CACHE_SECONDS jose refetches before verifying; a failed refetch
  // must fall back to the keys last fetched (lti-tool/src/lti/platformKeys.ts), which are still the platform's.
  it('keeps launching with the last known keys when the JWKS is still down after the cache age', async () => {
    emu.fault('jwks', 'error');
    const wait = keysFetchedAt + CACHE_SECONDS * 1000 + 500 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const launch = await emulatorLaunch(tool, emu, learner(30), { nrps: false, ags: false });
    expect(launch.res.status).toBe(200);
  });
});
