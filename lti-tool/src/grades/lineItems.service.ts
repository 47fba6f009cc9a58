import type { ContextServices, LaunchServicesStore } from '../lti/launchServices.store';
import type { Platform } from '../lti/platform.store';
import { AGS_SCOPES, type AgsClient } from './ags.client';
import { PassbackError } from './grades.errors';
import type { LineItemRef, LineItemsStore } from './lineItems.store';

/** Where a score goes, and how that line item was known. */
export interface ScoreTarget {
  url: string;
  /** 'managed': a column Staffroom found or created by resourceId/tag; 'launch': the resource link's own. */
  source: 'managed' | 'launch';
}

/** What a passback says about its column. */
export interface LineItemRequest extends LineItemRef {
  resourceLinkId: string | null;
  label: string;
  scoreMaximum: number;
}

const WAIT_STEP_MS = 200;
/** How long a context's AGS endpoints are reused before they are read again (launches refresh them). */
const SERVICES_TTL_MS = 30_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Finds the line item a score goes to. With the AGS `lineitem` scope Staffroom manages its own columns:
 * one per resourceId/tag, looked for on the platform before it is created (so a lost creation answer
 * never leads to a duplicate column) and remembered. Without it (Moodle "grade sync only"), the score
 * goes to the launch's own `lineitem`.
 */
export function createLineItemsService(deps: { store: LineItemsStore; launchServices: LaunchServicesStore; ags: AgsClient; leaseSeconds: number }) {
  const inFlight = new Map<string, Promise<string>>();
  // Per-process caches: thousands of scores of one course need its endpoints and columns read once.
  const servicesCache = new Map<string, { value: ContextServices | null; until: number }>();
  const known = new Map<string, string>();
  const keyOf = (r: LineItemRef) => `${r.contextId}\u0000${r.resourceId ?? ''}\u0000${r.tag ?? ''}`;

  async function contextServices(contextId: string, fresh: boolean): Promise<ContextServices | null> {
    const cached = servicesCache.get(contextId);
    if (!fresh && cached && cached.until > Date.now()) return cached.value;
    const value = await deps.launchServices.forContext(contextId);
    servicesCache.set(contextId, { value, until: Date.now() + SERVICES_TTL_MS });
    return value;
  }

  async function findOrCreate(platform: Platform, containerUrl: string, req: LineItemRequest): Promise<string> {
    const until = Date.now() + deps.leaseSeconds * 1000;
    for (;;) {
      const claim = await deps.store.claim(req, { label: req.label, scoreMaximum: req.scoreMaximum }, deps.leaseSeconds);
      if (claim.state === 'known') return claim.url;
      if (claim.state === 'claimed') break;
      // Another process is creating this column right now: wait for it rather than create a second one.
      if (Date.now() > until) throw new PassbackError('line_item_busy', true, 'Another worker is still creating this gradebook column.');
      await sleep(WAIT_STEP_MS);
    }
    try {
      const key = { resourceId: req.resourceId, tag: req.tag };
      const url = (await deps.ags.findLineItem(platform, containerUrl, key)) ?? (await deps.ags.createLineItem(platform, containerUrl, { ...key, label: req.label, scoreMaximum: req.scoreMaximum }));
      await deps.store.saveUrl(req, url);
      return url;
    } catch (e) {
      await deps.store.release(req);
      throw e;
    }
  }

  async function resolveWith(platform: Platform, req: LineItemRequest, services: ContextServices | null): Promise<ScoreTarget> {
    const scopes = services?.agsScopes ?? [];
    if (!services || (!services.agsLineItemsUrl && !req.resourceLinkId)) {
      throw new PassbackError('ags_unavailable', false, 'The LMS did not offer grade passback (AGS) in this course’s launches. Turn on the Assignment and Grade Services for the tool in the LMS, open Staffroom once from the course, then retry.');
    }
    if (!scopes.includes(AGS_SCOPES.score)) {
      throw new PassbackError('score_not_allowed', false, 'The LMS does not let Staffroom post scores in this course (no AGS score scope). Allow the tool to send grades in the LMS tool settings, open Staffroom once from the course, then retry.');
    }
    const manages = scopes.includes(AGS_SCOPES.lineItem) && services.agsLineItemsUrl !== null && (req.resourceId !== null || req.tag !== null);
    if (manages) {
      const key = keyOf(req);
      const remembered = known.get(key) ?? (await deps.store.findUrl(req));
      if (remembered) {
        known.set(key, remembered);
        return { url: remembered, source: 'managed' };
      }
      let flight = inFlight.get(key);
      if (!flight) {
        // One creation per column in this process; the others await it.
        flight = findOrCreate(platform, services.agsLineItemsUrl!, req).finally(() => inFlight.delete(key));
        inFlight.set(key, flight);
      }
      const url = await flight;
      known.set(key, url);
      return { url, source: 'managed' };
    }
    const link = req.resourceLinkId ? await deps.launchServices.resourceLink(req.contextId, req.resourceLinkId) : null;
    if (link?.agsLineItemUrl) return { url: link.agsLineItemUrl, source: 'launch' };
    throw new PassbackError(
      'no_line_item',
      false,
      'The LMS does not let Staffroom create gradebook columns in this course (Moodle "grade sync only"), and this score has no launch with a gradebook column of its own. ' +
        'Either let the tool manage columns ("Use this service for grade sync and column management") or add Staffroom as a graded activity and open it once, then retry.',
    );
  }

  return {
    async resolve(platform: Platform, req: LineItemRequest): Promise<ScoreTarget> {
      try {
        return await resolveWith(platform, req, await contextServices(req.contextId, false));
      } catch (e) {
        // Never fail a score for good on endpoints cached before the launch that changed them.
        if (e instanceof PassbackError && !e.transient && servicesCache.has(req.contextId)) return resolveWith(platform, req, await contextServices(req.contextId, true));
        throw e;
      }
    },
    /** Forgets a managed column the platform answered 404 for, so the next attempt finds or creates it anew. */
    async forget(req: LineItemRef, url: string): Promise<void> {
      known.delete(keyOf(req));
      await deps.store.forget(req, url);
    },
  };
}

/** Resolves score targets. */
export type LineItemsService = ReturnType<typeof createLineItemsService>;
