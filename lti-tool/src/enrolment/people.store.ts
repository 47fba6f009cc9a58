import type { Knex } from 'knex';
import type { SessionIdentity } from '../lti/session';

/** The course a session works in, with what enrolment needs to address it in the LMS. */
export interface SessionContext {
  contextId: string;
  platformId: string;
  deploymentId: string;
  userId: string;
  ltiContextId: string;
  /** From a launch's custom parameter (`lms_course_id` / `canvas_course_id`), when one was sent. */
  lmsCourseId: string | null;
}

/** Someone Staffroom already knows in this deployment, as the "pick people" list shows them. */
export interface KnownPerson {
  userId: string;
  name: string | null;
  email: string | null;
  school: string | null;
  /** Their Staffroom role in the session's course, or null when they are not a member of it. */
  roleHere: 'admin' | 'lead' | 'participant' | null;
}

interface KnownRow {
  user_id: string;
  name: string | null;
  email: string | null;
  school_here: string | null;
  school_elsewhere: string | null;
  role_here: KnownPerson['roleHere'];
}

const toKnown = (r: KnownRow): KnownPerson => ({
  userId: r.user_id,
  name: r.name,
  email: r.email,
  school: r.school_here ?? r.school_elsewhere,
  roleHere: r.role_here,
});

/** Sessions, contexts, people and memberships as enrolment reads and writes them. */
export function createPeopleStore(db: Knex) {
  /** People with a membership in any course of the deployment (the tenant), with their role and school here. */
  function knownQuery(trx: Knex, ctx: SessionContext) {
    return trx('users as u')
      .where('u.platform_id', ctx.platformId)
      .whereExists(
        trx('memberships as m').join('contexts as c', 'c.id', 'm.context_id').where('c.deployment_id', ctx.deploymentId).whereRaw('m.user_id = u.id'),
      )
      .leftJoin('memberships as here', (j) => j.on('here.user_id', 'u.id').andOnVal('here.context_id', ctx.contextId))
      .select(
        'u.id as user_id', 'u.name', 'u.email', 'here.school as school_here', 'here.role as role_here',
        trx('memberships as o')
          .join('contexts as oc', 'oc.id', 'o.context_id')
          .where('oc.deployment_id', ctx.deploymentId)
          .whereRaw('o.user_id = u.id')
          .whereNotNull('o.school')
          .orderBy('o.updated_at', 'desc')
          .limit(1)
          .select('o.school')
          .as('school_elsewhere'),
      );
  }

  return {
    /** The session's course, only if the session row exists, is unexpired and matches the token's tenant. */
    async sessionContext(s: SessionIdentity, now: Date = new Date()): Promise<SessionContext | null> {
      const row = await db('sessions as s')
        .join('contexts as c', 'c.id', 's.context_id')
        .join('deployments as d', 'd.id', 'c.deployment_id')
        .where({ 's.id': s.sessionId, 's.user_id': s.userId, 's.context_id': s.contextId, 'd.id': s.deploymentId, 'd.platform_id': s.platformId })
        .where('s.expires_at', '>', now)
        .first('c.id', 'c.lti_context_id', 'c.lms_course_id', 'd.platform_id', 'd.id as deployment_id');
      if (!row) return null;
      return { contextId: row.id, platformId: row.platform_id, deploymentId: row.deployment_id, userId: s.userId, ltiContextId: row.lti_context_id, lmsCourseId: row.lms_course_id };
    },

    async knownPeople(ctx: SessionContext, userIds: string[]): Promise<KnownPerson[]> {
      const rows: KnownRow[] = await knownQuery(db, ctx).whereIn('u.id', userIds);
      return rows.map(toKnown);
    },

    /** A page of known people, by name then id; `search` matches name or email. */
    async listKnownPeople(ctx: SessionContext, o: { search: string | null; limit: number; after: { name: string; id: string } | null }): Promise<KnownPerson[]> {
      const q = knownQuery(db, ctx).orderByRaw("coalesce(u.name, '') asc, u.id asc").limit(o.limit);
      if (o.search) {
        const like = `%${o.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q.where((w) => w.whereRaw('lower(u.name) like ?', [like]).orWhereRaw('lower(u.email) like ?', [like]));
      }
      if (o.after) q.whereRaw("(coalesce(u.name, ''), u.id) > (?, ?)", [o.after.name, o.after.id]);
      const rows: KnownRow[] = await q;
      return rows.map(toKnown);
    },

    async setLmsCourseId(contextId: string, lmsCourseId: string, trx: Knex): Promise<void> {
      await trx('contexts').where({ id: contextId }).whereRaw('lms_course_id is distinct from ?', [lmsCourseId]).update({ lms_course_id: lmsCourseId });
    },

    /** Records the school of members of the course with this email (people not yet members get it when they launch). */
    async setSchool(ctx: { contextId: string; platformId: string }, email: string, school: string, trx: Knex = db): Promise<void> {
      await trx('memberships as m')
        .where('m.context_id', ctx.contextId)
        .whereIn('m.user_id', trx('users').where('platform_id', ctx.platformId).whereRaw('lower(email) = ?', [email]).select('id'))
        .whereRaw('m.school is distinct from ?', [school])
        .update({ school });
    },

    /** On launch: a member without a school takes the one of their latest successful enrolment into this course. */
    async applyEnrolledSchool(contextId: string, userId: string, email: string, trx: Knex): Promise<void> {
      const latest = await trx('enrolment_run_items as i')
        .join('enrolment_runs as r', 'r.id', 'i.run_id')
        .where('r.context_id', contextId)
        .whereRaw('lower(i.email) = ?', [email.toLowerCase()])
        .whereIn('i.outcome', ['enrolled', 'already_enrolled', 'created_and_enrolled'])
        .whereNotNull('i.school')
        .orderBy('i.processed_at', 'desc')
        .first('i.school');
      if (!latest) return;
      await trx('memberships').where({ context_id: contextId, user_id: userId }).whereNull('school').update({ school: latest.school });
    },
  };
}

/** Data access for enrolment's view of people and courses. */
export type PeopleStore = ReturnType<typeof createPeopleStore>;
