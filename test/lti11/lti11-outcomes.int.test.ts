import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendOutcome, type OutcomeRequest } from '../../lti-tool/src/lti11/lti11.outcomes';
import { signedBodyHeader } from '../../lti-tool/src/lti11/oauth1';
import { poxResponse, replaceResultRequest } from '../../lti-tool/src/lti11/pox';
import { api } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { lti11LaunchAs, sandboxConsumer } from './lti11Flow';

/** An LMS that misbehaves in the way each path says, to see how sendOutcome classifies it. */
function startBadLms(): Promise<{ url: string; close(): Promise<void> }> {
  const pox = (codeMajor: 'failure' | 'unsupported' | 'success') =>
    poxResponse({ codeMajor, description: `${codeMajor} on purpose`, messageId: 'lms-1', refMessageId: null, operation: 'replaceResultRequest' });
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      switch (req.url) {
        case '/failure':
        case '/unsupported':
          return void res.writeHead(200, { 'content-type': 'application/xml' }).end(pox(req.url.slice(1) as 'failure' | 'unsupported'));
        case '/html':
          return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body><h1>Please log in</h1></body></html>');
        case '/503':
          return void res.writeHead(503, { 'retry-after': '30', 'content-type': 'text/html' }).end('<h1>Maintenance</h1>');
        case '/429':
          return void res.writeHead(429).end();
        case '/404':
          return void res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
        case '/redirect':
          return void res.writeHead(302, { location: '/success' }).end();
        case '/huge':
          return void res.writeHead(200, { 'content-type': 'application/xml' }).end(`<x>${'a'.repeat(200 * 1024)}</x>`);
        case '/hangup':
          return void res.socket?.destroy();
        case '/slow':
          return; // never answers: the client's timeout must end the call
        default:
          return void res.writeHead(200, { 'content-type': 'application/xml' }).end(pox('success'));
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => {
          server.closeAllConnections();
          return new Promise<void>((done) => server.close(() => done()));
        },
      });
    }),
  );
}

