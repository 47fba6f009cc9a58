import type { JWTPayload } from 'jose';
import type { SignOptions } from './sandbox.forge';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';

type Claims = JWTPayload & Record<string, unknown>;

/** A way to break an otherwise valid launch, applied by the sandbox when asked to (never in production). */
export interface Tamper {
  describe: string;
  claims?: (c: Claims) => void;
  sign?: SignOptions;
  /** Replaces the signed token (for tokens that are not JWTs at all or are altered after signing). */
  after?: (token: string) => string;
}

const shiftTimes = (c: Claims, iatDelta: number, life = 60) => {
  c.iat = (c.iat as number) + iatDelta;
  c.exp = (c.iat as number) + life;
};

/** Every bad launch the sandbox can produce on purpose. */
export const TAMPERS = {
  alg_none: { describe: 'unsigned token (alg none)', sign: { alg: 'none' } },
  hs256_public_key: { describe: 'HS256 signed with the platform public key', sign: { alg: 'HS256-public' } },
  wrong_key: { describe: "signed with a key that is not the platform's", sign: { wrongKey: true } },
  missing_kid: { describe: 'no kid in the header', sign: { kid: null } },
  unknown_kid: { describe: 'a kid the platform JWKS does not have', sign: { kid: 'no-such-key', wrongKey: true } },
  expired: { describe: 'expired two minutes ago', claims: (c) => shiftTimes(c, -180) },
  iat_future: { describe: 'issued five minutes in the future', claims: (c) => shiftTimes(c, 300) },
  missing_exp: { describe: 'no exp', claims: (c) => void delete c.exp },
  wrong_iss: { describe: 'issuer of another platform', claims: (c) => void (c.iss = 'https://evil.example.org') },
  wrong_aud: { describe: 'audience is another client id', claims: (c) => void ((c.aud = 'someone-else'), delete c.azp) },
  multi_aud_no_azp: { describe: 'several audiences without azp', claims: (c) => void ((c.aud = [c.aud as string, 'other-client']), delete c.azp) },
  azp_mismatch: { describe: 'azp names another client', claims: (c) => void ((c.aud = [c.aud as string, 'other-client']), (c.azp = 'other-client')) },
  missing_nonce: { describe: 'no nonce', claims: (c) => void delete c.nonce },
  wrong_nonce: { describe: 'a nonce the tool never issued', claims: (c) => void (c.nonce = 'forged-nonce-value') },
  missing_deployment: { describe: 'no deployment_id', claims: (c) => void delete c[`${LTI}deployment_id`] },
  unknown_deployment: { describe: 'a deployment the tool does not know', claims: (c) => void (c[`${LTI}deployment_id`] = 'deployment-999') },
  long_deployment: { describe: 'deployment_id over 255 characters', claims: (c) => void (c[`${LTI}deployment_id`] = 'd'.repeat(256)) },
  wrong_version: { describe: 'LTI version 1.1.0', claims: (c) => void (c[`${LTI}version`] = '1.1.0') },
  missing_version: { describe: 'no version', claims: (c) => void delete c[`${LTI}version`] },
  unknown_message_type: { describe: 'an unsupported message type', claims: (c) => void (c[`${LTI}message_type`] = 'LtiSubmissionReviewRequest') },
  missing_message_type: { describe: 'no message type', claims: (c) => void delete c[`${LTI}message_type`] },
  missing_resource_link: { describe: 'resource link launch without resource_link', claims: (c) => void delete c[`${LTI}resource_link`] },
  missing_sub: { describe: 'no sub', claims: (c) => void delete c.sub },
  missing_context: { describe: 'no context', claims: (c) => void delete c[`${LTI}context`] },
  foreign_target_link: { describe: 'target_link_uri on another site', claims: (c) => void (c[`${LTI}target_link_uri`] = 'https://evil.example.org/launch') },
  long_name: { describe: 'a 300-character name', claims: (c) => void (c.name = 'n'.repeat(300)) },
  oversized: { describe: 'a 40 kB custom claim', claims: (c) => void (c[`${LTI}custom`] = { blob: 'x'.repeat(40_000) }) },
  garbage: { describe: 'not a JWT at all', after: () => 'this-is-not-a-jwt' },
  bad_base64: { describe: 'header that is not base64url JSON', after: (t) => `%%%.${t.split('.')[1]}.${t.split('.')[2]}` },
  tampered_payload: {
    describe: 'payload changed after signing (sub swapped)',
    after: (t) => {
      const [h, p, s] = t.split('.');
      const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Claims;
      payload.sub = 'sandbox-admin-1';
      return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    },
  },
  truncated_signature: { describe: 'signature cut short', after: (t) => t.slice(0, -20) },
} satisfies Record<string, Tamper>;

/** The name of one tamper recipe. */
export type TamperName = keyof typeof TAMPERS;

/** Whether a string names a tamper recipe. */
export const isTamper = (name: unknown): name is TamperName => typeof name === 'string' && Object.hasOwn(TAMPERS, name);
