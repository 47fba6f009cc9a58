import http from 'node:http';
import { gzipSync } from 'node:zlib';
import express from 'express';
import request from 'supertest';
import { captureLog } from '../../../test/helpers/logCapture';
import { AppError } from './errors';
import { compileTrust, createLaunchLane, type LaneCall, type LaneRoute } from './launchLane';
import { sendJson } from './rawResponse';
import { createSecurityHeaders, securityHeaders } from './securityHeaders';
import type { Hit } from './rateLimit.store';

/** A counter that allows `limit` hits per key (the shared stores are tested with their own tables). */
function counter() {
  const hits = new Map<string, number>();
  return {
    keys: hits,
    async hit(key: string): Promise<Hit> {
      hits.set(key, (hits.get(key) ?? 0) + 1);
      return { hits: hits.get(key)!, resetsAt: new Date(Date.now() + 30_000) };
    },
  };
}

const FORM = { maxBytes: 64, maxParams: 3, tooLarge: () => new AppError(413, 'form_too_large', 'Too large.'), tooManyParams: () => new AppError(413, 'too_many_fields', 'Too many.') };
const ORIGINS = ['https://lms.example.edu'];

/** A server whose lane echoes what it read, with Express behind it for everything else. */
function serve(o: { trustProxy?: boolean | number | string; limit?: number } = {}) {
  const { lines, logger } = captureLog();
  const calls: LaneCall[] = [];
  const hits = counter();
  const echo = async (call: LaneCall) => {
    calls.push(call);
    sendJson(call.res, 200, { query: { ...call.query }, form: { ...call.form } });
  };
  const routes: LaneRoute[] = [
    { method: 'GET', path: '/echo', handle: echo },
    { method: 'POST', path: '/echo', form: FORM, handle: echo },
    { method: 'POST', path: '/limited', limit: { store: hits, rule: { name: 'test', limit: o.limit ?? 2, windowSeconds: 60 } }, handle: echo },
    {
      method: 'GET',
      path: '/boom',
      handle: async () => {
        throw new AppError(409, 'test_conflict', 'It clashed.');
      },
    },
  ];
  const headers = createSecurityHeaders(async () => ORIGINS);
  const lane = createLaunchLane({ routes, logger, securityHeaders: headers, trustProxy: o.trustProxy ?? false });
  const app = express();
  app.use(securityHeaders(headers));
  app.get('/express', (_req, res) => void res.json({ from: 'express' }));
  const server = http.createServer((req, res) => {
    if (!lane.serve(req, res)) app(req, res);
  });
  return { server, lines, calls, hits, lane };
}

