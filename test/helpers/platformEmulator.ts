import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { generateKeyPairSync, randomUUID, sign as rsaSign } from 'node:crypto';
import type { JWTPayload } from 'jose';

/** The platform endpoints a fault can be put on. */
export type PlatformEndpoint = 'jwks' | 'token' | 'nrps' | 'ags';

/**
 * How an endpoint misbehaves: `down` resets the connection (as an unreachable host or a crashed proxy does),
 * `slow` answers correctly after `delayMs` (10 s unless told), `garbage` answers 200 with an HTML page,
 * `error` answers 503.
 */
export type FaultMode = 'down' | 'slow' | 'garbage' | 'error';

/** A request the emulator received, with when it arrived (ms since epoch). */
export interface Received {
  endpoint: PlatformEndpoint;
  at: number;
  method: string;
  path: string;
  /** Where a fault applied, which one. */
  fault: FaultMode | null;
  /** The posted body (scores). */
  body: unknown;
}

/** A score the emulated gradebook accepted. */
export interface ReceivedScore {
  lineItem: string;
  userId: string;
  scoreGiven: number;
  timestamp: string;
}

interface Fault {
  mode: FaultMode;
  /** How many more requests it applies to (Infinity: until cleared). */
  remaining: number;
  delayMs: number;
}

const NRPS_TYPE = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';

/**
 * A loopback LTI 1.3 platform whose every service can be made to fail: JWKS, OAuth2 token endpoint, NRPS
 * memberships and AGS line items/scores, each `down`, `slow`, answering `garbage` or `error`, for a number of
 * requests or until cleared. It signs launches with its own key and records every request it gets.
 */
