import { readBounded } from '../http/boundedBody';

/** The User-Agent of every call Staffroom makes to a platform (Canvas requires one). */
export const USER_AGENT = 'Staffroom LTI tool';

/** A JSON request to a platform. */
export interface PlatformRequest {
  method?: 'GET' | 'POST';
  /** Sent as `Authorization: Bearer …` when present. */
  bearer?: string;
  /** Sent as application/json. */
  json?: unknown;
  timeoutMs: number;
  maxBytes: number;
}

/** What came back. Expected failures are values, so the caller can explain each one to the LMS admin. */
export type PlatformAnswer =
  | { kind: 'json'; status: number; body: unknown }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'redirected'; status: number; location: string | null }
  | { kind: 'http_error'; status: number; detail: string }
  | { kind: 'not_json'; status: number; contentType: string }
  | { kind: 'invalid_json'; status: number }
  | { kind: 'too_large'; maxBytes: number };

const ERROR_DETAIL_BYTES = 4096;
const ERROR_DETAIL_CHARS = 300;

/** The platform's own explanation of an error: OAuth (`error_description`), Canvas (`errors`) or plain text. */
export function errorDetail(text: string): string {
  let detail = text;
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const parts = [body.error_description, body.error, body.errorMessage, body.message, body.errors]
      .flat()
      .map((p) => (typeof p === 'string' ? p : p && typeof p === 'object' ? JSON.stringify(p) : null))
      .filter((p): p is string => !!p);
    if (parts.length > 0) detail = parts.join(': ');
  } catch {
    detail = text.replace(/<[^>]*>/g, ' '); // an HTML error page: keep its words only
  }
  detail = detail.replace(/\s+/g, ' ').trim();
  return detail.length > ERROR_DETAIL_CHARS ? `${detail.slice(0, ERROR_DETAIL_CHARS)}…` : detail;
}

const isJsonType = (contentType: string) => /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType);

/**
 * Calls a platform with a timeout and a size limit, never following redirects (a redirect could carry
 * the registration token to another host), and accepts only JSON answers.
 */
export async function callPlatform(url: string, req: PlatformRequest): Promise<PlatformAnswer> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT };
  if (req.bearer) headers.authorization = `Bearer ${req.bearer}`;
  if (req.json !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      method: req.method ?? 'GET',
      headers,
      body: req.json === undefined ? undefined : JSON.stringify(req.json),
      redirect: 'manual',
      signal: AbortSignal.timeout(req.timeoutMs),
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const reason = err.name === 'TimeoutError' ? `no answer within ${req.timeoutMs / 1000} s` : (err.cause?.code ?? err.cause?.message ?? err.message);
    return { kind: 'unreachable', reason };
  }
  try {
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel();
      return { kind: 'redirected', status: res.status, location: res.headers.get('location') };
    }
    if (!res.ok) {
      const text = (await readBounded(res, ERROR_DETAIL_BYTES)) ?? '';
      return { kind: 'http_error', status: res.status, detail: errorDetail(text) };
    }
    const contentType = res.headers.get('content-type') ?? '';
    if (!isJsonType(contentType)) {
      await res.body?.cancel();
      return { kind: 'not_json', status: res.status, contentType: contentType || '(none)' };
    }
    const text = await readBounded(res, req.maxBytes);
    if (text === null) return { kind: 'too_large', maxBytes: req.maxBytes };
    try {
      return { kind: 'json', status: res.status, body: JSON.parse(text) as unknown };
    } catch {
      return { kind: 'invalid_json', status: res.status };
    }
  } catch (e) {
    const err = e as Error;
    return { kind: 'unreachable', reason: err.name === 'TimeoutError' ? `no complete answer within ${req.timeoutMs / 1000} s` : err.message };
  }
}
