import express from 'express';
import request from 'supertest';
import { captureLog } from '../../../test/helpers/logCapture';
import { requestLog } from './requestLog';

describe('the request log', () => {
  it('logs one line per request with id, method, path, address, agent, status and time, and no header values', async () => {
    const { lines, logger } = captureLog();
    const app = express();
    app.use(requestLog(logger));
    app.get('/api/me', (_req, res) => void res.cookie('sid', 'cookie-secret-value').json({ ok: true }));
    await request(app).get('/api/me?x=1').set('authorization', 'Bearer token-secret-value').set('cookie', 'a=cookie-in-secret').set('user-agent', 'TestAgent/1').set('x-request-id', 'req-42');
    const line = lines.find((l) => l.includes('request completed'));
    expect(line).toBeDefined();
    const entry = JSON.parse(line!);
    expect(entry.req).toEqual({ id: 'req-42', method: 'GET', url: '/api/me?x=1', remoteAddress: expect.any(String), userAgent: 'TestAgent/1' });
    expect(entry.res).toEqual({ statusCode: 200 });
    expect(typeof entry.responseTime).toBe('number');
    expect(lines.join('')).not.toMatch(/secret/);
  });

  it('hides registration tokens in the logged URL and skips /healthz', async () => {
    const { lines, logger } = captureLog();
    const app = express();
    app.use(requestLog(logger));
    app.get('/lti/register', (_req, res) => void res.send('ok'));
    app.get('/healthz', (_req, res) => void res.send('ok'));
    await request(app).get('/lti/register?openid_configuration=x&registration_token=abc.def.ghi');
    await request(app).get('/healthz');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('registration_token=[redacted]');
    expect(lines[0]).not.toContain('abc.def.ghi');
  });
});
