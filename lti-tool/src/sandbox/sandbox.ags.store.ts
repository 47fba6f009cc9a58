import type { Knex } from 'knex';
import { createBatcher } from '../grades/batcher';

/** A gradebook column of a sandbox course. */
export interface SandboxLineItem {
  id: number;
  contextId: string;
  label: string;
  scoreMaximum: number;
  resourceId: string | null;
  tag: string | null;
  resourceLinkId: string | null;
}

/** A score as the sandbox received it. */
export interface SandboxScore {
  lineItemId: number;
  userId: string;
  scoreGiven: number | null;
  scoreMaximum: number | null;
  activityProgress: string;
  gradingProgress: string;
  comment: string | null;
  timestamp: string;
  timestampAt: Date;
  userAgent: string | null;
  outcome: 'accepted' | 'refused';
}

/** What can go wrong on purpose in a sandbox AGS answer. */
/** 'timeout': answers 504 after delayMs without doing anything; 'slow': does the work, then answers after delayMs. */
export const FAULT_KINDS = ['429', '500', '400', '401', 'html', 'timeout', 'slow', 'invalid-json', 'huge'] as const;
/** One injectable fault kind. */
export type FaultKind = (typeof FAULT_KINDS)[number];
/** Which calls a fault applies to: score posts, line item lists (GET), line item creation (POST), or all. */
export type FaultTarget = 'scores' | 'lineitems' | 'create' | 'any';

/** A fault to inject: `count` calls (all when null), each failing with probability `rate`. */
export interface FaultSpec {
  target: FaultTarget;
  kind: FaultKind;
  count: number | null;
  rate: number;
  delayMs: number;
}

/** A stored fault. */
interface FaultRow {
  id: number;
  target: FaultTarget;
  kind: FaultKind;
  remaining: number | null;
  rate: number;
  delay_ms: number;
}

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

const toLineItem = (r: Record<string, unknown>): SandboxLineItem => ({
  id: Number(r.id),
  contextId: r.context_id as string,
  label: r.label as string,
  scoreMaximum: Number(r.score_maximum),
  resourceId: (r.resource_id as string | null) ?? null,
  tag: (r.tag as string | null) ?? null,
  resourceLinkId: (r.resource_link_id as string | null) ?? null,
});

const toScore = (r: Record<string, unknown>): SandboxScore => ({
  lineItemId: Number(r.line_item_id),
  userId: r.user_id as string,
  scoreGiven: r.score_given === null ? null : Number(r.score_given),
  scoreMaximum: r.score_maximum === null ? null : Number(r.score_maximum),
  activityProgress: r.activity_progress as string,
  gradingProgress: r.grading_progress as string,
  comment: (r.comment as string | null) ?? null,
  timestamp: r.timestamp as string,
  timestampAt: new Date(r.timestamp_at as string | Date),
  userAgent: (r.user_agent as string | null) ?? null,
  outcome: r.outcome as 'accepted' | 'refused',
});

