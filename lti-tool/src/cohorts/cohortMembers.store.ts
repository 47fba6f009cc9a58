import type { Knex } from 'knex';
import type { StaffroomRole } from '../lti/roles';

/** A member of a cohort as their own school's admins and leads see them. */
export interface MemberRow {
  userId: string;
  contextId: string;
  name: string | null;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  role: StaffroomRole;
  /** The school from the staff list they were enrolled with (null when unknown). */
  school: string | null;
  status: string;
  lastLaunchAt: Date | null;
  facilitatorModuleIds: string[];
  /** Sort key, for the next page's cursor. */
  sortName: string;
}

/** Where a page of members starts: after this (sort name, user id). */
export interface MemberCursor {
  sortName: string;
  userId: string;
}

/** A facilitator assignment. */
export interface FacilitatorRow {
  cohortId: string;
  moduleId: string;
  userId: string;
  assignedBy: string | null;
  assignedAt: Date;
}

const SORT_NAME = "coalesce(lower(u.name), '')";

/** Data access for a cohort's members (memberships of its courses) and its module facilitators. */
export function createCohortMemberStore(db: Knex) {
  return {
    /** One page of members enrolled through `contextIds`, by name then id; `limit + 1` rows tell whether more follow. */
    async page(q: { cohortId: string; contextIds: string[]; includeInactive: boolean; limit: number; after: MemberCursor | null }): Promise<MemberRow[]> {
      const rows = await db('memberships as m')
        .join('users as u', 'u.id', 'm.user_id')
        .whereIn('m.context_id', q.contextIds)
        .modify((b) => {
          if (!q.includeInactive) b.where('m.status', 'active');
          if (q.after) b.whereRaw(`(${SORT_NAME}, u.id) > (?, ?::uuid)`, [q.after.sortName, q.after.userId]);
        })
        .orderByRaw(`${SORT_NAME}, u.id, m.context_id`)
        .limit(q.limit + 1)
        .select(
          'u.id as user_id', 'm.context_id', 'u.name', 'u.given_name', 'u.family_name', 'u.email',
          'm.role', 'm.school', 'm.status', 'm.last_launch_at', db.raw(`${SORT_NAME} as sort_name`),
          db.raw('array(select f.module_id::text from cohort_facilitators f where f.cohort_id = ? and f.user_id = u.id order by f.module_id) as facilitator_module_ids', [q.cohortId]),
        );
      return rows.map((r: Record<string, any>) => ({ // eslint-disable-line @typescript-eslint/no-explicit-any
        userId: r.user_id,
        contextId: r.context_id,
        name: r.name,
        givenName: r.given_name,
        familyName: r.family_name,
        email: r.email,
        role: r.role,
        school: r.school ?? null,
        status: r.status,
        lastLaunchAt: r.last_launch_at ? new Date(r.last_launch_at) : null,
        facilitatorModuleIds: Array.isArray(r.facilitator_module_ids) ? r.facilitator_module_ids.map(String) : [],
        sortName: r.sort_name,
      }));
    },
    /** The person's membership status in that course ('active', 'inactive'…), or null when they were never in it. */
    async membershipStatus(trx: Knex, userId: string, contextId: string): Promise<string | null> {
      const row = await trx('memberships').where({ user_id: userId, context_id: contextId }).first('status');
      return (row?.status as string | undefined) ?? null;
    },
    /** Assigns a facilitator; `created` is false when the assignment already existed (left unchanged). */
    async assignFacilitator(trx: Knex.Transaction, a: { cohortId: string; moduleId: string; userId: string; assignedBy: string }): Promise<{ created: boolean; row: FacilitatorRow }> {
      const inserted = await trx('cohort_facilitators')
        .insert({ cohort_id: a.cohortId, module_id: a.moduleId, user_id: a.userId, assigned_by: a.assignedBy })
        .onConflict(['cohort_id', 'user_id', 'module_id'])
        .ignore()
        .returning('user_id');
      const row = await trx('cohort_facilitators').where({ cohort_id: a.cohortId, module_id: a.moduleId, user_id: a.userId }).first();
      return { created: inserted.length > 0, row: toFacilitator(row) };
    },
    async unassignFacilitator(trx: Knex.Transaction, a: { cohortId: string; moduleId: string; userId: string }): Promise<boolean> {
      const removed = await trx('cohort_facilitators').where({ cohort_id: a.cohortId, module_id: a.moduleId, user_id: a.userId }).delete().returning('user_id');
      return removed.length > 0;
    },
    /** Drops facilitator rights of people who are no longer active members of any of the cohort's courses. */
    async removeFacilitatorsWithoutMembership(trx: Knex.Transaction, cohortId: string): Promise<FacilitatorRow[]> {
      const rows = await trx('cohort_facilitators as f')
        .where('f.cohort_id', cohortId)
        .whereNotExists((sub) =>
          sub
            .select(trx.raw('1'))
            .from('memberships as m')
            .join('cohort_contexts as cc', 'cc.context_id', 'm.context_id')
            .whereRaw('cc.cohort_id = f.cohort_id and m.user_id = f.user_id')
            .andWhere('m.status', 'active'),
        )
        .delete()
        .returning(['cohort_id', 'module_id', 'user_id', 'assigned_by', 'assigned_at']);
      return rows.map(toFacilitator);
    },
  };
}

function toFacilitator(r: Record<string, unknown>): FacilitatorRow {
  return {
    cohortId: r.cohort_id as string,
    moduleId: r.module_id as string,
    userId: r.user_id as string,
    assignedBy: (r.assigned_by as string | null) ?? null,
    assignedAt: new Date(r.assigned_at as string | Date),
  };
}

/** Data access for cohort members and facilitators. */
export type CohortMemberStore = ReturnType<typeof createCohortMemberStore>;
