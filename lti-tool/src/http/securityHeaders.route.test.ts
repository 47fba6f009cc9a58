import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { createSecurityHeaders, HELMET_OPTIONS, securityHeaders } from './securityHeaders';

/** The headers a response carries, minus those that differ per response anyway. */
const headersOf = (res: request.Response) => {
  const { date, etag, 'content-length': _length, ...rest } = res.headers as Record<string, string>;
  void date;
  void etag;
  return rest;
};

describe('security headers recorded from helmet and replayed', () => {
  it('sends exactly what helmet itself sends, on the first request and on the ones that replay it', async () => {
    let origins = ['https://lms.example.edu'];
    const app = express();
    app.use(securityHeaders(createSecurityHeaders(async () => origins)));
    app.get('/x', (_req, res) => void res.send('ok'));

    const reference = express();
    reference.use((_req, res, next) => {
      res.locals.frameAncestors = "'self' https://lms.example.edu";
      next();
    });
    reference.use(helmet(HELMET_OPTIONS));
    reference.get('/x', (_req, res) => void res.send('ok'));

    const expected = headersOf(await request(reference).get('/x'));
    expect(expected['content-security-policy']).toContain("frame-ancestors 'self' https://lms.example.edu");
    const first = headersOf(await request(app).get('/x'));
    const second = headersOf(await request(app).get('/x'));
    expect(first).toEqual(expected);
    expect(second).toEqual(expected);
    origins = []; // memoised for a minute: a registration removed now does not change this process's headers yet
    expect(headersOf(await request(app).get('/x'))).toEqual(expected);
  });
});