/** The sandbox platform's gradebook: line items, received scores, AGS mode and injected faults. */
export function createSandboxAgsStore(db: Knex) {
  const lineItemsWithFaults = createBatcher<number, { item: SandboxLineItem; faults: FaultRow[] } | null>(async (ids) => {
    const { rows } = await db.raw(
      `SELECT l.*, (SELECT coalesce(json_agg(f ORDER BY f.id), '[]'::json) FROM sandbox_ags_faults f
                    WHERE f.context_id = l.context_id AND (f.remaining IS NULL OR f.remaining > 0)) AS faults
       FROM sandbox_ags_line_items l WHERE l.id = ANY(?::int[])`,
      [[...new Set(ids)]],
    );
    const byId = new Map((rows as Array<Record<string, unknown>>).map((r) => [Number(r.id), { item: toLineItem(r), faults: json<FaultRow[]>(r.faults) }]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  const receiveScores = createBatcher<Omit<SandboxScore, 'outcome'>, 'accepted' | 'refused'>(async (scores) => {
    const col = (f: (s: Omit<SandboxScore, 'outcome'>) => string | number | null): Knex.Value => scores.map(f) as Knex.Value;
    const { rows } = await db.raw(
      `WITH v AS (
         SELECT * FROM unnest(?::int[], ?::text[], ?::float8[], ?::float8[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[])
           AS v(line_item_id, user_id, score_given, score_maximum, activity_progress, grading_progress, comment, timestamp, timestamp_at, user_agent)
       )
       INSERT INTO sandbox_ags_scores (line_item_id, user_id, score_given, score_maximum, activity_progress, grading_progress, comment, timestamp, timestamp_at, user_agent, outcome)
       SELECT v.*, CASE WHEN EXISTS (SELECT 1 FROM sandbox_ags_scores o WHERE o.line_item_id = v.line_item_id AND o.user_id = v.user_id AND o.outcome = 'accepted'
                                     AND floor(extract(epoch FROM o.timestamp_at)) >= floor(extract(epoch FROM v.timestamp_at)))
                   THEN 'refused' ELSE 'accepted' END
       FROM v
       RETURNING line_item_id, user_id, timestamp, outcome`,
      [
        col((s) => s.lineItemId),
        col((s) => s.userId),
        col((s) => s.scoreGiven),
        col((s) => s.scoreMaximum),
        col((s) => s.activityProgress),
        col((s) => s.gradingProgress),
        col((s) => s.comment),
        col((s) => s.timestamp),
        col((s) => s.timestampAt.toISOString()),
        col((s) => s.userAgent),
      ],
    );
    const key = (lineItemId: unknown, userId: unknown, timestamp: unknown) => `${String(lineItemId)} ${String(userId)} ${String(timestamp)}`;
    const outcomes = new Map((rows as Array<Record<string, unknown>>).map((r) => [key(r.line_item_id, r.user_id, r.timestamp), r.outcome as 'accepted' | 'refused']));
    return scores.map((s) => outcomes.get(key(s.lineItemId, s.userId, s.timestamp))!);
  });

  return {
    async createLineItem(item: Omit<SandboxLineItem, 'id'>): Promise<SandboxLineItem> {
      const [row] = await db('sandbox_ags_line_items')
        .insert({ context_id: item.contextId, label: item.label, score_maximum: item.scoreMaximum, resource_id: item.resourceId, tag: item.tag, resource_link_id: item.resourceLinkId })
        .returning('*');
      return toLineItem(row);
    },
    async findLineItem(contextId: string, id: number): Promise<SandboxLineItem | null> {
      const row = await db('sandbox_ags_line_items').where({ context_id: contextId, id }).first();
      return row ? toLineItem(row) : null;
    },
    /** Line items of a course, filtered as AGS allows, in id order, one page at a time. */
    async listLineItems(contextId: string, f: { resourceId?: string; tag?: string; resourceLinkId?: string; offset: number; limit: number }): Promise<SandboxLineItem[]> {
      const q = db('sandbox_ags_line_items').where({ context_id: contextId });
      if (f.resourceId !== undefined) q.andWhere({ resource_id: f.resourceId });
      if (f.tag !== undefined) q.andWhere({ tag: f.tag });
      if (f.resourceLinkId !== undefined) q.andWhere({ resource_link_id: f.resourceLinkId });
      const rows = await q.orderBy('id').offset(f.offset).limit(f.limit);
      return rows.map(toLineItem);
    },
    /**
     * Records a score. Like Moodle, a score whose timestamp (in whole seconds) is not after the last
     * accepted one for the same user and line item is refused; it is still recorded, as refused.
     * Not serialised (the tool never posts one person's column from two jobs at once); concurrent
     * calls share one statement.
     */
    receiveScore: (s: Omit<SandboxScore, 'outcome'>) => receiveScores(s),
    /** A line item with the faults that apply to calls on it; concurrent calls share one query. */
    async lineItemWithFaults(contextId: string, id: number, target: Exclude<FaultTarget, 'any'>): Promise<{ item: SandboxLineItem; faults: FaultRow[] } | null> {
      const found = await lineItemsWithFaults(id);
      if (!found || found.item.contextId !== contextId) return null;
      return { item: found.item, faults: found.faults.filter((f) => f.target === target || f.target === 'any') };
    },
    /** Every score received for a line item (or a whole course), oldest first. */
    async scores(filter: { lineItemId?: number; contextId?: string } = {}): Promise<SandboxScore[]> {
      const q = db('sandbox_ags_scores as s').join('sandbox_ags_line_items as l', 'l.id', 's.line_item_id').select('s.*');
      if (filter.lineItemId !== undefined) q.where('s.line_item_id', filter.lineItemId);
      if (filter.contextId !== undefined) q.where('l.context_id', filter.contextId);
      return (await q.orderBy('s.id')).map(toScore);
    },
    async gradeSyncOnly(contextId: string): Promise<boolean> {
      const row = await db('sandbox_ags_modes').where({ context_id: contextId }).first('grade_sync_only');
      return Boolean(row?.grade_sync_only);
    },
    async setGradeSyncOnly(contextId: string, on: boolean): Promise<void> {
      await db('sandbox_ags_modes')
        .insert({ context_id: contextId, grade_sync_only: on })
        .onConflict('context_id')
        .merge({ grade_sync_only: on, updated_at: db.fn.now() });
    },
    async addFault(contextId: string, f: FaultSpec): Promise<void> {
      await db('sandbox_ags_faults').insert({ context_id: contextId, target: f.target, kind: f.kind, remaining: f.count, rate: f.rate, delay_ms: f.delayMs });
    },
    async clearFaults(contextId: string): Promise<void> {
      await db('sandbox_ags_faults').where({ context_id: contextId }).delete();
    },
    /** The fault a call suffers, if any, among matching faults read beforehand (see lineItemWithFaults). */
    async pickFault(faults: FaultRow[]): Promise<{ kind: FaultKind; delayMs: number } | null> {
      // Considered in order, each with its own probability; a counted fault is used up one call at a time.
      for (const f of faults) {
        if (Math.random() >= Number(f.rate)) continue;
        if (f.remaining !== null) {
          const taken = await db('sandbox_ags_faults').where({ id: f.id }).andWhere('remaining', '>', 0).decrement('remaining', 1);
          if (taken === 0) continue;
        }
        return { kind: f.kind, delayMs: Number(f.delay_ms) };
      }
      return null;
    },
    /** The fault a call on a course's line item list suffers, if any. */
    async takeFault(contextId: string, target: Exclude<FaultTarget, 'any'>): Promise<{ kind: FaultKind; delayMs: number } | null> {
      const faults: FaultRow[] = await db('sandbox_ags_faults')
        .where({ context_id: contextId })
        .whereIn('target', [target, 'any'])
        .andWhere((q) => q.whereNull('remaining').orWhere('remaining', '>', 0))
        .orderBy('id');
      return this.pickFault(faults);
    },
  };
}

/** Data access for the sandbox gradebook. */
export type SandboxAgsStore = ReturnType<typeof createSandboxAgsStore>;
