import { createRemoteJWKSet, jwtVerify, decodeProtectedHeader, type JWTPayload } from 'jose';
import { CookieJar } from '../helpers/browserlessClient';
import { sessionTokenIn } from '../helpers/launchAssertions';
import { api, launchAs, postLaunch, signedLaunch, type SignedLaunchOptions } from '../helpers/ltiFlow';
import type { TestTool } from '../helpers/testTool';

/** Claim name prefixes of LTI 1.3 and Deep Linking 2.0. */
export const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
export const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';
/** The deep-linking settings claim. */
export const DL_SETTINGS = `${DL}deep_linking_settings`;

/** A deep-linking launch through the whole sandbox handshake; returns the session token. */
export async function deepLinkingLaunch(tool: TestTool, persona: string): Promise<string> {
  const { res, html, token } = await launchAs(tool, persona, { messageType: 'LtiDeepLinkingRequest' });
  // On failure, show the refusal page's text: it names the launch error.
  expect({ status: res.status, refusal: res.status === 200 ? null : html.replace(/<[^>]+>/g, ' ').slice(0, 600) }).toEqual({ status: 200, refusal: null });
  return token!;
}

/** A deep-linking launch whose settings (or any claim) the test edits; returns the session token. */
export async function editedDeepLinkingLaunch(tool: TestTool, persona: string, editSettings: (s: Record<string, unknown>) => void, o: SignedLaunchOptions = {}): Promise<string> {
  const jar = new CookieJar();
  const { fields } = await signedLaunch(tool, jar, {
    ...o,
    persona,
    claims: { ...o.claims, messageType: 'LtiDeepLinkingRequest' },
    edit: (claims) => {
      editSettings(claims[DL_SETTINGS] as Record<string, unknown>);
      o.edit?.(claims);
    },
  });
  const res = await postLaunch(tool, jar, fields);
  const html = await res.text();
  expect({ status: res.status, refusal: res.status === 200 ? null : html.replace(/<[^>]+>/g, ' ').slice(0, 600) }).toEqual({ status: 200, refusal: null });
  return sessionTokenIn(html)!;
}

/** GET /api/deep-linking/items. */
export const getItems = (tool: TestTool, token: string | null) => api(tool, '/api/deep-linking/items', token);

/** POST /api/deep-linking/response with a JSON body. */
export const postResponse = (tool: TestTool, token: string | null, body: unknown) =>
  api(tool, '/api/deep-linking/response', token, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

/** Places items and returns the answer ({returnUrl, jwt}), asserting a 200. */
export async function respond(tool: TestTool, token: string, body: unknown): Promise<{ returnUrl: string; jwt: string }> {
  const res = await postResponse(tool, token, body);
  expect(res.status).toBe(200);
  return (await res.json()) as { returnUrl: string; jwt: string };
}

/** Verifies a response JWT as a platform does: RS256 with a key from the tool's JWKS, fetched over HTTP. */
export async function verifyAsPlatform(tool: TestTool, jwt: string, platform: { issuer: string; clientId: string }): Promise<JWTPayload & Record<string, unknown>> {
  const keys = createRemoteJWKSet(new URL(`${tool.url}/.well-known/jwks.json`));
  const { payload } = await jwtVerify(jwt, keys, { algorithms: ['RS256'], issuer: platform.clientId, audience: platform.issuer });
  return payload as JWTPayload & Record<string, unknown>;
}

/** The protected header of a JWT. */
export const headerOf = (jwt: string) => decodeProtectedHeader(jwt);

/** Posts the JWT to the sandbox's deep-link return as the SPA's auto-posted form does. */
export function postToSandboxReturn(returnUrl: string, jwt: string): Promise<Response> {
  return fetch(returnUrl, { method: 'POST', body: new URLSearchParams({ JWT: jwt }) });
}

/** The course link ids on a sandbox page (the launch buttons' data-link attributes). */
export const linkIdsIn = (html: string): string[] => [...html.matchAll(/data-link="([^"]+)"/g)].map((m) => m[1]!);
