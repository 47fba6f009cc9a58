import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { Logger } from 'pino';
import pino from 'pino';
import { pinoHttp } from 'pino-http';
import { redactRegistrationToken } from '../registration/logRedaction';

/*
 * The request log: one line per request, with the request id, method, path, client address, user agent, status
 * and response time. Lean on purpose: pino-http's default serializers copy every request and response header into
 * each line and then redact the secret ones (authorization, cookies) by cloning the object, which is most of the
 * logging cost of a launch (four requests). Headers are not logged at all, so no secret header can reach the log and
 * nothing needs redacting; a new field here must keep it so. Registration tokens in URLs are still hidden.
 */
const requestFields = (raw: IncomingMessage) => {
  const req = raw as Request;
  const url = redactRegistrationToken({ url: req.originalUrl ?? req.url }).url;
  return { id: req.id, method: req.method, url, remoteAddress: req.ip ?? req.socket?.remoteAddress, userAgent: req.headers['user-agent'] };
};
const responseFields = (res: ServerResponse) => ({ statusCode: res.statusCode });

/** pino-http with the lean serializers above; `/healthz` is not logged (load balancers poll it). */
export function requestLog(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : randomUUID()),
    wrapSerializers: false,
    serializers: { req: requestFields, res: responseFields, err: pino.stdSerializers.err },
    autoLogging: { ignore: (req) => req.url === '/healthz' },
  });
}
