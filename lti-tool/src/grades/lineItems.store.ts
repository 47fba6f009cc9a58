import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/** A Staffroom gradebook column in a context, by resourceId/tag ('' = not set). */
export interface LineItemRef {
  contextId: string;
  resourceId: string | null;
  tag: string | null;
}

/** The outcome of trying to take the right to find-or-create a line item. */
export type LineItemClaim = { state: 'known'; url: string } | { state: 'claimed' } | { state: 'busy' };

const keyOf = (r: LineItemRef) => ({ context_id: r.contextId, resource_id: r.resourceId ?? '', tag: r.tag ?? '' });

/** The line item URLs Staffroom found or created on platforms, so each is looked up once per context. */
export function createLineItemsStore(db: Knex) {
  return {
    async findUrl(ref: LineItemRef): Promise<string | null> {
      const row = await db('grade_line_items').where(keyOf(ref)).first('url');
      return (row?.url as string | null) ?? null;
    },

    /**
     * Takes a lease on creating the line item, so that one worker (in any process) looks for it and creates
     * it while the others wait: 'known' when it already has a URL, 'busy' while someone else holds the lease.
     */
    async claim(ref: LineItemRef, item: { label: string; scoreMaximum: number }, leaseSeconds: number): Promise<LineItemClaim> {
      const k = keyOf(ref);
      const { rows } = await db.raw(
        `INSERT INTO grade_line_items (id, context_id, resource_id, tag, label, score_maximum, lease_until)
         VALUES (?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?))
         ON CONFLICT (context_id, resource_id, tag) DO UPDATE
           SET lease_until = EXCLUDED.lease_until, label = EXCLUDED.label, score_maximum = EXCLUDED.score_maximum, updated_at = now()
           WHERE grade_line_items.url IS NULL AND (grade_line_items.lease_until IS NULL OR grade_line_items.lease_until < now())
         RETURNING id`,
        [randomUUID(), k.context_id, k.resource_id, k.tag, item.label, item.scoreMaximum, leaseSeconds],
      );
      if ((rows as unknown[]).length === 1) return { state: 'claimed' };
      const url = await this.findUrl(ref);
      return url ? { state: 'known', url } : { state: 'busy' };
    },

    async saveUrl(ref: LineItemRef, url: string): Promise<void> {
      await db('grade_line_items').where(keyOf(ref)).update({ url, lease_until: null, updated_at: db.fn.now() });
    },

    /** Gives up a lease after a failed attempt, so the next attempt can claim at once. */
    async release(ref: LineItemRef): Promise<void> {
      await db('grade_line_items').where(keyOf(ref)).whereNull('url').update({ lease_until: null, updated_at: db.fn.now() });
    },

    /** Forgets a URL the platform no longer knows (404: the column was deleted in the LMS). */
    async forget(ref: LineItemRef, url: string): Promise<void> {
      await db('grade_line_items').where({ ...keyOf(ref), url }).delete();
    },
  };
}

/** Data access for known line items. */
export type LineItemsStore = ReturnType<typeof createLineItemsStore>;