export async function startPlatformEmulator(o: { name?: string; modulusLength?: number } = {}) {
  // node:crypto rather than jose, which refuses keys under 2048 bits: a weak platform key is one of the cases tested.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: o.modulusLength ?? 2048 });
  const kid = `emu-${randomUUID().slice(0, 8)}`;
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  const faults = new Map<PlatformEndpoint, Fault[]>();
  const received: Received[] = [];
  const scores: ReceivedScore[] = [];
  const lineItems: Array<{ id: string; resourceId?: string; tag?: string; label: string; scoreMaximum: number }> = [];
  const members: Array<Record<string, unknown>> = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function endpointOf(path: string): PlatformEndpoint | null {
    if (path === '/jwks') return 'jwks';
    if (path === '/token') return 'token';
    if (path.startsWith('/nrps/')) return 'nrps';
    if (path.startsWith('/ags/')) return 'ags';
    return null;
  }

  function takeFault(endpoint: PlatformEndpoint): Fault | null {
    const list = faults.get(endpoint) ?? [];
    const f = list[0];
    if (!f) return null;
    if (--f.remaining <= 0) list.shift();
    return f;
  }

  const json = (res: http.ServerResponse, status: number, body: unknown, type = 'application/json') => {
    res.writeHead(status, { 'content-type': type });
    res.end(JSON.stringify(body));
  };

  function answer(endpoint: PlatformEndpoint, req: http.IncomingMessage, res: http.ServerResponse, path: string, body: string): void {
    switch (endpoint) {
      case 'jwks':
        return json(res, 200, { keys: [jwk] });
      case 'token':
        return json(res, 200, { access_token: `emu-token-${randomUUID()}`, token_type: 'Bearer', expires_in: 3600, scope: new URLSearchParams(body).get('scope') ?? '' });
      case 'nrps':
        return json(res, 200, { id: `${url}${path}`, context: { id: path.split('/')[2] }, members }, NRPS_TYPE);
      case 'ags':
        return ags(req, res, path, body);
    }
  }

  function ags(req: http.IncomingMessage, res: http.ServerResponse, path: string, body: string): void {
    const [, , contextId, , itemId, rest] = path.split('/'); // /ags/:ctx/lineitems[/:id[/scores]]
    const base = `${url}/ags/${contextId}/lineitems`;
    if (!itemId && req.method === 'GET') {
      const q = new URL(req.url!, url).searchParams;
      const found = lineItems.filter((i) => (!q.get('resource_id') || i.resourceId === q.get('resource_id')) && (!q.get('tag') || i.tag === q.get('tag')));
      return json(res, 200, found.map((i) => ({ ...i, id: `${base}/${i.id}` })), 'application/vnd.ims.lis.v2.lineitemcontainer+json');
    }
    if (!itemId && req.method === 'POST') {
      const item = { ...(JSON.parse(body) as { label: string; scoreMaximum: number }), id: String(lineItems.length + 1) };
      lineItems.push(item);
      return json(res, 201, { ...item, id: `${base}/${item.id}` }, 'application/vnd.ims.lis.v2.lineitem+json');
    }
    if (itemId && rest === 'scores' && req.method === 'POST') {
      const s = JSON.parse(body) as { userId: string; scoreGiven: number; timestamp: string };
      scores.push({ lineItem: `${base}/${itemId}`, userId: s.userId, scoreGiven: s.scoreGiven, timestamp: s.timestamp });
      res.writeHead(200).end();
      return;
    }
    json(res, 404, { error: 'not found' });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> {
    const path = new URL(req.url!, url).pathname;
    const endpoint = endpointOf(path);
    if (!endpoint) return void json(res, 404, { error: 'not found' });
    const fault = takeFault(endpoint);
    received.push({ endpoint, at: Date.now(), method: req.method!, path, fault: fault?.mode ?? null, body: body && endpoint === 'ags' ? JSON.parse(body) : null });
    if (fault?.mode === 'down') return void req.socket.destroy();
    if (fault?.mode === 'garbage') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Gateway says hello</body></html>');
    if (fault?.mode === 'error') return void json(res, 503, { error: 'maintenance' });
    if (fault?.mode === 'slow') {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => (timers.delete(t), resolve()), fault.delayMs);
        timers.add(t);
      });
      if (res.destroyed || req.socket.destroyed) return; // the tool gave up waiting
    }
    answer(endpoint, req, res, path, body);
  }

  const identity = {
    issuer: url,
    clientId: `staffroom-${kid}`,
    deploymentId: `${kid}-deployment`,
    authUrl: `${url}/auth`,
    tokenUrl: `${url}/token`,
    jwksUrl: `${url}/jwks`,
  };

  return {
    url,
    identity,
    name: o.name ?? `Emulated LMS ${kid}`,
    /** Puts a fault on an endpoint for the next `times` requests (until cleared when omitted). */
    fault(endpoint: PlatformEndpoint, mode: FaultMode, o: { times?: number; delayMs?: number } = {}): void {
      const list = faults.get(endpoint) ?? [];
      list.push({ mode, remaining: o.times ?? Infinity, delayMs: o.delayMs ?? 10_000 });
      faults.set(endpoint, list);
    },
    /** Removes every fault: the platform answers properly again. */
    clearFaults(): void {
      faults.clear();
    },
    /** Requests received at an endpoint, oldest first. */
    received: (endpoint: PlatformEndpoint) => received.filter((r) => r.endpoint === endpoint),
    scores: () => [...scores],
    lineItems: () => [...lineItems],
    /** Sets the NRPS roster (members as NRPS JSON). */
    setMembers(list: Array<Record<string, unknown>>): void {
      members.splice(0, members.length, ...list);
    },
    /** The services claims of a launch into `contextId` (AGS line items and NRPS memberships of this emulator). */
    serviceClaims(contextId: string): Record<string, unknown> {
      return {
        'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice': { context_memberships_url: `${url}/nrps/${contextId}`, service_versions: ['2.0'] },
        'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': {
          scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/lineitem', 'https://purl.imsglobal.org/spec/lti-ags/scope/score'],
          lineitems: `${url}/ags/${contextId}/lineitems`,
        },
      };
    },
    /** Signs an id_token (RS256) with this platform's key; `header` adds to or replaces header parameters. */
    async sign(claims: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
      const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const input = `${b64({ alg: 'RS256', kid, typ: 'JWT', ...header })}.${b64(claims)}`;
      return `${input}.${rsaSign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
    },
    async stop(): Promise<void> {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A running platform emulator. */
export type PlatformEmulator = Awaited<ReturnType<typeof startPlatformEmulator>>;
