import { randomUUID } from 'node:crypto';
import { readBounded, retryAfterSeconds } from '../http/boundedBody';
import type { ConsumerCredentials } from './lti11.consumer.service';
import { signedBodyHeader } from './oauth1';
import { readPoxResponse, replaceResultRequest } from './pox';

/** Sent with every call to an LMS (Canvas requires a User-Agent on service calls). */
export const OUTCOMES_USER_AGENT = 'Staffroom LTI tool (LTI 1.1 Basic Outcomes)';
/** Defaults: POX answers are a few hundred bytes; an LMS that has not answered in 10 s is retried later. */
export const DEFAULT_OUTCOME_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_OUTCOME_RESPONSE_BYTES = 64 * 1024;

/** One score to replace in the LMS gradebook. */
export interface OutcomeRequest {
  /** `lis_outcome_service_url` of the launch. */
  serviceUrl: string;
  /** `lis_result_sourcedid` of the launch: the LMS's name for this user's gradebook cell. */
  sourcedId: string;
  /** 0.0–1.0. */
  score: number;
  consumer: ConsumerCredentials;
}

/**
 * What happened, for the passback job queue: delivered; a permanent failure (record it for an admin,
 * do not retry); or a transient failure (retry with backoff, after retryAfterSeconds when the LMS said so).
 */
export type OutcomeResult =
  | { kind: 'delivered'; codeMajor: 'success' | 'processing'; messageId: string }
  | { kind: 'permanent_failure'; reason: string; httpStatus: number | null; codeMajor: string | null; messageId: string }
  | { kind: 'transient_failure'; reason: string; httpStatus: number | null; retryAfterSeconds: number | null; messageId: string };

/**
 * Replaces one result through LTI 1.1 Basic Outcomes: a replaceResultRequest POX message signed with
 * OAuth 1.0a HMAC-SHA1 and oauth_body_hash. Never throws for what the LMS or the network does.
 */
export async function sendOutcome(
  req: OutcomeRequest,
  options: { timeoutMs?: number; maxResponseBytes?: number; now?: Date } = {},
): Promise<OutcomeResult> {
  const messageId = randomUUID();
  const permanent = (reason: string, httpStatus: number | null = null, codeMajor: string | null = null): OutcomeResult =>
    ({ kind: 'permanent_failure', reason, httpStatus, codeMajor, messageId });
  const transient = (reason: string, httpStatus: number | null = null, after: number | null = null): OutcomeResult =>
    ({ kind: 'transient_failure', reason, httpStatus, retryAfterSeconds: after, messageId });

  if (typeof req.score !== 'number' || !Number.isFinite(req.score) || req.score < 0 || req.score > 1) {
    return permanent(`the score ${String(req.score)} is not between 0 and 1`);
  }
  let url: URL;
  try {
    url = new URL(req.serviceUrl);
  } catch {
    return permanent(`the outcome service URL ${req.serviceUrl} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return permanent(`the outcome service URL ${req.serviceUrl} is not http(s)`);

  const body = replaceResultRequest({ messageId, sourcedId: req.sourcedId, score: req.score });
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      redirect: 'manual', // a redirected POST would arrive as a GET without the score
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_OUTCOME_TIMEOUT_MS),
      headers: {
        authorization: signedBodyHeader(req.serviceUrl, body, req.consumer, options.now),
        'content-type': 'application/xml; charset=utf-8',
        accept: 'application/xml, text/xml',
        'user-agent': OUTCOMES_USER_AGENT,
      },
      body,
    });
  } catch (e) {
    const name = (e as Error).name;
    return transient(name === 'TimeoutError' || name === 'AbortError' ? 'the LMS did not answer in time' : `the LMS could not be reached (${(e as Error).message})`);
  }

  let text: string | null;
  try {
    text = await readBounded(res, options.maxResponseBytes ?? DEFAULT_MAX_OUTCOME_RESPONSE_BYTES);
  } catch {
    return transient('the LMS stopped answering mid-response', res.status);
  }
  if (res.status === 429 || res.status === 408 || res.status >= 500) {
    return transient(`the LMS answered HTTP ${res.status}`, res.status, retryAfterSeconds(res.headers.get('retry-after')));
  }
  if (res.status < 200 || res.status >= 300) return permanent(`the LMS answered HTTP ${res.status}`, res.status);
  if (text === null) return permanent('the LMS answer is larger than Staffroom accepts', res.status);

  const pox = await readPoxResponse(text);
  if (!pox) return permanent(`the LMS answer is not an LTI outcomes response (${(res.headers.get('content-type') ?? 'no content type').split(';')[0]})`, res.status);
  if (pox.codeMajor === 'success' || pox.codeMajor === 'processing') return { kind: 'delivered', codeMajor: pox.codeMajor, messageId };
  const why = pox.description ? `: ${pox.description}` : '';
  return permanent(`the LMS refused the score (${pox.codeMajor})${why}`, res.status, pox.codeMajor);
}
