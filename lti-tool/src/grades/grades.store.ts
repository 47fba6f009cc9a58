import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { createBatcher } from './batcher';
import type { PassbackFailureKind } from './grades.errors';

/** Where a passback stands. */
export type PassbackStatus = 'pending' | 'delivered' | 'failed' | 'superseded' | 'skipped';

/** What is posted, as stored with the passback. */
export interface PassbackPayload {
  lineItem: { label: string; scoreMaximum: number };
  score: { scoreGiven: number; scoreMaximum: number; comment: string | null; activityProgress: string; gradingProgress: string };
}

/** A new passback row. */
export interface NewPassback {
  contextId: string;
  userId: string;
  resourceId: string | null;
  tag: string | null;
  resourceLinkId: string | null;
  payload: PassbackPayload;
  scoredAt: Date;
}

/** A passback taken up for one delivery attempt, with what the attempt needs to know. */
export interface PassbackAttempt extends NewPassback {
  id: string;
  attempts: number;
  userSub: string;
  platformId: string;
  ltiRoles: string[] | null;
  membershipStatus: string | null;
  /** A newer score for the same person and line item is pending or delivered. */
  newerExists: boolean;
  /** The AGS timestamp last delivered for the same person and line item. */
  lastSent: Date | null;
  /** Why the previous attempt failed, if it did. */
  previousFailure: string | null;
}

/** A passback as admins see it. */
export interface PassbackView {
  id: string;
  userId: string;
  userName: string | null;
  resourceId: string | null;
  tag: string | null;
  payload: PassbackPayload;
  scoredAt: Date;
  status: PassbackStatus;
  attempts: number;
  failureKind: string | null;
  lastError: string | null;
  updatedAt: Date;
}

const opt = (v: string | null) => v ?? '';
const back = (v: unknown) => (v === '' || v === null || v === undefined ? null : (v as string));
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const date = (v: unknown) => (v instanceof Date ? v : new Date(v as string));

const toAttempt = (r: Record<string, unknown>): PassbackAttempt => ({
  id: r.id as string,
  contextId: r.context_id as string,
  userId: r.user_id as string,
  resourceId: back(r.resource_id),
  tag: back(r.tag),
  resourceLinkId: back(r.resource_link_id),
  payload: json<PassbackPayload>(r.payload),
  scoredAt: date(r.scored_at),
  attempts: Number(r.attempts),
  userSub: r.user_sub as string,
  platformId: r.platform_id as string,
  ltiRoles: (r.lti_roles as string[] | null) ?? null,
  membershipStatus: (r.membership_status as string | null) ?? null,
  newerExists: Boolean(r.newer_exists),
  lastSent: r.last_sent ? date(r.last_sent) : null,
  previousFailure: (r.failure_kind as string | null) ?? null,
});

// The same person and line item as the passback `p` (the ordering key).
const SAME_KEY = 'o.context_id = p.context_id AND o.user_id = p.user_id AND o.resource_id = p.resource_id AND o.tag = p.tag AND o.resource_link_id = p.resource_link_id';

