import type { Knex } from 'knex';
import { AppError, errors } from '../http/errors';
import type { StaffroomRole } from '../lti/roles';
import type { SessionIdentity } from '../lti/session';
import type { Cohort } from './cohort.types';
import { findCohortForSession } from './cohortAccess.store';
import { cohortErrors } from './cohorts.errors';
import { isUuid } from './validate';

/** What one session may do with one cohort. Every cohort, module and progress endpoint starts from this. */
export interface CohortAccess {
  cohort: Cohort;
  /** The caller's Staffroom role in their own course. */
  role: StaffroomRole;
  /** Modules the caller facilitates (lead rights for those modules only). */
  facilitatorModuleIds: string[];
  /** Every course the cohort spans, the owner's first. */
  contextIds: string[];
  /** The caller's own course: per-person data is visible only for members enrolled there. */
  ownContextId: string;
  /** True when the caller's course holds (owns) the cohort. */
  isOwnerContext: boolean;
}

/** The 404 for a cohort the caller may not see; never 403, so ids cannot be probed. */
export const cohortNotFound = (): AppError => errors.notFound('Cohort');

/**
 * Loads the caller's access to a cohort in one query. Throws 404 when the cohort is not one of the caller's
 * course's cohorts (another tenant's, another course's, a malformed id) and, for participants, when it is a template.
 */
export async function loadCohortAccess(db: Knex, session: SessionIdentity, cohortId: string): Promise<CohortAccess> {
  if (!isUuid(cohortId)) throw cohortNotFound();
  const found = await findCohortForSession(db, { cohortId, contextId: session.contextId, deploymentId: session.deploymentId, userId: session.userId });
  if (!found) throw cohortNotFound();
  if (found.cohort.kind === 'template' && session.role === 'participant') throw cohortNotFound();
  return {
    cohort: found.cohort,
    role: session.role,
    facilitatorModuleIds: found.facilitatorModuleIds,
    contextIds: found.contextIds,
    ownContextId: session.contextId,
    isOwnerContext: found.cohort.ownerContextId === session.contextId,
  };
}

/** Throws 403 `forbidden` unless the caller's role is one of `roles`. */
export function requireCohortRole(access: CohortAccess, ...roles: StaffroomRole[]): void {
  if (!roles.includes(access.role)) throw errors.forbidden();
}

/** Throws 403 unless the caller is an admin of the course that owns the cohort (settings, modules, invites). */
export function requireCohortManager(access: CohortAccess): void {
  requireCohortRole(access, 'admin');
  if (!access.isOwnerContext) throw errors.forbidden('Only admins of the course that holds this cohort can change it.');
}

/** Throws 409 `cohort_archived` when the cohort is archived (archived cohorts are read-only). */
export function requireActiveCohort(access: CohortAccess): void {
  if (access.cohort.status === 'archived') throw cohortErrors.archived();
}

/** True when the caller has lead rights for a module: admin or lead of their course, or its facilitator. */
export function hasModuleLeadRights(access: CohortAccess, moduleId: string): boolean {
  return access.role === 'admin' || access.role === 'lead' || access.facilitatorModuleIds.includes(moduleId);
}

/** Throws 403 unless the caller has lead rights for the module. */
export function requireModuleLead(access: CohortAccess, moduleId: string): void {
  if (!hasModuleLeadRights(access, moduleId)) throw errors.forbidden();
}

/**
 * The courses whose members' per-person data (progress, last launch) the caller may see: admins and leads
 * (and, for `moduleId`, its facilitators) see their own course's staff only; participants see nobody else's.
 * Members' private work is never included: that is the modules feature's rule.
 */
export function personalDataContextIds(access: CohortAccess, moduleId?: string): string[] {
  const lead = moduleId === undefined ? access.role === 'admin' || access.role === 'lead' : hasModuleLeadRights(access, moduleId);
  return lead ? [access.ownContextId] : [];
}

/** True when the caller may see per-person data of a member enrolled through `memberContextId`. */
export function canSeePersonalData(access: CohortAccess, memberContextId: string, moduleId?: string): boolean {
  return personalDataContextIds(access, moduleId).includes(memberContextId);
}
