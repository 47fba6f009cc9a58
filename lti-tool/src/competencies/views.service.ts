import type { Knex } from 'knex';
import { cohortNotFound, loadCohortAccess, requireCohortRole } from '../cohorts/cohortAccess';
import { isUuid } from '../cohorts/validate';
import type { SessionIdentity } from '../lti/session';
import { competencyErrors } from './competencies.errors';
import { criterionEvidence } from './criterionEvidence.store';
import { decodeCursor, encodeCursor } from './cursor';
import { presentEvidence, presentRequest, requireFramework } from './evidence.service';
import type { EvidenceStore } from './evidence.store';
import { levelRollUp } from './levelRollUp';
import { peopleStore } from './people.store';
import { queuePage } from './queue.store';
import { presentMastery, presentRating, type RatingsService } from './ratings.service';
import type { RatingsStore } from './ratings.store';

/** The value of a settled read, or its error thrown. */
const valueOf = <T>(r: PromiseSettledResult<T>): T => {
  if (r.status === 'rejected') throw r.reason;
  return r.value;
};

/** Read views: the grading queue, a person's competency profile and the cohort heatmap. */
export function createCompetencyViews(deps: { db: Knex; ratings: RatingsStore; evidence: EvidenceStore; ratingsService: RatingsService }) {
  const { db } = deps;

  /** Who the profile is of: the caller ('me' or their own id), or a member of the caller's course when they lead. */
  async function subject(s: SessionIdentity, cohortId: string, userId: string) {
    const access = await loadCohortAccess(db, s, cohortId);
    const id = userId === 'me' ? s.userId : userId;
    if (!isUuid(id)) throw competencyErrors.personNotFound();
    if (id !== s.userId && access.role === 'participant') throw competencyErrors.personNotFound();
    const person = await peopleStore.member(db, access.ownContextId, id);
    if (!person) throw competencyErrors.personNotFound();
    return { access, person };
  }

  return {
    /** Pending review requests and unreviewed evidence of the caller's course's members, oldest first. */
    async queue(s: SessionIdentity, cohortId: string, q: { competencyId?: string; school?: string; limit: number; cursor?: string }) {
      const access = await loadCohortAccess(db, s, cohortId);
      requireCohortRole(access, 'admin', 'lead');
      const after = decodeCursor(q.cursor, ['at', 'id'] as const);
      const rows = await queuePage(db, { cohortId, contextId: access.ownContextId, excludeUserId: s.userId, competencyId: q.competencyId, school: q.school, limit: q.limit + 1, after });
      const items = rows.slice(0, q.limit);
      const last = items[items.length - 1];
      return {
        items: items.map((r) => ({
          kind: r.kind,
          id: r.id,
          at: r.at.toISOString(),
          person: { userId: r.userId, name: r.name, school: r.school },
          competency: { id: r.competencyId, identifier: r.competencyIdentifier, title: r.competencyTitle },
          title: r.title,
        })),
        nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.atKey, id: last.id }) : null,
      };
    },

    /**
     * A person's competency profile: for each competency of the cohort, the current level, what the next level
     * looks like, the ratings (oldest first) and the evidence. `competencyId` narrows it to one competency.
     */
    async profile(s: SessionIdentity, cohortId: string, userId: string, competencyId?: string) {
      const { access, person } = await subject(s, cohortId, userId);
      const f = await requireFramework(db, cohortId);
      if (competencyId !== undefined && !f.nodes.some((n) => n.id === competencyId)) throw isUuid(competencyId) ? competencyErrors.notInCohort() : competencyErrors.competencyNotFound();
      const [tree, ratings, evidence, requests] = await Promise.all([
        deps.ratingsService.personTree(db, f, cohortId, person.userId),
        deps.ratings.forPerson(db, cohortId, person.userId, competencyId),
        deps.evidence.forPerson(db, cohortId, person.userId, competencyId),
        deps.evidence.requests(db, cohortId, person.userId),
      ]);
      // Leads looking at someone else see reviewer names (every anonymity setting shows them to leads); a person
      // looking at their own evidence, lead or not, sees them only where the audition names reviewers.
      const leadView = access.role !== 'participant' && person.userId !== s.userId;
      const viaCriteria = await criterionEvidence(db, cohortId, evidence, (anonymity) => leadView || anonymity === 'named');
      const byPoints = [...f.scale].sort((a, b) => a.points - b.points);
      return {
        person: { userId: person.userId, name: person.name, school: person.school },
        scale: f.scale,
        masteryMethod: f.settings.masteryMethod,
        competencies: f.nodes
          .filter((n) => competencyId === undefined || n.id === competencyId)
          .map((n) => {
            const m = tree.get(n.id) ?? null;
            const next = m ? byPoints.find((l) => l.points > m.points) : byPoints[0];
            return {
              id: n.id,
              parentId: n.parentId,
              kind: n.kind,
              identifier: n.identifier,
              title: n.title,
              ratable: n.ratable,
              mastery: presentMastery(m, f.scale),
              nextLevel: next ? { label: next.label, points: next.points, description: n.levelDescriptions[next.label] || next.description } : null,
              ratings: ratings.filter((r) => r.competencyId === n.id).map(presentRating),
              evidence: evidence.filter((e) => e.competencyId === n.id).map((e) => ({ ...presentEvidence(e), criteria: viaCriteria.get(e.id) ?? [] })),
              pendingReview: requests.some((r) => r.competencyId === n.id && r.status === 'pending'),
            };
          }),
        reviewRequests: requests.filter((r) => competencyId === undefined || r.competencyId === competencyId).map(presentRequest),
      };
    },

    /** People × competencies with each cell's mastery level position (null: not rated), for leads and admins. */
    async heatmap(s: SessionIdentity, cohortId: string, q: { school?: string; limit: number; cursor?: string }) {
      if (!isUuid(cohortId)) throw cohortNotFound();
      const after = decodeCursor(q.cursor, ['key', 'id'] as const);
      // The three reads are independent (the caller's course is the session's), so they run at once; nothing
      // is used, and no other error is shown, before the access check has passed.
      const [access, framework, page] = await Promise.allSettled([
        loadCohortAccess(db, s, cohortId),
        requireFramework(db, cohortId),
        peopleStore.pageWithMasteryRows(db, cohortId, s.contextId, { school: q.school, limit: q.limit + 1, after }),
      ]);
      requireCohortRole(valueOf(access), 'admin', 'lead');
      const f = valueOf(framework);
      const rows = valueOf(page);
      const people = rows.slice(0, q.limit);
      const last = people[people.length - 1];
      const levels = levelRollUp(f.nodes, f.settings.rollupRule, f.scale);
      return {
        scale: f.scale,
        competencies: f.nodes.map((n) => ({ id: n.id, parentId: n.parentId, kind: n.kind, identifier: n.identifier, title: n.title })),
        people: people.map((p) => ({ userId: p.userId, name: p.name, school: p.school, levels: levels(p.cells) })),
        nextCursor: rows.length > q.limit && last ? encodeCursor({ key: last.key, id: last.userId }) : null,
      };
    },
  };
}

/** The competency read views. */
export type CompetencyViews = ReturnType<typeof createCompetencyViews>;
