import { KeyObject, verify as verifySignature } from 'node:crypto';
import { errors as joseErrors, type JWTHeaderParameters, type JWTPayload } from 'jose';
import { launchErrors } from './launchErrors';
import { isFetchFailure, type PlatformKeys } from './platformKeys';
import type { Platform, PlatformStore } from './platform.store';

/** The largest id_token accepted; real ones are a few kilobytes. */
export const MAX_ID_TOKEN_BYTES = 32 * 1024;

/** A signature-checked id_token and the registration it belongs to. */
export interface VerifiedToken {
  platform: Platform;
  claims: JWTPayload & Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function unverifiedParts(idToken: string) {
  if (idToken.length > MAX_ID_TOKEN_BYTES) throw launchErrors.tokenTooLarge();
  const parts = idToken.split('.');
  if (parts.length !== 3) throw launchErrors.malformedToken('it must have three dot-separated parts');
  const [h, p, signature] = parts as [string, string, string];
  let header: unknown;
  let payload: unknown;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    throw launchErrors.malformedToken('its header or payload is not base64url-encoded JSON');
  }
  if (!isObject(header) || !isObject(payload)) throw launchErrors.malformedToken('its header or payload is not a JSON object');
  // `parts` in jose's FlattenedJWSInput shape, which its key-set functions take.
  return { header: header as JWTHeaderParameters, payload: payload as JWTPayload, parts: { protected: h, payload: p, signature } };
}

function audiencesOf(payload: JWTPayload): string[] {
  const aud = typeof payload.aud === 'string' ? [payload.aud] : payload.aud;
  if (!Array.isArray(aud) || aud.length === 0 || !aud.every((a) => typeof a === 'string' && a)) throw launchErrors.missingClaim('aud');
  if (aud.length > 1) {
    // Several audiences: azp names the one the token was issued to, and must be among them.
    if (typeof payload.azp !== 'string') throw launchErrors.badClaim('azp', 'it is required when aud has several values');
    if (!aud.includes(payload.azp)) throw launchErrors.badClaim('azp', 'it is not one of the audiences');
  }
  return aud;
}

/**
 * The registration a token was issued to. An unknown issuer is refused 403 (the platform must be registered);
 * a known issuer whose token is not for one of its registered client ids fails audience validation, 401
 * as the 1EdTech Security Framework (5.1.3) requires.
 */
async function registrationFor(store: PlatformStore, iss: string, payload: JWTPayload): Promise<Platform> {
  const aud = audiencesOf(payload);
  const clientId = aud.length === 1 ? aud[0]! : (payload.azp as string);
  // The cache answers the usual case; a refusal is decided on a fresh read.
  const cached = (await store.findByIssuerCached(iss)).find((p) => p.clientId === clientId);
  if (cached) return cached;
  const candidates = await store.findByIssuer(iss);
  if (candidates.length === 0) throw launchErrors.unknownPlatform(iss);
  const match = candidates.find((p) => p.clientId === clientId);
  if (match) return match;
  if (candidates.some((p) => aud.includes(p.clientId))) throw launchErrors.badClaim('azp', 'it is not this client id');
  throw launchErrors.badClaim('aud', 'it names no client id registered for this issuer');
}

/**
 * Verifies an id_token completely: RS256 with a kid, the platform's key, exact issuer, audience/azp, exp, iat and
 * nbf within the allowed skew, and a nonce. Claims beyond these are checked by the caller.
 *
 * jose finds the platform's key (its JWKS cache, refetch on an unknown kid, key selection); the RS256 check and the
 * claims are done here, on the event loop. jose 5 verifies on libuv's thread pool, and at one launch at a time the
 * hand-off to a pool thread and back cost more CPU than the ~20 µs RSA-2048 check itself (ADR 0019).
 */
export async function verifyIdToken(
  idToken: string,
  deps: { platforms: PlatformStore; keys: PlatformKeys; clockSkewSeconds: number; now?: Date },
): Promise<VerifiedToken> {
  const { header, payload, parts } = unverifiedParts(idToken);
  if (header.alg !== 'RS256') throw launchErrors.badAlgorithm(header.alg);
  if (typeof header.kid !== 'string' || header.kid.length === 0) throw launchErrors.missingKid();
  // RFC 7515 4.1.11: a token that names extensions the recipient must understand is refused; LTI uses none.
  if (header.crit !== undefined) throw launchErrors.malformedToken('it names critical header extensions (crit), which LTI does not use');
  if (typeof payload.iss !== 'string' || !payload.iss) throw launchErrors.missingClaim('iss');
  const platform = await registrationFor(deps.platforms, payload.iss, payload);

  let key: unknown;
  try {
    key = await deps.keys.forUrl(platform.jwksUrl)(header, parts);
  } catch (e) {
    throw mapJoseError(e, header.kid, platform);
  }
  if (!(key instanceof KeyObject) || key.type !== 'public' || key.asymmetricKeyType !== 'rsa') throw launchErrors.badSignature();
  // As jose and RFC 7518 3.3 require: RS256 keys of fewer than 2048 bits are refused.
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw launchErrors.weakKey(header.kid);
  if (!verifySignature('RSA-SHA256', Buffer.from(`${parts.protected}.${parts.payload}`), key, Buffer.from(parts.signature, 'base64url'))) throw launchErrors.badSignature();

  checkTimes(payload, Math.floor((deps.now ?? new Date()).getTime() / 1000), deps.clockSkewSeconds);
  // registrationFor chose the platform by this exact issuer and by a client id among the audiences; azp remains.
  if (payload.azp !== undefined && payload.azp !== platform.clientId) throw launchErrors.badClaim('azp', 'it is not this client id');
  if (!('nonce' in payload)) throw launchErrors.missingClaim('nonce');
  return { platform, claims: payload as VerifiedToken['claims'] };
}

/** exp (required, not passed), iat (required, not ahead) and nbf (optional, reached), each with `skew` seconds of slack. */
function checkTimes(payload: JWTPayload, nowSeconds: number, skew: number): void {
  for (const claim of ['exp', 'iat'] as const) if (payload[claim] === undefined) throw launchErrors.missingClaim(claim);
  for (const claim of ['exp', 'iat', 'nbf'] as const) {
    const value = payload[claim];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) throw launchErrors.badClaim(claim, 'it must be a number of seconds');
  }
  if (payload.exp! <= nowSeconds - skew) throw launchErrors.expired();
  if (payload.iat! > nowSeconds + skew) throw launchErrors.issuedInFuture();
  if (payload.nbf !== undefined && payload.nbf > nowSeconds + skew) throw launchErrors.issuedInFuture();
}

/** What went wrong finding the platform's key, in the words of the launch refusal page. */
function mapJoseError(e: unknown, kid: string, platform: Platform): Error {
  if (e instanceof joseErrors.JWKSNoMatchingKey) return launchErrors.unknownKid(kid);
  if (e instanceof joseErrors.JWKSTimeout || e instanceof joseErrors.JWKSInvalid) return launchErrors.jwksUnavailable(platform.jwksUrl);
  if (e instanceof joseErrors.JOSEError) {
    // Several keys with this kid: the platform's key set is ambiguous. Network failures surface as plain JOSE errors.
    return e.code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS' ? launchErrors.badSignature() : launchErrors.jwksUnavailable(platform.jwksUrl);
  }
  // Node's network errors (ECONNREFUSED, ECONNRESET…) reach here unwrapped; left alone, the error middleware would
  // take them for a lost database and answer 503 instead of telling the admin the platform's keys are unreachable.
  if (isFetchFailure(e)) return launchErrors.jwksUnavailable(platform.jwksUrl);
  return e as Error;
}
