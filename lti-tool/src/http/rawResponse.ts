import type { ServerResponse } from 'node:http';

export const HTML_TYPE = 'text/html; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';

/** Answers with a whole body and its length (what Express's res.send does, without the ETag: nothing here is cached). */
export function sendBody(res: ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

export const sendHtml = (res: ServerResponse, status: number, html: string): void => sendBody(res, status, HTML_TYPE, html);
export const sendJson = (res: ServerResponse, status: number, value: unknown): void => sendBody(res, status, JSON_TYPE, JSON.stringify(value));
