import { randomUUID } from 'node:crypto';
import express, { Router } from 'express';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { Knex } from 'knex';
import { escapeHtml, htmlPage } from '../http/html';
import { SANDBOX_DEEP_LINKING_DATA, type SandboxIdentity } from './sandbox.claims';
import { PERSONAS } from './sandbox.personas';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A link the sandbox course holds because a tool placed it through deep linking. */
export interface SandboxLink {
  id: string;
  title: string;
  text: string | null;
  custom: Record<string, string>;
  lineItem: Record<string, unknown> | null;
  createdAt: Date;
}

/** A content item the sandbox accepted, before it is stored. */
type NewLink = Omit<SandboxLink, 'id' | 'createdAt'>;

const toLink = (r: Record<string, unknown>): SandboxLink => ({
  id: r.id as string,
  title: r.title as string,
  text: (r.text as string | null) ?? null,
  custom: (typeof r.custom === 'string' ? JSON.parse(r.custom) : r.custom) as Record<string, string>,
  lineItem: (typeof r.line_item === 'string' ? JSON.parse(r.line_item) : r.line_item) as Record<string, unknown> | null,
  createdAt: r.created_at as Date,
});

/** The sandbox course's placed links (table sandbox_links). */
export function createSandboxLinkStore(db: Knex) {
  return {
    async insert(links: NewLink[]): Promise<SandboxLink[]> {
      if (links.length === 0) return [];
      return db.transaction(async (trx) => {
        const rows = await trx('sandbox_links')
          .insert(links.map((l) => ({ id: randomUUID(), title: l.title, text: l.text, custom: JSON.stringify(l.custom), line_item: l.lineItem ? JSON.stringify(l.lineItem) : null })))
          .returning('*');
        return rows.map(toLink);
      });
    },
    async find(id: string): Promise<SandboxLink | null> {
      if (!UUID.test(id)) return null;
      const row = await db('sandbox_links').where({ id }).first();
      return row ? toLink(row) : null;
    },
    /** The newest links first. */
    async list(limit = 20): Promise<SandboxLink[]> {
      const rows = await db('sandbox_links').orderBy('created_at', 'desc').orderBy('id').limit(limit);
      return rows.map(toLink);
    },
  };
}

/** Data access for the sandbox course's links. */
export type SandboxLinkStore = ReturnType<typeof createSandboxLinkStore>;

/** Why the sandbox refused a deep-linking response (shown on its error page, as an LMS would). */
class ReturnRefused extends Error {}

const record = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/** Checks one content item against what the sandbox's request accepted (ltiResourceLink to the tool). */
function readContentItem(raw: unknown, toolOrigin: string): NewLink {
  const item = record(raw);
  if (!item) throw new ReturnRefused('a content item is not an object');
  if (item.type !== 'ltiResourceLink') throw new ReturnRefused(`content item type ${String(item.type)} was not in accept_types (ltiResourceLink)`);
  if (item.url !== undefined && (typeof item.url !== 'string' || !item.url.startsWith(`${toolOrigin}/`))) throw new ReturnRefused('a content item url is not on the tool’s domain');
  const custom = item.custom === undefined ? {} : record(item.custom);
  if (!custom || Object.values(custom).some((v) => typeof v !== 'string')) throw new ReturnRefused('custom parameters must be an object of strings');
  const lineItem = item.lineItem === undefined ? null : record(item.lineItem);
  if (item.lineItem !== undefined && !(lineItem && typeof lineItem.scoreMaximum === 'number' && lineItem.scoreMaximum > 0)) throw new ReturnRefused('a lineItem needs a positive scoreMaximum');
  const title = typeof item.title === 'string' && item.title.trim() ? item.title.trim().slice(0, 255) : 'Untitled link';
  return { title, text: typeof item.text === 'string' ? item.text : null, custom: custom as Record<string, string>, lineItem };
}

/**
 * The platform side of a deep-linking return: the JWT must be signed by a key from the tool's JWKS (fetched
 * over HTTP), come from the sandbox's client id to its issuer, carry a fresh nonce, the sandbox deployment and
 * the exact `data` of the request, and hold at most one ltiResourceLink (the sandbox sends accept_multiple false).
 */
