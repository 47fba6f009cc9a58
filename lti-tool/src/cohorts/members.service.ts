import type { Knex } from 'knex';
import type { SessionIdentity } from '../lti/session';
import { modulesStore } from '../modules/modules.store';
import { loadCohortAccess, personalDataContextIds, requireActiveCohort, requireCohortRole } from './cohortAccess';
import { recordCohortEvent } from './cohortEvents.store';
import type { CohortMemberStore, MemberCursor } from './cohortMembers.store';
import { cohortErrors } from './cohorts.errors';
import { presentFacilitator, presentMember } from './cohorts.presenter';
import type { MembersQuery } from './cohorts.schema';
import { isUuid } from './validate';

/** Opaque cursor: where the next page starts. */
export function encodeCursor(c: MemberCursor): string {
  return Buffer.from(JSON.stringify([c.sortName, c.userId])).toString('base64url');
}

/** Reads a cursor this API returned; anything else is a 400 naming `cursor`. */
export function decodeCursor(raw: string): MemberCursor {
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && isUuid(value[1])) return { sortName: value[0], userId: value[1] };
  } catch {
    // fall through to the 400
  }
  throw cohortErrors.badCursor();
}

/**
 * A cohort's people as each school's admins and leads see them (their own course's members only), and
 * facilitator assignments, which an admin makes for their own course's members.
 */
export function createMembersService(deps: { db: Knex; members: CohortMemberStore }) {
  const { db } = deps;
  return {
    async members(session: SessionIdentity, cohortId: string, q: MembersQuery) {
      const access = await loadCohortAccess(db, session, cohortId);
      requireCohortRole(access, 'admin', 'lead');
      const after = q.cursor ? decodeCursor(q.cursor) : null;
      // Templates have no people: their owner course's members are not the template's.
      if (access.cohort.kind === 'template') return { members: [], nextCursor: null };
      const rows = await deps.members.page({ cohortId, contextIds: personalDataContextIds(access), includeInactive: q.status === 'all', limit: q.limit, after });
      const page = rows.slice(0, q.limit);
      const last = page[page.length - 1];
      return { members: page.map(presentMember), nextCursor: rows.length > q.limit && last ? encodeCursor({ sortName: last.sortName, userId: last.userId }) : null };
    },

    /** Gives a member of the admin's own course lead rights for one module; 201 when new, 200 when it already held. */
    async assignFacilitator(session: SessionIdentity, cohortId: string, moduleId: string, userId: string) {
      const access = await loadCohortAccess(db, session, cohortId);
      requireCohortRole(access, 'admin');
      if (access.cohort.kind === 'template') throw cohortErrors.templateHasNoMembers();
      requireActiveCohort(access);
      if (!isUuid(moduleId)) throw cohortErrors.moduleNotFound();
      if (!isUuid(userId)) throw cohortErrors.notACohortMember();
      return db.transaction(async (trx) => {
        const module = await modulesStore.findModule(trx, cohortId, moduleId);
        if (!module || module.archivedAt) throw cohortErrors.moduleNotFound();
        if ((await deps.members.membershipStatus(trx, userId, access.ownContextId)) !== 'active') throw cohortErrors.notACohortMember();
        const { created, row } = await deps.members.assignFacilitator(trx, { cohortId, moduleId, userId, assignedBy: session.userId });
        if (created) await recordCohortEvent(trx, { cohortId, actor: { userId: session.userId, contextId: session.contextId }, action: 'facilitator_assigned', details: { moduleId, userId } });
        return { created, facilitator: presentFacilitator(row) };
      });
    },

    /** Removes a facilitator assignment of someone enrolled (now or before) through the admin's own course. */
    async unassignFacilitator(session: SessionIdentity, cohortId: string, moduleId: string, userId: string): Promise<void> {
      const access = await loadCohortAccess(db, session, cohortId);
      requireCohortRole(access, 'admin');
      if (!isUuid(moduleId) || !isUuid(userId)) throw cohortErrors.facilitatorNotFound();
      await db.transaction(async (trx) => {
        // Another school's staff are not this admin's to change, and their assignments are not revealed.
        if ((await deps.members.membershipStatus(trx, userId, access.ownContextId)) === null) throw cohortErrors.facilitatorNotFound();
        if (!(await deps.members.unassignFacilitator(trx, { cohortId, moduleId, userId }))) throw cohortErrors.facilitatorNotFound();
        await recordCohortEvent(trx, { cohortId, actor: { userId: session.userId, contextId: session.contextId }, action: 'facilitator_unassigned', details: { moduleId, userId } });
      });
    },
  };
}

/** The members and facilitators service. */
export type MembersService = ReturnType<typeof createMembersService>;
