import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
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

function unverifiedParts(idToken: string) {
  if (idToken.length > MAX_ID_TOKEN_BYTES) throw launchErrors.tokenTooLarge();
  if (idToken.split('.').length !== 3) throw launchErrors.malformedToken('it must have three dot-separated parts');
  try {
    return { header: decodeProtectedHeader(idToken), payload: decodeJwt(idToken) };
  } catch {
    throw launchErrors.malformedToken('its header or payload is not base64url-encoded JSON');
  }
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
 * Verifies an id_token completely: RS256 with a kid, the platform's key, exact issuer,
 * audience/azp, exp and iat within the allowed skew. Claims beyond these are checked by the caller.
 */
export async function verifyIdToken(
  idToken: string,
  deps: { platforms: PlatformStore; keys: PlatformKeys; clockSkewSeconds: number; now?: Date },
): Promise<VerifiedToken> {
  const { header, payload } = unverifiedParts(idToken);
  if (header.alg !== 'RS256') throw launchErrors.badAlgorithm(header.alg);
  if (typeof header.kid !== 'string' || header.kid.length === 0) throw launchErrors.missingKid();
  if (typeof payload.iss !== 'string' || !payload.iss) throw launchErrors.missingClaim('iss');
  const platform = await registrationFor(deps.platforms, payload.iss, payload);

  const now = deps.now ?? new Date();
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(idToken, deps.keys.forUrl(platform.jwksUrl), {
      algorithms: ['RS256'],
      issuer: platform.issuer,
      audience: platform.clientId,
      clockTolerance: deps.clockSkewSeconds,
      currentDate: now,
      requiredClaims: ['exp', 'iat', 'nonce'],
    }));
  } catch (e) {
    throw mapJoseError(e, header.kid, platform);
  }
  if (payload.azp !== undefined && payload.azp !== platform.clientId) throw launchErrors.badClaim('azp', 'it is not this client id');
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (typeof claims.iat !== 'number' || claims.iat > nowSeconds + deps.clockSkewSeconds) throw launchErrors.issuedInFuture();
  return { platform, claims: claims as VerifiedToken['claims'] };
}

function mapJoseError(e: unknown, kid: string, platform: Platform): Error {
  if (e instanceof joseErrors.JWTExpired) return launchErrors.expired();
  if (e instanceof joseErrors.JWKSNoMatchingKey) return launchErrors.unknownKid(kid);
  if (e instanceof joseErrors.JWSSignatureVerificationFailed) return launchErrors.badSignature();
  if (e instanceof joseErrors.JWKSTimeout || e instanceof joseErrors.JWKSInvalid) return launchErrors.jwksUnavailable(platform.jwksUrl);
  if (e instanceof joseErrors.JWTClaimValidationFailed) {
    if (e.reason === 'missing') return launchErrors.missingClaim(e.claim);
    if (e.claim === 'iat' || e.claim === 'nbf') return launchErrors.issuedInFuture();
    return launchErrors.badClaim(e.claim, e.reason);
  }
  if (e instanceof joseErrors.JOSEAlgNotAllowed) return launchErrors.badAlgorithm('a disallowed algorithm');
  if (e instanceof joseErrors.JOSEError) {
    // Network failures surface as plain JOSE errors from the remote key set.
    return e.code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS' ? launchErrors.badSignature() : launchErrors.jwksUnavailable(platform.jwksUrl);
  }
  // Node's network errors (ECONNREFUSED, ECONNRESET…) reach here unwrapped; left alone, the error middleware would
  // take them for a lost database and answer 503 instead of telling the admin the platform's keys are unreachable.
  if (isFetchFailure(e)) return launchErrors.jwksUnavailable(platform.jwksUrl);
  return e as Error;
}
