import type { StaffroomRole } from '../lti/roles';
import type { CohortAccess } from './cohortAccess';
import type { ModuleCounts, ModuleOutline } from './cohortModules.store';
import type { FacilitatorRow, MemberRow } from './cohortMembers.store';
import type { Cohort } from './cohort.types';
import type { CohortContextRow } from './cohorts.store';
import type { JoinCodeRow } from './joinCodes.store';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const isStaff = (role: StaffroomRole) => role === 'admin' || role === 'lead';

/** The settings every cohort view shows. */
export function presentCohortBase(c: Cohort) {
  return {
    id: c.id,
    kind: c.kind,
    title: c.title,
    description: c.description,
    status: c.status,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    pacing: c.pacing,
    weeklyMinutes: c.weeklyMinutes,
    workVisibility: c.workVisibility,
    templateSourceId: c.templateSourceId,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  };
}

/** A cohort in a list, with counts; unpublished modules are shown to admins and leads only. */
export function presentCohortSummary(
  c: Cohort,
  x: { role: StaffroomRole; contextId: string; memberCount: number; contextCount: number; modules: ModuleCounts | undefined },
) {
  return {
    ...presentCohortBase(c),
    isOwner: c.ownerContextId === x.contextId,
    isNetwork: x.contextCount > 1,
    counts: {
      members: x.memberCount,
      modules: x.modules?.published ?? 0,
      ...(isStaff(x.role) ? { unpublishedModules: x.modules?.unpublished ?? 0 } : {}),
      contexts: x.contextCount,
    },
  };
}

/** One cohort in full: courses it spans (admins and leads only), the caller's role and what they may do. */
export function presentCohortDetail(access: CohortAccess, x: { memberCount: number; modules: ModuleCounts | undefined; contexts: CohortContextRow[] }) {
  const { cohort, role } = access;
  return {
    ...presentCohortSummary(cohort, { role, contextId: access.ownContextId, memberCount: x.memberCount, contextCount: access.contextIds.length, modules: x.modules }),
    yourRole: role,
    facilitatorModuleIds: access.facilitatorModuleIds,
    permissions: {
      manage: role === 'admin' && access.isOwnerContext,
      invite: role === 'admin' && access.isOwnerContext && cohort.kind === 'cohort',
      leave: role === 'admin' && !access.isOwnerContext,
      viewMembers: isStaff(role),
    },
    ...(isStaff(role)
      ? {
          contexts: x.contexts.map((c) => ({
            contextId: c.contextId,
            title: c.title,
            label: c.label,
            platformName: c.platformName,
            joinedAt: iso(c.joinedAt),
            isOwner: c.contextId === cohort.ownerContextId,
            isYours: c.contextId === access.ownContextId,
            memberCount: c.memberCount,
          })),
        }
      : {}),
  };
}

/** A template the picker offers: built-in or the course's own, with its modules and total time. */
export function presentTemplate(t: Cohort, outline: ModuleOutline[] | undefined) {
  const modules = outline ?? [];
  return {
    id: t.id,
    key: t.templateKey,
    builtIn: t.ownerContextId === null,
    title: t.title,
    description: t.description,
    pacing: t.pacing,
    weeklyMinutes: t.weeklyMinutes,
    workVisibility: t.workVisibility,
    modules: modules.map((m) => ({ id: m.moduleId, title: m.title, pdMinutes: m.pdMinutes, estimatedMinutes: m.estimatedMinutes })),
    totalEstimatedMinutes: modules.length ? modules.reduce((sum, m) => sum + m.estimatedMinutes, 0) : null,
    totalPdMinutes: modules.length ? modules.reduce((sum, m) => sum + m.pdMinutes, 0) : null,
  };
}

/** A member, for their own school's admins and leads. */
export function presentMember(m: MemberRow) {
  return {
    userId: m.userId,
    contextId: m.contextId,
    name: m.name,
    givenName: m.givenName,
    familyName: m.familyName,
    email: m.email,
    role: m.role,
    school: m.school,
    status: m.status,
    lastLaunchAt: iso(m.lastLaunchAt),
    facilitatorModuleIds: m.facilitatorModuleIds,
  };
}

/** A facilitator assignment with who made it. */
export function presentFacilitator(f: FacilitatorRow) {
  return { cohortId: f.cohortId, moduleId: f.moduleId, userId: f.userId, assignedBy: f.assignedBy, assignedAt: iso(f.assignedAt) };
}

/** State of a join code at `now`. */
export function inviteStatus(j: JoinCodeRow, now: Date): 'pending' | 'used' | 'revoked' | 'expired' {
  if (j.usedAt) return 'used';
  if (j.revokedAt) return 'revoked';
  return j.expiresAt <= now ? 'expired' : 'pending';
}

/** A network invite (never its code, which is shown once when made). */
export function presentInvite(j: JoinCodeRow & { usedByContextTitle?: string | null }, now: Date) {
  return {
    id: j.id,
    cohortId: j.cohortId,
    status: inviteStatus(j, now),
    createdAt: iso(j.createdAt),
    expiresAt: iso(j.expiresAt),
    usedAt: iso(j.usedAt),
    usedByContextId: j.usedByContextId,
    usedByContextTitle: j.usedByContextTitle ?? null,
    revokedAt: iso(j.revokedAt),
  };
}
