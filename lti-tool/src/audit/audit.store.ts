import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { AuditAction, AuditActorKind, AuditEntry, AuditEvent } from './audit.types';

interface AuditRow {
  id: string;
  occurred_at: Date;
  platform_id: string | null;
  deployment_row_id: string | null;
  actor_user_id: string | null;
  actor_kind: AuditActorKind;
  action: AuditAction;
  subject_type: string;
  subject_id: string | null;
  details: Record<string, unknown>;
}

const toEvent = (r: AuditRow): AuditEvent => ({
  id: r.id,
  occurredAt: new Date(r.occurred_at),
  platformId: r.platform_id,
  deploymentRowId: r.deployment_row_id,
  actorUserId: r.actor_user_id,
  actorKind: r.actor_kind,
  action: r.action,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  details: r.details ?? {},
});

/** Which events a reader may see: a tenant's admin sees their deployment and their platform's registration events. */
export type AuditScope = { kind: 'tenant'; platformId: string; deploymentRowId: string } | { kind: 'operator' };

/** Filters of the audit list, newest first, keyset-paginated by (occurred_at, id). */
export interface AuditFilter {
  actions?: AuditAction[];
  from?: Date;
  to?: Date;
  limit: number;
  before?: { occurredAt: Date; id: string };
}

/** Writes and reads the audit log. */
export function createAuditStore(db: Knex) {
  return {
    /** Records an event in the caller's transaction, so it commits (or not) with the action itself. */
    async record(e: AuditEntry, trx: Knex = db): Promise<void> {
      await trx('audit_events').insert({
        id: randomUUID(),
        platform_id: e.platformId ?? null,
        deployment_row_id: e.deploymentRowId ?? null,
        actor_user_id: e.actorUserId ?? null,
        actor_kind: e.actorKind,
        action: e.action,
        subject_type: e.subjectType,
        subject_id: e.subjectId ?? null,
        details: JSON.stringify(e.details ?? {}),
      });
    },
    async list(scope: AuditScope, f: AuditFilter): Promise<AuditEvent[]> {
      const q = db<AuditRow>('audit_events').select('*');
      if (scope.kind === 'tenant') {
        q.where((w) =>
          w.where('deployment_row_id', scope.deploymentRowId).orWhere((p) => p.where('platform_id', scope.platformId).whereNull('deployment_row_id')),
        );
      }
      if (f.actions?.length) q.whereIn('action', f.actions);
      if (f.from) q.where('occurred_at', '>=', f.from);
      if (f.to) q.where('occurred_at', '<', f.to);
      if (f.before) {
        const b = f.before;
        q.where((w) => w.where('occurred_at', '<', b.occurredAt).orWhere((e) => e.where('occurred_at', b.occurredAt).andWhere('id', '<', b.id)));
      }
      const rows = await q.orderBy([{ column: 'occurred_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(f.limit);
      return rows.map(toEvent);
    },
  };
}

/** Data access for the audit log. */
export type AuditStore = ReturnType<typeof createAuditStore>;
