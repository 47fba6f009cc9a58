import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/** What happened to a cohort, for its audit trail. */
export type CohortEventAction =
  | 'cohort_created'
  | 'cohort_updated'
  | 'template_saved'
  | 'network_invite_created'
  | 'network_invite_revoked'
  | 'network_joined'
  | 'network_left'
  | 'network_context_removed'
  | 'facilitator_assigned'
  | 'facilitator_unassigned';

/** Who did it, from which course. */
export interface CohortActor {
  userId: string;
  contextId: string;
}

/** Appends to a cohort's audit trail, inside the caller's transaction. */
export async function recordCohortEvent(
  trx: Knex.Transaction,
  e: { cohortId: string; actor: CohortActor; action: CohortEventAction; details?: Record<string, unknown> },
): Promise<void> {
  await trx('cohort_events').insert({
    id: randomUUID(),
    cohort_id: e.cohortId,
    actor_user_id: e.actor.userId,
    actor_context_id: e.actor.contextId,
    action: e.action,
    details: JSON.stringify(e.details ?? {}),
  });
}
