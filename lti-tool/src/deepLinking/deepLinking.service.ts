import type { SessionIdentity } from '../lti/session';
import type { ToolKeysService } from '../lti/toolKeys.service';
import type { ItemCatalogue, ItemScope, StaffroomItem } from './deepLinking.items';
import { buildContentItems, deepLinkingResponseClaims, signDeepLinkingResponse, type ChosenItem } from './deepLinking.response';
import { readDeepLinkingSettings, type DeepLinkingResponseBody, type DeepLinkingSettings } from './deepLinking.schema';
import type { DeepLinkingLaunch, DeepLinkingStore } from './deepLinking.store';

/** The ways a deep-linking call can fail that callers must map to an answer. */
export type DeepLinkingFailure =
  | { kind: 'session_not_found' }
  | { kind: 'not_deep_linking' }
  | { kind: 'settings_unusable' }
  | { kind: 'links_not_accepted' }
  | { kind: 'multiple_not_accepted'; count: number }
  | { kind: 'unknown_item'; itemId: string };

/** A value or an expected failure. */
export type DeepLinkingResult<T> = { ok: true; value: T } | { ok: false; error: DeepLinkingFailure };

/** What the picker shows: the items this placement accepts and how many may be chosen. */
export interface PickerOptions {
  items: StaffroomItem[];
  acceptsLinks: boolean;
  acceptMultiple: boolean;
  suggestedTitle: string | null;
}

/** The signed response and where the browser must post it (as the form field `JWT`). */
export interface SignedResponse {
  returnUrl: string;
  jwt: string;
}

const fail = (error: DeepLinkingFailure): { ok: false; error: DeepLinkingFailure } => ({ ok: false, error });

/** Deep Linking 2.0: offers Staffroom items for a deep-linking launch and signs the platform's response. */
export function createDeepLinkingService(deps: { store: DeepLinkingStore; catalogue: ItemCatalogue; toolKeys: ToolKeysService; launchUrl: string }) {
  async function open(s: SessionIdentity): Promise<DeepLinkingResult<{ launch: DeepLinkingLaunch; settings: DeepLinkingSettings; scope: ItemScope }>> {
    const launch = await deps.store.findLaunch(s);
    if (!launch) return fail({ kind: 'session_not_found' });
    if (launch.messageType !== 'LtiDeepLinkingRequest') return fail({ kind: 'not_deep_linking' });
    const settings = readDeepLinkingSettings(launch.settings);
    if (!settings) return fail({ kind: 'settings_unusable' });
    const scope: ItemScope = { contextId: s.contextId, platformId: s.platformId, deploymentId: s.deploymentId, role: s.role, contextTitle: launch.contextTitle };
    return { ok: true, value: { launch, settings, scope } };
  }

  return {
    /** The items the admin or lead may place here; none when the platform does not accept links. */
    async options(s: SessionIdentity): Promise<DeepLinkingResult<PickerOptions>> {
      const opened = await open(s);
      if (!opened.ok) return opened;
      const { settings, scope } = opened.value;
      const items = settings.acceptsLinks ? await deps.catalogue.list(scope) : [];
      return {
        ok: true,
        value: {
          // A platform that ignores line items gets none, so the picker must not promise a gradebook column.
          items: settings.acceptLineItem === false ? items.map((i) => ({ ...i, lineItem: null })) : items,
          acceptsLinks: settings.acceptsLinks,
          acceptMultiple: settings.acceptMultiple,
          suggestedTitle: settings.suggestedTitle,
        },
      };
    },

    /** Validates the choice against the request's settings and signs the LtiDeepLinkingResponse. No choice = cancel. */
    async respond(s: SessionIdentity, body: DeepLinkingResponseBody, now: Date = new Date()): Promise<DeepLinkingResult<SignedResponse>> {
      const opened = await open(s);
      if (!opened.ok) return opened;
      const { launch, settings, scope } = opened.value;
      if (body.itemIds.length > 0 && !settings.acceptsLinks) return fail({ kind: 'links_not_accepted' });
      if (body.itemIds.length > 1 && !settings.acceptMultiple) return fail({ kind: 'multiple_not_accepted', count: body.itemIds.length });

      const chosen: ChosenItem[] = [];
      for (const id of body.itemIds) {
        const item = await deps.catalogue.find(scope, id);
        if (!item) return fail({ kind: 'unknown_item', itemId: id });
        chosen.push({ item, title: body.titles?.[id] ?? item.title });
      }
      const contentItems = buildContentItems(chosen, { launchUrl: deps.launchUrl, acceptLineItem: settings.acceptLineItem });
      const claims = deepLinkingResponseClaims(
        {
          platform: launch.platform,
          ltiDeploymentId: launch.ltiDeploymentId,
          contentItems,
          data: { present: settings.hasData, value: settings.data },
          msg: chosen.length > 0 ? `Added from Staffroom: ${chosen.map((c) => c.title).join(', ')}.` : undefined,
          log: `staffroom deep linking: ${chosen.length > 0 ? chosen.map((c) => c.item.id).join(',') : 'cancelled'}`,
        },
        now,
      );
      return { ok: true, value: { returnUrl: settings.returnUrl, jwt: await signDeepLinkingResponse(claims, await deps.toolKeys.signingKey()) } };
    },
  };
}

/** Deep Linking 2.0 for the picker. */
export type DeepLinkingService = ReturnType<typeof createDeepLinkingService>;
