import type { RosterMember, RosterSyncRun } from './roster.store';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A sync run as the API shows it: progress for a progress bar (NRPS gives no total, so pages and members so far). */
export function presentRun(run: RosterSyncRun) {
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    attempts: run.attempts,
    progress: { pagesFetched: run.pagesFetched, membersFetched: run.membersFetched },
    changes: run.status === 'succeeded' ? { added: run.added, updated: run.updated, reactivated: run.reactivated, deactivated: run.deactivated } : null,
    error: run.error,
    queuedAt: iso(run.queuedAt),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
  };
}

/** A roster member; name and email are null when the LMS does not share them. */
export function presentMember(m: RosterMember) {
  return { ...m, lastLaunchAt: iso(m.lastLaunchAt) };
}
