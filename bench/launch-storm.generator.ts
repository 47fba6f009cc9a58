/**
 * The load generator of the launch-storm and memory benchmarks, a process of its own (forked by the bench).
 * Each launch is a new person going through the whole LTI 1.3 handshake the way a browser in an LMS iframe
 * would: OIDC login initiation → the platform's auth answer (this process plays the platform: it checks the
 * auth request and signs the id_token with the sandbox platform's key) → id_token form post to /lti/launch
 * → the session token from the app shell → GET /api/me → the role's home call. Kept lean: keep-alive
 * sockets, node:http (no fetch), an RSA KeyObject prepared once, a cookie jar per launch that only keeps
 * `SameSite=None; Secure` cookies (what a third-party iframe gets back).
 */
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { buildLaunchClaims, type SandboxIdentity } from '../lti-tool/src/sandbox/sandbox.claims';
import type { Persona } from '../lti-tool/src/sandbox/sandbox.personas';

/** Parent → generator: start. */
export interface GeneratorInit {
  type: 'init';
  url: string;
  identity: SandboxIdentity;
  platformKey: { kid: string; pem: string };
}

/** Parent → generator: one run. */
export interface RunRequest {
  type: 'run';
  label: string;
  concurrency: number;
  seconds: number;
  /** Makes subs unique across runs. */
  prefix: string;
  /** Send a progress message this often (ms), for long runs. */
  progressMs?: number;
}

/** Latency quantiles of one step, in ms. */
export interface Quantiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Generator → parent: a run's outcome. */
export interface RunResult {
  type: 'result';
  label: string;
  concurrency: number;
  launches: number;
  errors: number;
  firstErrors: string[];
  elapsedMs: number;
  total: Quantiles;
  /** Time in the tool's four requests only (the platform's signing left out). */
  tool: Quantiles;
  steps: Record<'login' | 'platform' | 'launch' | 'me' | 'home', Quantiles>;
}

const M = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';
const STEPS = ['login', 'platform', 'launch', 'me', 'home'] as const;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let base: URL;
let agent: http.Agent;
let hostHeader: string;

