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
const fields = (req: IncomingMessage, id: unknown, url: string, remoteAddress: string | undefined) => ({
  id,
  method: req.method,
  url: redactRegistrationToken({ url }).url,
  remoteAddress,
  userAgent: req.headers['user-agent'],
});
const requestFields = (raw: IncomingMessage) => {
  const req = raw as Request;
  return fields(req, req.id, req.originalUrl ?? req.url, req.ip ?? req.socket?.remoteAddress);
};
const responseFields = (res: ServerResponse) => ({ statusCode: res.statusCode });

/** The request's id: the load balancer's X-Request-Id when it sends one. */
const requestId = (req: IncomingMessage): string => (typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : randomUUID());

/**
 * The same line for a request the launch lane serves (launchLane.ts), without pino-http's per-request child
 * loggers: sets req.id and logs 'request completed' (or 'request errored' from status 500) once the response ends.
 */
export function logLaneRequest(logger: Logger, req: IncomingMessage, res: ServerResponse, remoteAddress: string): void {
  const started = Date.now();
  req.id = requestId(req);
  // 'close' follows 'finish', and also comes alone when the connection drops first: one line either way. (An inline
  // listener: a named per-request closure costs a defineProperty per request under tsx's keepNames.)
  res.once('close', () => logCompleted(logger, req, res, remoteAddress, started));
}

function logCompleted(logger: Logger, req: IncomingMessage, res: ServerResponse, remoteAddress: string, started: number): void {
  const line = { req: fields(req, req.id, req.url ?? '', remoteAddress), res: responseFields(res), responseTime: Date.now() - started };
  if (res.statusCode >= 500) logger.info({ ...line, err: new Error(`failed with status code ${res.statusCode}`) }, 'request errored');
  else logger.info(line, 'request completed');
}

/** pino-http with the lean serializers above; `/healthz` is not logged (load balancers poll it). */
export function requestLog(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: requestId,
    wrapSerializers: false,
    serializers: { req: requestFields, res: responseFields, err: pino.stdSerializers.err },
    autoLogging: { ignore: (req) => req.url === '/healthz' },
  });
}