describe('the launch lane', () => {
  it('serves its routes and hands every other request to Express', async () => {
    const { server, lane } = serve();
    expect(lane.routes).toEqual(['GET /echo', 'POST /echo', 'POST /limited', 'GET /boom']);
    expect((await request(server).get('/echo?a=1&a=2&b=x')).body).toEqual({ query: { a: ['1', '2'], b: 'x' }, form: {} });
    expect((await request(server).get('/express')).body).toEqual({ from: 'express' });
    expect((await request(server).put('/echo')).status).toBe(404); // no lane route: Express answers
  });

  it('matches paths as Express does: in any case and with a trailing slash', async () => {
    const { server, calls } = serve();
    expect((await request(server).get('/ECHO/?a=1')).body.query).toEqual({ a: '1' });
    expect((await request(server).get('/echo/x')).status).toBe(404); // not a lane route: Express answers
    expect(calls).toHaveLength(1);
  });

  it('answers HEAD for a GET route without a body', async () => {
    const res = await request(serve().server).head('/echo');
    expect(res.status).toBe(200);
    expect(res.text).toBeUndefined();
  });

  it('sends the same security headers as the Express app', async () => {
    const { server } = serve();
    const strip = (h: Record<string, string>) => {
      const { date, etag, 'content-length': _l, connection, 'keep-alive': _k, ...rest } = h;
      void date;
      void etag;
      void connection;
      return rest;
    };
    const lane = await request(server).get('/echo');
    const viaExpress = await request(server).get('/express');
    expect(lane.headers['content-security-policy']).toContain("frame-ancestors 'self' https://lms.example.edu");
    expect(strip(lane.headers as Record<string, string>)).toEqual(strip(viaExpress.headers as Record<string, string>));
  });

  it('reads urlencoded forms: repeated fields become lists, __proto__ is a plain field', async () => {
    const { server } = serve();
    const res = await request(server).post('/echo').type('form').send('a=1&a=2&__proto__=x');
    expect(res.status).toBe(200);
    expect(res.body.form).toEqual({ a: ['1', '2'], ['__proto__']: 'x' });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('treats another content type as an empty form', async () => {
    const res = await request(serve().server).post('/echo').set('content-type', 'application/json').send('{"a":1}');
    expect(res.body.form).toEqual({});
  });

  it('refuses forms over the size or field limit with the route’s own errors, declared or streamed', async () => {
    const { server } = serve();
    const big = await request(server).post('/echo').type('form').send(`a=${'x'.repeat(100)}`);
    expect([big.status, big.body.error.id]).toEqual([413, 'form_too_large']);
    const many = await request(server).post('/echo').type('form').send('a=1&b=2&c=3&d=4');
    expect([many.status, many.body.error.id]).toEqual([413, 'too_many_fields']);
    // Chunked (no Content-Length): the limit holds while the body streams in.
    const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      server.listen(0, () => {
        const { port } = server.address() as { port: number };
        const req = http.request({ port, method: 'POST', path: '/echo', headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' } }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => server.close(() => resolve({ status: res.statusCode!, body })));
        });
        req.on('error', reject);
        req.write('a=' + 'x'.repeat(40));
        req.end('y'.repeat(40));
      });
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).error.id).toBe('form_too_large');
  });

  it('refuses compressed bodies and charsets other than UTF-8 with 415', async () => {
    const { server } = serve();
    const gz = await request(server).post('/echo').set('content-type', 'application/x-www-form-urlencoded').set('content-encoding', 'gzip').send(gzipSync('a=1'));
    expect([gz.status, gz.body.error.id]).toEqual([415, 'unsupported_encoding']);
    const latin = await request(server).post('/echo').set('content-type', 'application/x-www-form-urlencoded; charset=koi8-r').send('a=1');
    expect([latin.status, latin.body.error.id]).toEqual([415, 'unsupported_encoding']);
  });

  it('presents a thrown error as the API error body', async () => {
    const res = await request(serve().server).get('/boom');
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ error: { id: 'test_conflict', message: 'It clashed.' } });
  });

  it('rate-limits by client address (behind a trusted proxy, the forwarded one) before reading the body', async () => {
    const { server, calls, hits } = serve({ trustProxy: 'loopback', limit: 1 });
    const first = await request(server).post('/limited').set('x-forwarded-for', '203.0.113.7').send('a=1');
    expect(first.status).toBe(200);
    expect(first.headers['ratelimit-policy']).toBe('1;w=60');
    const second = await request(server).post('/limited').set('x-forwarded-for', '203.0.113.7').send('a=1');
    expect([second.status, second.body.error.id]).toEqual([429, 'rate_limited']);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
    expect((await request(server).post('/limited').set('x-forwarded-for', '203.0.113.8')).status).toBe(200);
    expect([...hits.keys.keys()]).toEqual(['test:203.0.113.7', 'test:203.0.113.8']);
    expect(calls).toHaveLength(2);
  });

  it('logs one line per request, as the Express request log does', async () => {
    const { server, lines } = serve();
    await request(server).get('/echo?x=1').set('user-agent', 'TestAgent/1').set('x-request-id', 'req-7').set('authorization', 'Bearer secret-token');
    await request(server).get('/boom');
    const entries = lines.map((l) => JSON.parse(l) as Record<string, any>).filter((e) => e.msg === 'request completed');
    expect(entries).toHaveLength(2);
    expect(entries[0]!.req).toEqual({ id: 'req-7', method: 'GET', url: '/echo?x=1', remoteAddress: expect.any(String), userAgent: 'TestAgent/1' });
    expect(entries[0]!.res).toEqual({ statusCode: 200 });
    expect(entries[1]!.res).toEqual({ statusCode: 409 });
    expect(lines.join('')).not.toContain('secret-token');
  });
});

describe("the lane's reading of trust proxy", () => {
  it.each([false, true, 1, 2, 'loopback', '10.0.0.0/8, 127.0.0.1'])('finds the client address Express finds (%p)', async (setting) => {
    const app = express();
    app.set('trust proxy', setting);
    app.get('/', (req, res) => void res.json({ ip: req.ip }));
    const trust = compileTrust(setting);
    const proxyaddr = (await import('proxy-addr')).default;
    const server = http.createServer((req, res) => {
      if (req.url === '/lane') sendJson(res, 200, { ip: proxyaddr(req, trust) });
      else app(req, res);
    });
    const xff = '198.51.100.1, 10.1.2.3';
    const viaExpress = await request(server).get('/').set('x-forwarded-for', xff);
    const viaLane = await request(server).get('/lane').set('x-forwarded-for', xff);
    expect(viaLane.body.ip).toBe(viaExpress.body.ip);
  });

  it('answers for an address list stay those of proxy-addr when asked again, and past the 10,000 it remembers', async () => {
    const proxyaddr = (await import('proxy-addr')).default;
    const setting = 'loopback, 10.0.0.0/8, fc00::/7';
    const reference = proxyaddr.compile(setting.split(',').map((v) => v.trim()));
    const trust = compileTrust(setting);
    const samples = ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.20.30.40', '11.0.0.1', '198.51.100.7', 'fd00::1', '2001:db8::1'];
    const many = Array.from({ length: 10_050 }, (_, i) => `172.16.${(i >> 8) & 255}.${i & 255}`);
    for (const round of [samples, samples, many, samples]) for (const [i, addr] of round.entries()) expect(trust(addr, i)).toBe(reference(addr, i));
  });
});
