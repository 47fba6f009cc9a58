import { randomUUID } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../http/errors';
import { deriveKey } from '../lti/secretBox';
import type { SandboxIdentity } from './sandbox.claims';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

const oauthError = (status: 400 | 401, error: string, description: string) => new AppError(status, error, description);

/**
 * The sandbox OAuth2 token endpoint (client_credentials with a JWT client assertion), as LTI Advantage
 * services use it. The assertion is checked against the tool's published JWKS, fetched over HTTP as a real
 * platform would. Access tokens are HMAC-signed, so the sandbox keeps no token table.
 */
export function createSandboxTokenEndpoint(
  identity: SandboxIdentity,
  toolJwksUrl: string,
  secret: string,
  /** Clients the sandbox's Dynamic Registration issued also get tokens, as on a real platform. */
  dynamicClients?: { deploymentFor(clientId: string): string | null },
) {
  const knownClient = (id: unknown): id is string => typeof id === 'string' && (id === identity.clientId || !!dynamicClients?.deploymentFor(id));
  const toolKeys = createRemoteJWKSet(new URL(toolJwksUrl), { cooldownDuration: 1000 });
  const key = deriveKey(secret, 'sandbox-access-token:v1');
  return {
    async issue(form: Record<string, unknown>): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number; scope: string }> {
      if (form.grant_type !== 'client_credentials') throw oauthError(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
      if (form.client_assertion_type !== ASSERTION_TYPE) throw oauthError(400, 'invalid_request', `client_assertion_type must be ${ASSERTION_TYPE}`);
      if (typeof form.client_assertion !== 'string') throw oauthError(400, 'invalid_request', 'client_assertion is required');
      const scope = typeof form.scope === 'string' ? form.scope : '';
      try {
        // The assertion names its client (iss = sub = client_id); only clients of this platform are considered.
        const claimed = decodeJwt(form.client_assertion).iss;
        if (!knownClient(claimed)) throw new Error('iss is not a client of this platform');
        const { payload } = await jwtVerify(form.client_assertion, toolKeys, {
          algorithms: ['RS256'],
          issuer: claimed,
          subject: claimed,
          audience: identity.tokenUrl,
          requiredClaims: ['jti', 'exp', 'iat'],
          maxTokenAge: 300,
        });
        if (typeof payload.jti !== 'string') throw new Error('jti must be a string');
      } catch (e) {
        throw oauthError(401, 'invalid_client', `client assertion rejected: ${(e as Error).message}`);
      }
      const expiresIn = 3600;
      const accessToken = await new SignJWT({ scope })
        .setProtectedHeader({ alg: 'HS256' })
        .setJti(randomUUID())
        .setIssuer(identity.issuer)
        .setIssuedAt()
        .setExpirationTime(`${expiresIn}s`)
        .sign(key);
      return { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn, scope };
    },
    /** Checks a bearer access token the sandbox issued; returns its scopes, or null. */
    async verifyAccessToken(token: string): Promise<string[] | null> {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: identity.issuer });
        return typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
      } catch {
        return null;
      }
    },
  };
}

/** The sandbox token endpoint. */
export type SandboxTokenEndpoint = ReturnType<typeof createSandboxTokenEndpoint>;
