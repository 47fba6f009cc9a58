import type { StaffroomRole } from '../lti/roles';

/** A gradebook column the LMS should create with a placed link (AGS line item, labelled with the link's title). */
export interface ItemLineItem {
  scoreMaximum: number;
  /** Lets the passback find this column again by tag (the resourceId is the item id). */
  tag: string;
}

/** Something in Staffroom an admin or lead can place in an LMS course as a link. */
export interface StaffroomItem {
  /** Stable id, sent back by the LMS as the custom parameter `staffroom_item` on every launch of the link. */
  id: string;
  title: string;
  /** One or two plain sentences for the picker and the link's text in the LMS. */
  description: string;
  /** Extra custom parameters the placed link carries (e.g. a cohort id, for cohort items). */
  custom: Record<string, string>;
  /** The gradebook column to create with the link, or null for ungraded items. */
  lineItem: ItemLineItem | null;
}

/** The course and person items are listed for: providers must only offer this tenant's records. */
export interface ItemScope {
  contextId: string;
  platformId: string;
  /** Staffroom's deployment row id (the tenant with the platform). */
  deploymentId: string;
  role: StaffroomRole;
  contextTitle: string | null;
}

/**
 * A source of placeable items. Today only fixed destinations exist; cohorts, modules and auditions
 * add their own providers (ids prefixed with the kind, e.g. `module:<uuid>`) without touching this module.
 */
export interface StaffroomItemProvider {
  list(scope: ItemScope): Promise<StaffroomItem[]>;
  /** The item with this id, if this provider owns it and it exists in the scope's tenant. */
  find(scope: ItemScope, id: string): Promise<StaffroomItem | null>;
}

/** Where a launch of a placed link should open: the item id, or home for one Staffroom no longer knows. */
export interface LaunchTarget {
  item: string;
}

/** The custom parameter a placed link carries to name its item. */
export const ITEM_CUSTOM_PARAMETER = 'staffroom_item';

/** The id of the course's Staffroom home, also where unknown items open. */
export const HOME_ITEM_ID = 'home';

function staticItems(scope: ItemScope): StaffroomItem[] {
  const course = scope.contextTitle?.trim();
  return [
    {
      id: HOME_ITEM_ID,
      title: 'Staffroom home',
      description: `The Staffroom home for ${course ? `"${course}"` : 'this course'}: everyone lands on the page for their role.`,
      custom: {},
      lineItem: null,
    },
    {
      id: 'my-learning',
      title: 'My learning',
      description: 'Each teacher’s cohorts, next step and time estimate, to work through at their own pace.',
      custom: {},
      lineItem: null,
    },
    {
      id: 'competencies',
      title: 'Competency profile',
      description: 'Where each teacher sees their competency levels and the evidence behind them; the gradebook shows their overall progress.',
      custom: {},
      lineItem: { scoreMaximum: 100, tag: 'staffroom:competency-profile' },
    },
    {
      id: 'feedback-queue',
      title: 'Feedback to give',
      description: 'The peer-feedback requests (auditions) waiting for each teacher.',
      custom: {},
      lineItem: null,
    },
  ];
}

/** The fixed Staffroom destinations every course has. */
export function createStaticItemProvider(): StaffroomItemProvider {
  return {
    async list(scope) {
      return staticItems(scope);
    },
    async find(scope, id) {
      return staticItems(scope).find((item) => item.id === id) ?? null;
    },
  };
}

/** All providers as one: the picker's list, and the lookup of a placed link's item. */
export function createItemCatalogue(providers: readonly StaffroomItemProvider[]) {
  async function find(scope: ItemScope, id: string): Promise<StaffroomItem | null> {
    for (const provider of providers) {
      const item = await provider.find(scope, id);
      if (item) return item;
    }
    return null;
  }
  return {
    async list(scope: ItemScope): Promise<StaffroomItem[]> {
      return (await Promise.all(providers.map((p) => p.list(scope)))).flat();
    },
    find,
    /**
     * Where a launch with these custom parameters should open: null for a plain course link,
     * the item when it is known in this course, home when the link names something unknown here.
     */
    async target(scope: ItemScope, custom: unknown): Promise<LaunchTarget | null> {
      const id = custom && typeof custom === 'object' ? (custom as Record<string, unknown>)[ITEM_CUSTOM_PARAMETER] : undefined;
      if (typeof id !== 'string' || id.trim() === '') return null;
      const item = id.length <= 200 ? await find(scope, id.trim()) : null;
      return { item: item?.id ?? HOME_ITEM_ID };
    },
  };
}

/** The placeable items of every provider. */
export type ItemCatalogue = ReturnType<typeof createItemCatalogue>;