function request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: base.hostname === 'localhost' ? '127.0.0.1' : base.hostname, port: base.port, method, path, headers: { host: hostHeader, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A browser's cookie store inside a third-party iframe: only `SameSite=None; Secure` cookies come back. */
class IframeJar {
  private readonly cookies = new Map<string, string>();
  store(res: Answer): void {
    for (const header of res.headers['set-cookie'] ?? []) {
      const [pair, ...attrs] = header.split(';').map((s) => s.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const lower = attrs.map((a) => a.toLowerCase());
      const expired = lower.some((a) => a === 'max-age=0' || a.startsWith('expires=thu, 01 jan 1970'));
      if (expired || value === '') this.cookies.delete(name);
      else if (lower.includes('secure') && lower.includes('samesite=none')) this.cookies.set(name, value);
    }
  }
  header(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function persona(sub: string, lead: boolean): Persona {
  return { id: sub, sub, name: `Storm ${sub}`, givenName: 'Storm', familyName: sub, email: `${sub}@storm.example.edu`, roles: [lead ? `${M}Instructor` : `${M}Learner`], description: 'launch storm' };
}

/** The platform's half: checks the auth request as the sandbox (and Moodle) does, then signs the id_token. */
function platformAnswer(location: string, init: GeneratorInit, key: KeyObject, header: string, who: Persona): { idToken: string; state: string } {
  const auth = new URL(location);
  const q = auth.searchParams;
  if (`${auth.origin}${auth.pathname}` !== init.identity.authUrl) throw new Error(`login redirected to ${auth.origin}${auth.pathname}, not the platform's auth URL`);
  if (q.get('scope') !== 'openid' || q.get('response_type') !== 'id_token' || q.get('response_mode') !== 'form_post' || q.get('prompt') !== 'none') throw new Error('bad OIDC auth request');
  if (q.get('client_id') !== init.identity.clientId || q.get('redirect_uri') !== init.identity.toolLaunchUrl) throw new Error('auth request for another client or redirect_uri');
  if (q.get('login_hint') !== who.sub) throw new Error('login_hint not echoed');
  const nonce = q.get('nonce');
  const state = q.get('state');
  if (!nonce || !state) throw new Error('auth request without nonce or state');
  const claims = buildLaunchClaims(init.identity, who, { nonce });
  const input = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return { idToken: `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`, state };
}

const quantiles = (values: Float64Array | number[]): Quantiles => {
  const sorted = Float64Array.from(values).sort();
  const q = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! : NaN);
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: sorted.length ? sorted[sorted.length - 1]! : NaN };
};

async function run(init: GeneratorInit, key: KeyObject, r: RunRequest): Promise<RunResult> {
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: init.platformKey.kid })).toString('base64url');
  const loginBase = { iss: init.identity.issuer, target_link_uri: init.identity.toolLaunchUrl, client_id: init.identity.clientId, lti_deployment_id: init.identity.deploymentId, lti_message_hint: '{}' };
  const totals: number[] = [];
  const toolTimes: number[] = [];
  const steps: Record<(typeof STEPS)[number], number[]> = { login: [], platform: [], launch: [], me: [], home: [] };
  const firstErrors: string[] = [];
  let errors = 0;
  let seq = 0;
  const started = performance.now();
  const until = started + r.seconds * 1000;
  let lastProgress = started;
  let sinceProgress = 0;

  const one = async (n: number) => {
    const who = persona(`${r.prefix}-${n}`, n % 8 === 7); // one in eight is a lead teacher
    const jar = new IframeJar();
    // Each person is a browser of their own behind the tool's load balancer (trusted on loopback), so the
    // per-address rate limits count each of them, as in production, not the generator's one address.
    const browser = { 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` };
    const t0 = performance.now();
    const login = await request('POST', '/lti/login', { ...FORM, ...browser }, new URLSearchParams({ ...loginBase, login_hint: who.sub }).toString());
    jar.store(login);
    if (login.status !== 302 || !login.headers.location) throw new Error(`login: ${login.status} ${login.body.slice(0, 200)}`);
    const t1 = performance.now();
    const answer = platformAnswer(login.headers.location, init, key, header, who);
    const t2 = performance.now();
    const launch = await request('POST', '/lti/launch', { ...FORM, ...browser, ...jar.header() }, new URLSearchParams({ id_token: answer.idToken, state: answer.state }).toString());
    jar.store(launch);
    const token = /<meta name="staffroom-session" content="([^"]+)">/.exec(launch.body)?.[1];
    if (launch.status !== 200 || !token) throw new Error(`launch: ${launch.status} ${launch.body.replace(/\s+/g, ' ').slice(0, 300)}`);
    const t3 = performance.now();
    const auth = { authorization: `Bearer ${token}`, ...browser };
    // As the SPA does: the launch page carries /api/me's answer; only without it is /api/me asked.
    const carried = /<meta name="staffroom-me" content="([^"]*)">/.exec(launch.body)?.[1];
    let role: string;
    if (carried !== undefined) {
      role = (JSON.parse(carried.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as { role: string }).role;
    } else {
      const me = await request('GET', '/api/me', auth);
      if (me.status !== 200) throw new Error(`/api/me: ${me.status} ${me.body.slice(0, 200)}`);
      role = (JSON.parse(me.body) as { role: string }).role;
    }
    const t4 = performance.now();
    const homePath = role === 'participant' ? '/api/my-learning' : '/api/cohorts';
    const home = await request('GET', homePath, auth);
    if (home.status !== 200) throw new Error(`${homePath}: ${home.status} ${home.body.slice(0, 200)}`);
    const t5 = performance.now();
    totals.push(t5 - t0);
    toolTimes.push(t5 - t0 - (t2 - t1));
    steps.login.push(t1 - t0);
    steps.platform.push(t2 - t1);
    steps.launch.push(t3 - t2);
    steps.me.push(t4 - t3);
    steps.home.push(t5 - t4);
  };

  const worker = async () => {
    while (performance.now() < until) {
      try {
        await one(seq++);
      } catch (err) {
        errors++;
        if (firstErrors.length < 5) firstErrors.push(String((err as Error).message ?? err));
      }
      sinceProgress++;
      if (r.progressMs && performance.now() - lastProgress >= r.progressMs) {
        process.send!({ type: 'progress', label: r.label, launches: sinceProgress, errors, ms: performance.now() - lastProgress });
        lastProgress = performance.now();
        sinceProgress = 0;
      }
    }
  };
  await Promise.all(Array.from({ length: r.concurrency }, worker));
  const elapsedMs = performance.now() - started;
  return {
    type: 'result',
    label: r.label,
    concurrency: r.concurrency,
    launches: totals.length,
    errors,
    firstErrors,
    elapsedMs,
    total: quantiles(totals),
    tool: quantiles(toolTimes),
    steps: Object.fromEntries(STEPS.map((s) => [s, quantiles(steps[s])])) as RunResult['steps'],
  };
}

let init: GeneratorInit | null = null;
let key: KeyObject | null = null;
process.on('message', (m: GeneratorInit | RunRequest | { type: 'exit' }) => {
  if (m.type === 'init') {
    init = m;
    key = createPrivateKey(m.platformKey.pem);
    base = new URL(m.url);
    hostHeader = base.host;
    agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
    process.send!({ type: 'initialised' });
  } else if (m.type === 'run') {
    run(init!, key!, m).then(
      (result) => process.send!(result),
      (err) => process.send!({ type: 'failed', message: String(err) }),
    );
  } else if (m.type === 'exit') {
    agent?.destroy();
    process.exit(0);
  }
});
