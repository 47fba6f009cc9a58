import type { IncomingMessage, ServerResponse } from 'node:http';
import accepts from 'accepts';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { LaunchError } from '../lti/launchErrors';
import { AppError } from './errors';
import { escapeHtml, htmlPage } from './html';
import { sendHtml, sendJson } from './rawResponse';

interface BodyParserError {
  type?: string;
  status?: number;
}

// Connection-level failures (server down, restarting, pool exhausted): the request may simply be retried.
const DB_UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

/** True when the database could not be reached (as opposed to a query that failed). */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; name?: unknown; message?: unknown } | null;
  if (!e) return false;
  if (typeof e.code === 'string' && DB_UNAVAILABLE_CODES.has(e.code)) return true;
  if (e.name === 'KnexTimeoutError') return true;
  return typeof e.message === 'string' && /Connection terminated|connection is closed|Client has encountered a connection error/i.test(e.message);
}

function normalise(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isDatabaseUnavailable(err)) return new AppError(503, 'service_unavailable', 'Staffroom cannot reach its database right now. Please try again in a moment.');
  const bp = err as BodyParserError;
  if (bp?.type === 'entity.too.large') return new AppError(413, 'payload_too_large', 'The request is larger than Staffroom accepts.');
  if (bp?.type === 'entity.parse.failed') return new AppError(400, 'malformed_body', 'The request body is not valid JSON.');
  if (bp?.type === 'charset.unsupported' || bp?.type === 'encoding.unsupported') {
    return new AppError(415, 'unsupported_encoding', 'The request body encoding is not supported.');
  }
  return new AppError(500, 'internal', 'Something went wrong on our side. Please try again.');
}

function launchErrorPage(err: LaunchError, requestId: string): string {
  return htmlPage({
    title: 'Staffroom could not open',
    body:
      `<h1>Staffroom could not open</h1><p class="problem">${escapeHtml(err.message)}</p>` +
      `<h2>For your LMS administrator</h2><p>${escapeHtml(err.hint)}</p>` +
      `<p class="reference">Error <code>${escapeHtml(err.id)}</code>, reference <code>${escapeHtml(requestId)}</code>.</p>`,
  });
}

/**
 * The one error presentation: JSON `{error:{id,message}}` for the API, an explanatory page for launches. Plain
 * node:http, so Express (errorMiddleware) and the launch lane (launchLane.ts) answer every error the same way.
 */
export function presentError(err: unknown, req: IncomingMessage & { id?: unknown }, res: ServerResponse, logger: Logger, path: string): void {
  const appError = normalise(err);
  const requestId = String(req.id ?? '');
  if (appError.status >= 500) logger.error({ err, requestId, path }, 'request failed');
  else logger.warn({ errorId: appError.id, reason: appError.message, status: appError.status, requestId, path }, 'request rejected');
  if (res.headersSent) return;
  if (appError.status === 503) res.setHeader('Retry-After', '5');
  const wantsPage = appError instanceof LaunchError || (path.startsWith('/lti/') && accepts(req).types(['json', 'html']) === 'html');
  if (wantsPage) {
    const pageError = appError instanceof LaunchError ? appError : new LaunchError(appError.status, appError.id, appError.message, 'Open Staffroom again from the course.');
    sendHtml(res, appError.status, launchErrorPage(pageError, requestId));
    return;
  }
  sendJson(res, appError.status, { error: { id: appError.id, message: appError.message, ...(appError.details ? { details: appError.details } : {}) } });
}

/** The Express error handler: presentError. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => presentError(err, req, res, logger, req.path);
}
