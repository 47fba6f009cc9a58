import { hasModuleLeadRights, type CohortAccess } from '../cohorts/cohortAccess';

/**
 * Who may do what with modules (one place, so the rules are read and tested together):
 * - manage the module list (create, reorder, archive, gradebook setting): admins of the course that holds the cohort;
 * - edit a module's draft, preview and publish it: those admins, and the module's facilitators;
 * - keep a checkpoint's "what we agreed" record, read others' work when the cohort hides it: module lead rights
 *   (admins and leads of any of the cohort's courses, and the module's facilitators);
 * - work through modules (progress, responses): any member of a running cohort.
 */
export const modulePolicy = {
  canManage: (a: CohortAccess): boolean => a.role === 'admin' && a.isOwnerContext,
  canEdit: (a: CohortAccess, moduleId: string): boolean => (a.role === 'admin' && a.isOwnerContext) || a.facilitatorModuleIds.includes(moduleId),
  hasLeadRights: (a: CohortAccess, moduleId: string): boolean => hasModuleLeadRights(a, moduleId),
  /** Others' cohort-visible work is readable by everyone unless the cohort keeps it to leads. */
  canReadSharedWork: (a: CohortAccess, moduleId: string): boolean => a.cohort.workVisibility === 'cohort' || hasModuleLeadRights(a, moduleId),
  /** Why the cohort takes no new work, or null when it does. */
  closedReason: (a: CohortAccess): 'archived' | 'template' | null => (a.cohort.kind === 'template' ? 'template' : a.cohort.status === 'archived' ? 'archived' : null),
};
