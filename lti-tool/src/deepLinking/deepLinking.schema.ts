import { z } from 'zod';

/** The most items one response may place (a picker offers far fewer). */
export const MAX_ITEMS_PER_RESPONSE = 50;

const itemId = z.string().min(1).max(200).regex(/^[A-Za-z0-9:_-]+$/, 'item ids are letters, digits, ":", "_" or "-"');

/** Body of POST /api/deep-linking/response: the chosen items (none = cancel), with optional new titles. */
export const deepLinkingResponseBody = z
  .object({
    itemIds: z.array(itemId).max(MAX_ITEMS_PER_RESPONSE),
    titles: z.record(itemId, z.string().trim().min(1).max(255)).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (new Set(body.itemIds).size !== body.itemIds.length) {
      ctx.addIssue({ code: 'custom', path: ['itemIds'], message: 'each item may be chosen once' });
    }
    for (const id of Object.keys(body.titles ?? {})) {
      if (!body.itemIds.includes(id)) ctx.addIssue({ code: 'custom', path: ['titles', id], message: 'a title was given for an item that is not chosen' });
    }
  });

/** A validated request to answer the platform's deep-linking request. */
export type DeepLinkingResponseBody = z.infer<typeof deepLinkingResponseBody>;

// Platforms send booleans; a few LMS plugins send "true"/"false" strings.
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional();

const returnUrl = z
  .string()
  .max(2048)
  .refine((v) => {
    try {
      return ['https:', 'http:'].includes(new URL(v).protocol); // never javascript: or data: in the auto-posted form
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

/** The `deep_linking_settings` claim as stored with the session (only the parts Staffroom uses). */
export const deepLinkingSettings = z.object({
  deep_link_return_url: returnUrl,
  accept_types: z.array(z.string()).catch([]),
  accept_multiple: flag.catch(undefined),
  accept_lineitem: flag.catch(undefined),
  title: z.string().max(255).optional().catch(undefined),
  text: z.string().max(1024).optional().catch(undefined),
  // Opaque to the tool and echoed exactly, whatever its JSON type.
  data: z.unknown().optional(),
});

/** What a deep-linking request allows, in Staffroom's terms. */
export interface DeepLinkingSettings {
  returnUrl: string;
  acceptsLinks: boolean;
  acceptMultiple: boolean;
  /** False when the platform said it ignores line items; undefined when it did not say. */
  acceptLineItem: boolean | undefined;
  suggestedTitle: string | null;
  hasData: boolean;
  data: unknown;
}

/** Reads stored settings; null when they are unusable (e.g. a return URL that is not http(s)). */
export function readDeepLinkingSettings(raw: unknown): DeepLinkingSettings | null {
  const parsed = deepLinkingSettings.safeParse(raw);
  if (!parsed.success) return null;
  const s = parsed.data;
  const hasData = Object.hasOwn(raw as object, 'data');
  return {
    returnUrl: s.deep_link_return_url,
    acceptsLinks: s.accept_types.includes('ltiResourceLink'),
    acceptMultiple: s.accept_multiple ?? false, // unspecified: one item, the safe reading
    acceptLineItem: s.accept_lineitem,
    suggestedTitle: s.title ?? null,
    hasData,
    data: hasData ? s.data : undefined,
  };
}
