import { createHmac, createSecretKey } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { createSessionTokens, type SessionIdentity } from './session';
import { deriveKey } from './secretBox';

const SECRET = 'a-test-secret-of-enough-length-0123456789';
const who: SessionIdentity = {
  sessionId: '6f2c1f9e-0d5b-4c1e-9a57-2f4b8d1e0a11',
  userId: 'c7a1d2e3-4b5c-4d6e-8f70-112233445566',
  contextId: '0e9d8c7b-6a59-4847-9362-514131211101',
  platformId: '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  deploymentId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  role: 'lead',
};
const tokens = createSessionTokens(SECRET, 3600);
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('session tokens', () => {
  it('a token the tool signed verifies to the same identity', () => {
    expect(tokens.verify(tokens.sign(who))).toEqual(who);
  });

  it('are standard HS256 JWTs: jose verifies them with the derived key and sees the issuer, audience, expiry and jti', async () => {
    const now = new Date();
    const { payload, protectedHeader } = await jwtVerify(tokens.sign(who, now), createSecretKey(deriveKey(SECRET, 'session-token:v1')), {
      algorithms: ['HS256'],
      issuer: 'staffroom',
      audience: 'staffroom-api',
    });
    expect(protectedHeader).toEqual({ alg: 'HS256' });
    expect(payload).toMatchObject({ jti: who.sessionId, uid: who.userId, role: 'lead', exp: Math.floor(now.getTime() / 1000) + 3600 });
  });

  it('tokens signed before this format (with jose, same key and claims) still verify, so a rolling upgrade keeps sessions', async () => {
    const iat = Math.floor(Date.now() / 1000);
    const old = await new SignJWT({ uid: who.userId, cid: who.contextId, pid: who.platformId, did: who.deploymentId, role: who.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setJti(who.sessionId)
      .setIssuer('staffroom')
      .setAudience('staffroom-api')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 60)
      .sign(createSecretKey(deriveKey(SECRET, 'session-token:v1')));
    expect(tokens.verify(old)).toEqual(who);
  });

  it('a token whose exp has passed is expired; one second before, it is valid', () => {
    const token = tokens.sign(who, new Date('2026-01-01T00:00:00Z'));
    expect(tokens.verify(token, new Date('2026-01-01T00:59:59Z'))).toEqual(who);
    expect(tokens.verify(token, new Date('2026-01-01T01:00:00Z'))).toBe('expired');
  });

  it('refuses tokens of another secret, with another header, altered claims or another spelling of the MAC', () => {
    const token = tokens.sign(who);
    const [header, payload, mac] = token.split('.') as [string, string, string];
    expect(tokens.verify(createSessionTokens(`${SECRET}-other`, 3600).sign(who))).toBeNull();
    expect(tokens.verify(`${b64({ alg: 'none' })}.${payload}.`)).toBeNull();
    expect(tokens.verify(`${b64({ alg: 'HS256', typ: 'JWT' })}.${payload}.${mac}`)).toBeNull();
    const raised = b64({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' });
    expect(tokens.verify(`${header}.${raised}.${mac}`)).toBeNull();
    // The MAC's last character carries 2 unused bits: flipping them decodes to the same bytes but is not our text.
    const last = mac.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[alphabet.indexOf(last) ^ 1]!;
    expect(Buffer.from(mac.slice(0, -1) + sibling, 'base64url')).toEqual(Buffer.from(mac, 'base64url'));
    expect(tokens.verify(`${header}.${payload}.${mac.slice(0, -1)}${sibling}`)).toBeNull();
    expect(tokens.verify(`${header}.${payload}`)).toBeNull();
    expect(tokens.verify('')).toBeNull();
  });

  it('refuses a correctly signed token without the claims a session needs', () => {
    // Signed with the real key, as a bug elsewhere in the tool might: verification still checks the claims.
    const forge = (claims: Record<string, unknown>) => {
      const input = `${b64({ alg: 'HS256' })}.${b64(claims)}`;
      return `${input}.${createHmac('sha256', deriveKey(SECRET, 'session-token:v1')).update(input).digest('base64url')}`;
    };
    const exp = Math.floor(Date.now() / 1000) + 60;
    const full = { uid: who.userId, cid: who.contextId, pid: who.platformId, did: who.deploymentId, role: who.role, jti: who.sessionId, iss: 'staffroom', aud: 'staffroom-api', exp };
    expect(tokens.verify(forge(full))).toEqual(who);
    expect(tokens.verify(forge({ ...full, iss: 'someone-else' }))).toBeNull();
    expect(tokens.verify(forge({ ...full, aud: ['staffroom-api'] }))).toBeNull();
    expect(tokens.verify(forge({ ...full, exp: String(exp) }))).toBeNull();
    expect(tokens.verify(forge({ ...full, role: 'owner' }))).toBeNull();
    expect(tokens.verify(forge({ ...full, uid: 42 }))).toBeNull();
  });
});
