import type { Knex } from 'knex';
import { hasModuleLeadRights, loadCohortAccess, type CohortAccess } from '../cohorts/cohortAccess';
import { isUuid } from '../cohorts/validate';
import type { SessionIdentity } from '../lti/session';
import { abort } from './auditions.errors';
import type { AuditionsStore } from './auditions.store';
import type { Audition } from './auditions.types';

/** The caller's view of one audition. */
export interface AuditionScope {
  access: CohortAccess;
  audition: Audition;
  /** Admins and leads of the caller's course, and the facilitators of the audition's module. */
  lead: boolean;
}

/**
 * Loads an audition for a session: 404 when the cohort is not the caller's or the audition is not in it (never 403,
 * so ids cannot be probed). `lock` takes the audition's row lock (inside `trx`).
 */
export async function loadAudition(trx: Knex, auditions: AuditionsStore, s: SessionIdentity, cohortId: string, auditionId: string, lock = false): Promise<AuditionScope> {
  const access = await loadCohortAccess(trx, s, cohortId);
  if (!isUuid(auditionId)) return abort({ kind: 'audition_not_found' });
  const audition = (await auditions.find(trx, cohortId, auditionId, lock)) ?? abort({ kind: 'audition_not_found' });
  return { access, audition, lead: hasModuleLeadRights(access, audition.moduleId) };
}

/** Throws 409 unless the cohort takes new work (not archived, not a template). */
export function requireOpen(access: CohortAccess): void {
  if (access.cohort.status === 'archived' || access.cohort.kind === 'template') abort({ kind: 'cohort_closed' });
}

/** Throws 403 unless the caller has lead rights for the audition. */
export function requireLead(scope: AuditionScope): void {
  if (!scope.lead) abort({ kind: 'not_audition_lead' });
}
