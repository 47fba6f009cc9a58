import type { StaffroomItem } from './deepLinking.items';
import type { PickerOptions } from './deepLinking.service';

/** An item as the picker shows it (custom parameters stay on the server). */
export interface ItemView {
  id: string;
  title: string;
  description: string;
  /** The gradebook column the link would create, or null. */
  graded: { scoreMaximum: number } | null;
}

const presentItem = (i: StaffroomItem): ItemView => ({
  id: i.id,
  title: i.title,
  description: i.description,
  graded: i.lineItem ? { scoreMaximum: i.lineItem.scoreMaximum } : null,
});

/** GET /api/deep-linking/items answer. */
export function presentPickerOptions(o: PickerOptions) {
  return { items: o.items.map(presentItem), acceptsLinks: o.acceptsLinks, acceptMultiple: o.acceptMultiple, suggestedTitle: o.suggestedTitle };
}