export function createDeepLinkReturnVerifier(identity: SandboxIdentity, toolJwksUrl: string) {
  const toolKeys = createRemoteJWKSet(new URL(toolJwksUrl), { cooldownDuration: 1000 });
  const toolOrigin = new URL(identity.toolLaunchUrl).origin;
  const seenNonces = new Map<string, number>(); // nonce → exp; a replayed response must not add links twice
  return async (jwt: unknown): Promise<{ links: NewLink[]; msg: string | null }> => {
    if (typeof jwt !== 'string' || jwt === '') throw new ReturnRefused('the form has no JWT field');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(jwt, toolKeys, { algorithms: ['RS256'], issuer: identity.clientId, audience: identity.issuer, requiredClaims: ['iat', 'exp', 'nonce'], maxTokenAge: 600, clockTolerance: 60 }));
    } catch (e) {
      throw new ReturnRefused(`the JWT is not valid: ${(e as Error).message}`);
    }
    const now = Math.floor(Date.now() / 1000);
    for (const [n, exp] of seenNonces) if (exp < now) seenNonces.delete(n);
    if (typeof payload.nonce !== 'string' || payload.nonce === '') throw new ReturnRefused('nonce is missing');
    if (seenNonces.has(payload.nonce)) throw new ReturnRefused('this response was already received (nonce reused)');
    if (payload[`${LTI}message_type`] !== 'LtiDeepLinkingResponse') throw new ReturnRefused('message_type is not LtiDeepLinkingResponse');
    if (payload[`${LTI}version`] !== '1.3.0') throw new ReturnRefused('version is not 1.3.0');
    if (payload[`${LTI}deployment_id`] !== identity.deploymentId) throw new ReturnRefused('deployment_id is not the sandbox deployment');
    if (payload[`${DL}data`] !== SANDBOX_DEEP_LINKING_DATA) throw new ReturnRefused('data was not echoed from the request');
    const items = payload[`${DL}content_items`] ?? [];
    if (!Array.isArray(items)) throw new ReturnRefused('content_items is not an array');
    if (items.length > 1) throw new ReturnRefused('more than one content item, but the request said accept_multiple: false');
    const links = items.map((i) => readContentItem(i, toolOrigin));
    seenNonces.set(payload.nonce, payload.exp ?? now + 600);
    const msg = payload[`${DL}msg`];
    return { links, msg: typeof msg === 'string' ? msg : null };
  };
}

/** A form that launches a placed link as a chosen person (lti_message_hint names the link). */
export function linkLaunchForm(id: SandboxIdentity, loginUrl: string, link: SandboxLink, target: string): string {
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const selectId = `link-${link.id}-persona`;
  const options = PERSONAS.map((p) => `<option value="${escapeHtml(p.id)}"${p.id === 'teacher-1' ? ' selected' : ''}>${escapeHtml(p.name)} (${escapeHtml(p.description)})</option>`).join('');
  return (
    `<form class="link-launch" method="post" action="${escapeHtml(loginUrl)}" target="${escapeHtml(target)}">` +
    hidden('iss', id.issuer) + hidden('target_link_uri', id.toolLaunchUrl) + hidden('client_id', id.clientId) +
    hidden('lti_deployment_id', id.deploymentId) + hidden('lti_message_hint', JSON.stringify({ linkId: link.id })) + hidden('lti_storage_target', '_parent') +
    `<label for="${selectId}">Launch as</label> <select id="${selectId}" name="login_hint">${options}</select> ` +
    `<button type="submit" data-link="${escapeHtml(link.id)}">Launch ${escapeHtml(link.title)}</button></form>`
  );
}

/** How a link is described in the course: its text, custom parameters and any gradebook column. */
export function linkSummary(link: SandboxLink): string {
  const custom = Object.entries(link.custom).map(([k, v]) => `<code>${escapeHtml(k)}=${escapeHtml(v)}</code>`).join(' ');
  const grade = link.lineItem ? ` Gradebook column out of ${escapeHtml(String(link.lineItem.scoreMaximum))}.` : '';
  return `${link.text ? `<p>${escapeHtml(link.text)}</p>` : ''}<p class="muted">Custom parameters: ${custom || 'none'}.${grade}</p>`;
}

function returnPage(id: SandboxIdentity, loginUrl: string, links: SandboxLink[], msg: string | null): string {
  const fromTool = msg ? `<p>Message from the tool: ${escapeHtml(msg)}</p>` : '';
  const back = `<p><a href="/sandbox" target="_top">Back to the course page</a></p>`;
  if (links.length === 0) {
    return htmlPage({ title: 'Nothing added', body: `<h1>Nothing was added to the course</h1>${fromTool}${back}` });
  }
  const title = links.length === 1 ? `Link added to the course: ${links[0]!.title}` : `${links.length} links added to the course`;
  const list = links.map((l) => `<li><h2>${escapeHtml(l.title)}</h2>${linkSummary(l)}${linkLaunchForm(id, loginUrl, l, '_self')}</li>`).join('');
  return htmlPage({ title, body: `<h1>${escapeHtml(title)}</h1>${fromTool}<ul class="personas">${list}</ul>${back}` });
}

/** POST /sandbox/deep-link-return: where the sandbox's deep-linking requests send the tool's answer. */
export function sandboxDeepLinkingRoutes(deps: { identity: SandboxIdentity; links: SandboxLinkStore; toolJwksUrl: string; loginUrl: string }): Router {
  const router = Router();
  const verify = createDeepLinkReturnVerifier(deps.identity, deps.toolJwksUrl);
  router.post('/sandbox/deep-link-return', express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 10 }), async (req, res) => {
    res.set('cache-control', 'no-store');
    let verified: Awaited<ReturnType<typeof verify>>;
    try {
      verified = await verify((req.body as Record<string, unknown> | undefined)?.JWT);
    } catch (e) {
      if (!(e instanceof ReturnRefused)) throw e;
      const body = `<h1>The sandbox LMS refused the content selection</h1><p class="problem">${escapeHtml(e.message)}</p><p><a href="/sandbox" target="_top">Back to the course page</a></p>`;
      return void res.status(400).type('html').send(htmlPage({ title: 'Content selection refused', body }));
    }
    const links = await deps.links.insert(verified.links);
    res.type('html').send(returnPage(deps.identity, deps.loginUrl, links, verified.msg));
  });
  return router;
}