describe('LTI 1.1 Basic Outcomes (sendOutcome) against the sandbox consumer and misbehaving LMSs', () => {
  let tool: TestTool;
  let lms: Awaited<ReturnType<typeof startBadLms>>;
  beforeAll(async () => {
    tool = await startTestTool();
    lms = await startBadLms();
  });
  afterAll(async () => {
    await lms.close();
    await tool.stop();
  });

  /** A launch's Basic Outcomes data and the consumer credentials for it, as the passback job would read them. */
  async function launchedOutcome(persona: string): Promise<Omit<OutcomeRequest, 'score'>> {
    const { token } = await lti11LaunchAs(tool, persona);
    const me = (await (await api(tool, '/api/me', token)).json()) as { user: { id: string } };
    const session = await tool.db('sessions').where({ user_id: me.user.id }).orderBy('created_at', 'desc').first();
    const user = await tool.db('users').where({ id: me.user.id }).first();
    const consumer = await tool.services.lti11.consumers.credentialsForPlatform(user.platform_id);
    if (!consumer) throw new Error('the launch did not come from an LTI 1.1 consumer');
    return { serviceUrl: session.launch.basicOutcome.lis_outcome_service_url, sourcedId: session.launch.basicOutcome.lis_result_sourcedid, consumer };
  }

  const badLms = (path: string): OutcomeRequest => ({ serviceUrl: `${lms.url}${path}`, sourcedId: 's-1', score: 0.5, consumer: { key: 'k', secret: 'secret-of-the-bad-lms' } });

  it('delivers a launch\'s score to the sandbox, which verifies signature and body hash and records it', async () => {
    const target = await launchedOutcome('teacher-1');
    const result = await sendOutcome({ ...target, score: 0.85 });
    expect(result).toEqual({ kind: 'delivered', codeMajor: 'success', messageId: expect.any(String) });
    const recorded = await sandboxConsumer(tool).outcomes.list(target.sourcedId);
    expect(recorded).toEqual([expect.objectContaining({ score: 0.85, messageIdentifier: result.messageId, consumerKey: 'staffroom-sandbox-lti11' })]);
  });

  it('replaces the score on a second send (0 and 1 are valid scores)', async () => {
    const target = await launchedOutcome('teacher-2');
    expect((await sendOutcome({ ...target, score: 1 })).kind).toBe('delivered');
    expect((await sendOutcome({ ...target, score: 0 })).kind).toBe('delivered');
    expect((await sandboxConsumer(tool).outcomes.latest(target.sourcedId))?.score).toBe(0);
  });

  it('is a permanent failure when the LMS refuses the sourcedId (codeMajor failure), and nothing is recorded', async () => {
    const target = await launchedOutcome('teacher-3');
    const result = await sendOutcome({ ...target, sourcedId: '{"data":{"userid":"made-up"},"hash":"x"}', score: 0.5 });
    expect(result).toMatchObject({ kind: 'permanent_failure', codeMajor: 'failure', httpStatus: 200, reason: expect.stringContaining('Invalid sourcedid') });
    expect(await sandboxConsumer(tool).outcomes.list('{"data":{"userid":"made-up"},"hash":"x"}')).toEqual([]);
  });

  it('is a permanent failure when signed with the wrong secret (the sandbox answers like Moodle: 200 with failure)', async () => {
    const target = await launchedOutcome('lead');
    const result = await sendOutcome({ ...target, consumer: { ...target.consumer, secret: 'not-the-right-secret' }, score: 0.5 });
    expect(result).toMatchObject({ kind: 'permanent_failure', codeMajor: 'failure', reason: expect.stringContaining('signature not valid') });
    expect(await sandboxConsumer(tool).outcomes.list(target.sourcedId)).toEqual([]);
  });

  it('the sandbox refuses a message whose body is not the one the body hash covers', async () => {
    const target = await launchedOutcome('admin');
    const signedFor = replaceResultRequest({ messageId: 'm', sourcedId: target.sourcedId, score: 0.1 });
    const sent = replaceResultRequest({ messageId: 'm', sourcedId: target.sourcedId, score: 1 });
    const res = await fetch(target.serviceUrl, { method: 'POST', headers: { authorization: signedBodyHeader(target.serviceUrl, signedFor, target.consumer), 'content-type': 'application/xml' }, body: sent });
    expect(await res.text()).toMatch(/<imsx_codeMajor>failure<\/imsx_codeMajor>.*body hash/);
    expect(await sandboxConsumer(tool).outcomes.list(target.sourcedId)).toEqual([]);
  });

  it.each([
    [-0.1, 'not between 0 and 1'],
    [1.5, 'not between 0 and 1'],
    [Number.NaN, 'not between 0 and 1'],
  ])('is a permanent failure without calling the LMS for the score %p', async (score, reason) => {
    expect(await sendOutcome({ ...badLms('/success'), score })).toMatchObject({ kind: 'permanent_failure', httpStatus: null, reason: expect.stringContaining(reason) });
  });

  it.each([
    ['/failure', 200, 'failure'],
    ['/unsupported', 200, 'unsupported'],
    ['/html', 200, null],
    ['/404', 404, null],
    ['/redirect', 302, null],
    ['/huge', 200, null],
  ])('is a permanent failure when the LMS answers %s (HTTP %p, codeMajor %p)', async (path, httpStatus, codeMajor) => {
    expect(await sendOutcome(badLms(path))).toMatchObject({ kind: 'permanent_failure', httpStatus, codeMajor });
  });

  it('says why for an HTML answer and for an oversized one', async () => {
    expect(await sendOutcome(badLms('/html'))).toMatchObject({ reason: expect.stringContaining('text/html') });
    expect(await sendOutcome(badLms('/huge'), { maxResponseBytes: 1024 })).toMatchObject({ reason: expect.stringContaining('larger than') });
  });

  it.each([
    ['/503', 503, 30],
    ['/429', 429, null],
  ])('is a transient failure when the LMS answers %s, with its Retry-After', async (path, httpStatus, retryAfterSeconds) => {
    expect(await sendOutcome(badLms(path))).toMatchObject({ kind: 'transient_failure', httpStatus, retryAfterSeconds });
  });

  it('is a transient failure when the LMS does not answer before the timeout', async () => {
    expect(await sendOutcome(badLms('/slow'), { timeoutMs: 300 })).toMatchObject({ kind: 'transient_failure', httpStatus: null, reason: expect.stringContaining('in time') });
  });

  it('is a transient failure when the LMS hangs up or cannot be reached', async () => {
    expect(await sendOutcome(badLms('/hangup'))).toMatchObject({ kind: 'transient_failure', httpStatus: null });
    expect(await sendOutcome({ ...badLms('/'), serviceUrl: 'http://127.0.0.1:9/outcomes' })).toMatchObject({ kind: 'transient_failure', reason: expect.stringContaining('could not be reached') });
  });

  it('is a permanent failure for an outcome URL that is not http(s)', async () => {
    expect(await sendOutcome({ ...badLms('/'), serviceUrl: 'file:///etc/passwd' })).toMatchObject({ kind: 'permanent_failure', reason: expect.stringContaining('not http(s)') });
  });

  it('sends a User-Agent, an OAuth body-hash signature and the POX content type', async () => {
    let seen: http.IncomingHttpHeaders = {};
    const spy = http.createServer((req, res) => {
      seen = req.headers;
      req.resume().on('end', () => res.writeHead(200).end(poxResponse({ codeMajor: 'success', description: '', messageId: 'x', refMessageId: null, operation: 'replaceResultRequest' })));
    });
    await new Promise<void>((r) => spy.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(spy.address() as AddressInfo).port}/outcomes`;
    expect((await sendOutcome({ ...badLms('/'), serviceUrl: url })).kind).toBe('delivered');
    await new Promise<void>((r) => spy.close(() => r()));
    expect(seen['user-agent']).toMatch(/Staffroom/);
    expect(seen['content-type']).toMatch(/^application\/xml/);
    expect(seen.authorization).toMatch(/^OAuth .*oauth_body_hash="[^"]+".*oauth_signature="[^"]+"/);
  });
});