/** Data access for score passbacks. */
export function createGradesStore(db: Knex) {
  const beginAttempts = createBatcher<{ id: string; leaseSeconds: number }, PassbackAttempt | null>(async (calls) => {
    const { rows } = await db.raw(
      `UPDATE score_passbacks AS p SET attempts = p.attempts + 1, attempt_until = now() + make_interval(secs => ?), updated_at = now()
       FROM users u, contexts c, deployments d
       WHERE p.id = ANY(?::uuid[]) AND p.status = 'pending' AND (p.attempt_until IS NULL OR p.attempt_until < now())
         AND u.id = p.user_id AND c.id = p.context_id AND d.id = c.deployment_id
       RETURNING p.*, u.sub AS user_sub, d.platform_id,
         (SELECT m.lti_roles FROM memberships m WHERE m.context_id = p.context_id AND m.user_id = p.user_id) AS lti_roles,
         (SELECT m.status FROM memberships m WHERE m.context_id = p.context_id AND m.user_id = p.user_id) AS membership_status,
         EXISTS (SELECT 1 FROM score_passbacks o WHERE ${SAME_KEY} AND o.id <> p.id AND o.status IN ('pending', 'delivered')
                 AND (o.scored_at > p.scored_at OR (o.scored_at = p.scored_at AND o.seq > p.seq))) AS newer_exists,
         (SELECT max(o.sent_timestamp) FROM score_passbacks o WHERE ${SAME_KEY} AND o.status = 'delivered') AS last_sent`,
      [Math.max(...calls.map((c) => c.leaseSeconds)), calls.map((c) => c.id)],
    );
    const byId = new Map((rows as Array<Record<string, unknown>>).map((r) => [r.id as string, toAttempt(r)]));
    return calls.map((c) => byId.get(c.id) ?? null);
  });

  const markDelivered = createBatcher<{ id: string; sentTimestamp: Date; lineItemUrl: string }, boolean>(async (calls) => {
    const { rows } = await db.raw(
      `UPDATE score_passbacks AS p
       SET status = 'delivered', sent_timestamp = v.sent, line_item_url = v.url, delivered_at = now(), failure_kind = NULL, last_error = NULL, attempt_until = NULL, updated_at = now()
       FROM (SELECT unnest(?::uuid[]) AS id, unnest(?::timestamptz[]) AS sent, unnest(?::text[]) AS url) v
       WHERE p.id = v.id AND p.status = 'pending'
       RETURNING p.id`,
      [calls.map((c) => c.id), calls.map((c) => c.sentTimestamp.toISOString()), calls.map((c) => c.lineItemUrl)],
    );
    const done = new Set((rows as Array<{ id: string }>).map((r) => r.id));
    return calls.map((c) => done.has(c.id));
  });

  const toView = (r: Record<string, unknown>): PassbackView => ({
    id: r.id as string,
    userId: r.user_id as string,
    userName: (r.user_name as string | null) ?? null,
    resourceId: back(r.resource_id),
    tag: back(r.tag),
    payload: json<PassbackPayload>(r.payload),
    scoredAt: date(r.scored_at),
    status: r.status as PassbackStatus,
    attempts: Number(r.attempts),
    failureKind: (r.failure_kind as string | null) ?? null,
    lastError: (r.last_error as string | null) ?? null,
    updatedAt: date(r.updated_at),
  });

  return {
    async insert(p: NewPassback, trx: Knex): Promise<string> {
      const id = randomUUID();
      await trx('score_passbacks').insert({
        id,
        context_id: p.contextId,
        user_id: p.userId,
        resource_id: opt(p.resourceId),
        tag: opt(p.tag),
        resource_link_id: opt(p.resourceLinkId),
        payload: JSON.stringify(p.payload),
        scored_at: p.scoredAt,
      });
      return id;
    },

    /**
     * Counts an attempt on a pending passback and holds it for `leaseSeconds` (a duplicate job cannot post it
     * at the same time); returns it with the person's platform id and roles and whether a newer score makes it
     * moot. Null when it is not pending (delivered, settled, gone) or another attempt holds it.
     * Concurrent calls share one statement.
     */
    beginAttempt: (id: string, leaseSeconds: number) => beginAttempts({ id, leaseSeconds }),

    /**
     * Marks a pending passback delivered; false when it was not pending, so a passback is never marked
     * delivered twice. Concurrent calls share one statement.
     */
    markDelivered: (id: string, d: { sentTimestamp: Date; lineItemUrl: string }) => markDelivered({ id, ...d }),

    /** Ends a pending passback without delivery: failed (for an admin), superseded or skipped. */
    async settle(id: string, status: 'failed' | 'superseded' | 'skipped', kind: PassbackFailureKind | 'newer_score' | 'platform_has_newer' | 'not_gradable', message: string): Promise<boolean> {
      const n = await db('score_passbacks').where({ id, status: 'pending' }).update({ status, failure_kind: kind, last_error: message.slice(0, 2000), attempt_until: null, updated_at: db.fn.now() });
      return n === 1;
    },

    /** Keeps the latest transient error on a pending passback (shown to admins while it is retried). */
    async noteError(id: string, kind: string, message: string, trx: Knex = db): Promise<void> {
      await trx('score_passbacks').where({ id, status: 'pending' }).update({ failure_kind: kind, last_error: message.slice(0, 2000), attempt_until: null, updated_at: trx.fn.now() });
    },

    /** Failed passbacks of a context, newest first, with the person's name when the platform shared it. */
    async listFailed(contextId: string, limit: number): Promise<PassbackView[]> {
      const rows = await db('score_passbacks as p')
        .join('users as u', 'u.id', 'p.user_id')
        .where({ 'p.context_id': contextId, 'p.status': 'failed' })
        .orderBy('p.updated_at', 'desc')
        .orderBy('p.id')
        .limit(limit)
        .select('p.*', 'u.name as user_name');
      return rows.map(toView);
    },

    async countByStatus(contextId: string): Promise<Record<PassbackStatus, number>> {
      const rows = await db('score_passbacks').where({ context_id: contextId }).groupBy('status').select('status').count({ n: '*' });
      const counts: Record<PassbackStatus, number> = { pending: 0, delivered: 0, failed: 0, superseded: 0, skipped: 0 };
      for (const r of rows as Array<{ status: PassbackStatus; n: number | string }>) counts[r.status] = Number(r.n);
      return counts;
    },

    async find(contextId: string, id: string, trx: Knex = db): Promise<PassbackView | null> {
      const row = await trx('score_passbacks as p').join('users as u', 'u.id', 'p.user_id').where({ 'p.context_id': contextId, 'p.id': id }).first('p.*', 'u.name as user_name');
      return row ? toView(row) : null;
    },

    /** Puts a failed passback of this context back to pending; false when it is not a failed one. */
    async reopen(contextId: string, id: string, trx: Knex): Promise<boolean> {
      const n = await trx('score_passbacks').where({ context_id: contextId, id, status: 'failed' }).update({ status: 'pending', updated_at: trx.fn.now() });
      return n === 1;
    },

    /** The Basic Outcomes cell of a person's latest LTI 1.1 launch of a link (from the session's launch data). */
    async basicOutcomeCell(contextId: string, userId: string, resourceLinkId: string): Promise<{ serviceUrl: string; sourcedId: string } | null> {
      const row = await db('sessions')
        .where({ context_id: contextId, user_id: userId, resource_link_id: resourceLinkId })
        .whereRaw(`launch->>'ltiVersion' = 'LTI-1p0'`)
        .whereRaw(`launch->'basicOutcome' IS NOT NULL AND jsonb_typeof(launch->'basicOutcome') = 'object'`)
        .orderBy('created_at', 'desc')
        .first(db.raw(`launch->'basicOutcome'->>'lis_outcome_service_url' AS service_url`), db.raw(`launch->'basicOutcome'->>'lis_result_sourcedid' AS sourced_id`));
      return row?.service_url && row?.sourced_id ? { serviceUrl: row.service_url as string, sourcedId: row.sourced_id as string } : null;
    },

    /** Pending passbacks untouched since `before` (their job was lost); marks them touched. */
    async takeStale(before: Date, limit: number, trx: Knex): Promise<string[]> {
      const rows = await trx('score_passbacks').where({ status: 'pending' }).andWhere('updated_at', '<', before).orderBy('updated_at').limit(limit).forUpdate().skipLocked().select('id');
      const ids = rows.map((r: { id: string }) => r.id);
      if (ids.length) await trx('score_passbacks').whereIn('id', ids).update({ updated_at: trx.fn.now() });
      return ids;
    },
  };
}

/** Data access for score passbacks. */
export type GradesStore = ReturnType<typeof createGradesStore>;
