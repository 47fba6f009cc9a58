import type { Knex } from 'knex';
import type { ToolKeysService } from '../lti/toolKeys.service';
import { createItemCatalogue, createStaticItemProvider, type StaffroomItemProvider } from './deepLinking.items';
import { createDeepLinkingService } from './deepLinking.service';
import { createDeepLinkingStore } from './deepLinking.store';

/**
 * Builds deep linking for one tool process: the item catalogue (static destinations first; cohort,
 * module and audition providers are passed in as those features arrive) and the response service.
 */
export function createDeepLinking(deps: { db: Knex; toolKeys: ToolKeysService; launchUrl: string; providers?: StaffroomItemProvider[] }) {
  const catalogue = createItemCatalogue([createStaticItemProvider(), ...(deps.providers ?? [])]);
  const service = createDeepLinkingService({ store: createDeepLinkingStore(deps.db), catalogue, toolKeys: deps.toolKeys, launchUrl: deps.launchUrl });
  return { catalogue, service };
}

/** The item catalogue and deep-linking service. */
export type DeepLinking = ReturnType<typeof createDeepLinking>;
