import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import HmacSha1 from 'ims-lti/lib/hmac-sha1';
import { special_encode as encode } from 'ims-lti/lib/utils';

/** Request parameters as a form parser gives them: a repeated name has several values. */
export type OAuthParams = Record<string, string | string[]>;

const signer = new HmacSha1();

/**
 * The base string URI (RFC 5849 §3.4.1.2): lower-case scheme and host, no default port, no query,
 * no fragment. The query's parameters are signed as parameters instead.
 */
export function baseStringUri(url: string): string {
  const u = new URL(url); // WHATWG URL already lower-cases scheme and host and drops default ports
  return `${u.protocol}//${u.host}${u.pathname}`;
}

/** Every (name, value) pair of a URL's query, so a signature covers them (RFC 5849 §3.4.1.3.1). */
export function queryParams(url: string): OAuthParams {
  const out: Record<string, string[]> = {};
  for (const [k, v] of new URL(url).searchParams) (out[k] ??= []).push(v);
  return out;
}

/**
 * The signature base string (RFC 5849 §3.4.1). Pairs are encoded, then sorted by name and then by
 * value. ims-lti sorts the joined "name=value" strings instead, which differs from what Moodle and
 * Canvas sign as soon as one name is a prefix of another followed by a digit (custom_a, custom_a1).
 */
export function signatureBaseString(method: string, url: string, ...paramSets: OAuthParams[]): string {
  const pairs: Array<[string, string]> = [];
  for (const params of paramSets) {
    for (const [name, values] of Object.entries(params)) {
      if (name === 'oauth_signature' || name === 'realm') continue;
      for (const value of Array.isArray(values) ? values : [values]) pairs.push([encode(name), encode(value)]);
    }
  }
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const normalized = pairs.map(([n, v]) => `${n}=${v}`).join('&');
  return [method.toUpperCase(), encode(baseStringUri(url)), encode(normalized)].join('&');
}

/** HMAC-SHA1 signature of a request with ims-lti's signer (consumer secret, no token secret). */
export function hmacSha1Signature(baseString: string, consumerSecret: string): string {
  return signer.sign_string(baseString, consumerSecret);
}

/** Constant-time comparison of a received signature with the expected one. */
export function signaturesMatch(received: string, expected: string): boolean {
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The oauth_body_hash of a request body (OAuth Request Body Hash extension): base64 SHA-1. */
export function bodyHash(body: string | Buffer): string {
  return createHash('sha1').update(body).digest('base64');
}

/** Fresh protocol parameters for a request the tool or the sandbox signs. */
export function oauthProtocolParams(consumerKey: string, now: Date = new Date()): Record<string, string> {
  return {
    oauth_consumer_key: consumerKey,
    oauth_nonce: randomBytes(16).toString('hex'),
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(Math.floor(now.getTime() / 1000)),
    oauth_version: '1.0',
  };
}

/** Signs form parameters for a POST to `url` (a launch): returns them with oauth_signature added. */
export function signForm(url: string, params: Record<string, string>, consumer: { key: string; secret: string }, now?: Date): Record<string, string> {
  const all = { ...params, ...oauthProtocolParams(consumer.key, now) };
  const signature = hmacSha1Signature(signatureBaseString('POST', url, all, queryParams(url)), consumer.secret);
  return { ...all, oauth_signature: signature };
}

/** An `Authorization: OAuth …` header value for the given protocol parameters. */
export function authorizationHeader(params: Record<string, string>): string {
  return `OAuth realm="",${Object.entries(params).map(([k, v]) => `${encode(k)}="${encode(v)}"`).join(',')}`;
}

/** Parses an `Authorization: OAuth …` header into its parameters (null when it is not one). */
export function parseAuthorizationHeader(header: string | undefined): Record<string, string> | null {
  if (!header || !/^OAuth\s/i.test(header)) return null;
  const out: Record<string, string> = {};
  const pair = /([A-Za-z0-9_.~%-]+)\s*=\s*"([^"]*)"/g;
  for (let m = pair.exec(header); m; m = pair.exec(header)) {
    try {
      out[decodeURIComponent(m[1]!)] = decodeURIComponent(m[2]!);
    } catch {
      return null;
    }
  }
  return out;
}

/**
 * Signs a POST whose body is not form-encoded (a Basic Outcomes XML message): the body is covered by
 * oauth_body_hash, the signature by the header parameters and the URL's query.
 */
export function signedBodyHeader(url: string, body: string, consumer: { key: string; secret: string }, now?: Date): string {
  const params = { ...oauthProtocolParams(consumer.key, now), oauth_body_hash: bodyHash(body) };
  const signature = hmacSha1Signature(signatureBaseString('POST', url, params, queryParams(url)), consumer.secret);
  return authorizationHeader({ ...params, oauth_signature: signature });
}
