import type { Knex } from 'knex';
import type { SessionIdentity } from '../lti/session';
import { loadCohortAccess, requireActiveCohort, requireCohortManager, requireCohortRole } from './cohortAccess';
import { recordCohortEvent, type CohortActor } from './cohortEvents.store';
import type { CohortMemberStore } from './cohortMembers.store';
import { cohortErrors } from './cohorts.errors';
import { presentInvite } from './cohorts.presenter';
import type { CohortStore } from './cohorts.store';
import { generateJoinCode, hashJoinCode, looksLikeJoinCode, normaliseJoinCode } from './joinCode';
import type { JoinCodeStore } from './joinCodes.store';
import { errors } from '../http/errors';
import { isUuid } from './validate';

const actorOf = (s: SessionIdentity): CohortActor => ({ userId: s.userId, contextId: s.contextId });

/**
 * Network cohorts: the owner course's admin makes single-use join codes; an admin of another course (any
 * deployment or platform) redeems one to link their course; a joined course may leave or be removed.
 */
export function createNetworkService(deps: { db: Knex; cohorts: CohortStore; members: CohortMemberStore; joinCodes: JoinCodeStore; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  return {
    /** Makes a join code; the code is in this answer only (the database keeps its hash). */
    async createInvite(session: SessionIdentity, cohortId: string, expiresInHours: number) {
      const access = await loadCohortAccess(db, session, cohortId);
      requireCohortManager(access);
      if (access.cohort.kind !== 'cohort') throw cohortErrors.templatesNotShared();
      requireActiveCohort(access);
      const code = generateJoinCode();
      const at = now();
      const invite = await db.transaction(async (trx) => {
        const row = await deps.joinCodes.insert(trx, { cohortId, codeHash: hashJoinCode(normaliseJoinCode(code)), createdBy: session.userId, expiresAt: new Date(at.getTime() + expiresInHours * 3600_000) });
        await recordCohortEvent(trx, { cohortId, actor: actorOf(session), action: 'network_invite_created', details: { inviteId: row.id, expiresAt: row.expiresAt.toISOString() } });
        return row;
      });
      return { ...presentInvite(invite, at), code };
    },

    async listInvites(session: SessionIdentity, cohortId: string) {
      requireCohortManager(await loadCohortAccess(db, session, cohortId));
      const at = now();
      return (await deps.joinCodes.listForCohort(cohortId)).map((j) => presentInvite(j, at));
    },

    /** Withdraws an unused invite. */
    async revokeInvite(session: SessionIdentity, cohortId: string, inviteId: string) {
      requireCohortManager(await loadCohortAccess(db, session, cohortId));
      if (!isUuid(inviteId)) throw cohortErrors.inviteNotFound();
      await db.transaction(async (trx) => {
        const revoked = await deps.joinCodes.revoke(trx, cohortId, inviteId, now());
        if (!revoked) throw (await deps.joinCodes.find(cohortId, inviteId, trx)) ? cohortErrors.inviteClosed() : cohortErrors.inviteNotFound();
        await recordCohortEvent(trx, { cohortId, actor: actorOf(session), action: 'network_invite_revoked', details: { inviteId } });
      });
    },

    /**
     * Links the caller's course to the cohort a code was made for. The code row is locked, checked and marked
     * used in one transaction, so two admins racing with one code cannot both join; any failure changes nothing.
     */
    async join(session: SessionIdentity, rawCode: string): Promise<string> {
      const code = normaliseJoinCode(rawCode);
      if (!looksLikeJoinCode(code)) throw cohortErrors.joinCodeNotFound();
      const at = now();
      return db.transaction(async (trx) => {
        const invite = await deps.joinCodes.findByHashForUpdate(trx, hashJoinCode(code));
        if (!invite) throw cohortErrors.joinCodeNotFound();
        if (invite.usedAt) throw cohortErrors.joinCodeUsed();
        if (invite.revokedAt) throw cohortErrors.joinCodeRevoked();
        if (invite.expiresAt <= at) throw cohortErrors.joinCodeExpired();
        const cohort = await deps.cohorts.findForUpdate(trx, invite.cohortId);
        if (!cohort || cohort.kind !== 'cohort') throw cohortErrors.joinCodeNotFound();
        if (cohort.status === 'archived') throw cohortErrors.archived();
        if (!(await deps.cohorts.addContext(trx, cohort.id, session.contextId))) throw cohortErrors.alreadyInCohort();
        if (!(await deps.joinCodes.markUsed(trx, invite.id, { contextId: session.contextId, userId: session.userId, at }))) throw cohortErrors.joinCodeUsed();
        await recordCohortEvent(trx, { cohortId: cohort.id, actor: actorOf(session), action: 'network_joined', details: { contextId: session.contextId, inviteId: invite.id } });
        return cohort.id;
      });
    },

    /**
     * Unlinks a course: the owner's admin may remove any joined course; a joined course's admin may remove
     * (leave with) their own. Facilitator rights of people no longer in any of the cohort's courses go too.
     */
    async removeContext(session: SessionIdentity, cohortId: string, contextId: string): Promise<void> {
      const access = await loadCohortAccess(db, session, cohortId);
      requireCohortRole(access, 'admin');
      if (!isUuid(contextId) || !access.contextIds.includes(contextId)) throw cohortErrors.contextNotInCohort();
      if (contextId === access.cohort.ownerContextId) throw cohortErrors.ownerCannotLeave();
      if (!access.isOwnerContext && contextId !== access.ownContextId) throw errors.forbidden('Only the admins of the course that holds this cohort can remove other schools’ courses.');
      await db.transaction(async (trx) => {
        if (!(await deps.cohorts.removeContext(trx, cohortId, contextId))) throw cohortErrors.contextNotInCohort();
        const dropped = await deps.members.removeFacilitatorsWithoutMembership(trx, cohortId);
        await recordCohortEvent(trx, {
          cohortId,
          actor: actorOf(session),
          action: contextId === access.ownContextId ? 'network_left' : 'network_context_removed',
          details: { contextId, facilitatorsRemoved: dropped.map((f) => ({ userId: f.userId, moduleId: f.moduleId })) },
        });
      });
    },
  };
}

/** The network cohort service. */
export type NetworkService = ReturnType<typeof createNetworkService>;
