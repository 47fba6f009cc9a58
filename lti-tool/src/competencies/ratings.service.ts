import type { Knex } from 'knex';
import { loadCohortAccess, requireActiveCohort, requireCohortRole } from '../cohorts/cohortAccess';
import { isUuid } from '../cohorts/validate';
import { errors } from '../http/errors';
import type { SessionIdentity } from '../lti/session';
import type { ScoreQueue } from '../modules/gradebook';
import type { CohortFramework } from './cohortCompetencies.store';
import { competencyErrors, raise } from './competencies.errors';
import type { Mastery, Rating, ScaleLevel } from './competency.types';
import { cohortNode, requireFramework } from './evidence.service';
import type { EvidenceStore } from './evidence.store';
import { masteryOf, treeMastery } from './mastery';
import { peopleStore } from './people.store';
import { issueCertificateIfEarned, reportMastery } from './ratingOutcomes';
import type { RatingsStore } from './ratings.store';

/** Mastery as the API shows it. */
export const presentMastery = (m: Mastery | null | undefined, scale: readonly ScaleLevel[]) =>
  m ? { level: scale.find((l) => l.position === m.levelPosition)?.label ?? null, levelPosition: m.levelPosition, points: m.points, proficient: m.proficient } : null;

/** A rating as the API shows it. */
export const presentRating = (r: Rating & { raterName?: string | null }) => ({
  id: r.id,
  competencyId: r.competencyId,
  level: r.levelLabel,
  levelPosition: r.levelPosition,
  points: r.points,
  comment: r.comment,
  evidenceIds: r.evidenceIds,
  ratedBy: r.ratedBy ? { userId: r.ratedBy, name: r.raterName ?? null } : null,
  ratedAt: r.ratedAt.toISOString(),
});

const methodOf = (f: CohortFramework) => ({ method: f.settings.masteryMethod, n: f.settings.methodN, weight: f.settings.methodWeight });

/**
 * Lead teachers' and admins' ratings. A rating is appended (never changed), settles the pair's evidence and
 * review request, recomputes the person's mastery, posts it to the LMS gradebook for competencies the cohort
 * reports, and issues the cohort's certificate when the person is now proficient in all of its credential.
 */
export function createRatingsService(deps: { db: Knex; ratings: RatingsStore; evidence: EvidenceStore; scores: ScoreQueue | null }) {
  const { db, ratings } = deps;

  /** The person's mastery of every cohort competency (parents rolled up). */
  async function personTree(conn: Knex, f: CohortFramework, cohortId: string, userId: string) {
    const cells = await ratings.masteryOf(conn, cohortId, [userId]);
    return treeMastery(f.nodes, new Map(cells.map((c) => [c.competencyId, c.mastery])), f.settings.rollupRule, f.scale);
  }

  return {
    personTree,

    rate: (s: SessionIdentity, cohortId: string, userId: string, competencyId: string, b: { level: string; comment: string; evidenceIds: string[] }) =>
      db.transaction(async (trx) => {
        const access = await loadCohortAccess(trx, s, cohortId);
        requireCohortRole(access, 'admin', 'lead');
        if (!isUuid(userId)) throw competencyErrors.personNotFound();
        if (userId === s.userId) throw competencyErrors.cannotRateSelf();
        requireActiveCohort(access);
        if (!(await peopleStore.member(trx, access.ownContextId, userId))) throw competencyErrors.personNotFound();
        const f = await requireFramework(trx, cohortId);
        const node = cohortNode(f, competencyId);
        if (!node.ratable) throw competencyErrors.notRatable();
        const level = f.scale.find((l) => l.label.toLowerCase() === b.level.toLowerCase()) ?? raise(competencyErrors.unknownLevel(b.level));
        const evidenceIds = [...new Set(b.evidenceIds)];
        if ((await deps.evidence.countOwned(trx, cohortId, userId, competencyId, evidenceIds)) !== evidenceIds.length) {
          throw errors.unprocessable('unknown_evidence', 'Some of that evidence is not this person’s evidence for this competency.', { fields: [{ field: 'evidenceIds', message: 'not evidence of this person and competency' }] });
        }
        // One rating at a time per person and cohort, so mastery and roll-ups are computed from every rating.
        await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`staffroom:competency:${cohortId}:${userId}`]);
        const before = await personTree(trx, f, cohortId, userId);
        const rating = await ratings.insert(trx, { cohortId, userId, competencyId, levelPosition: level.position, levelLabel: level.label, points: level.points, comment: b.comment, evidenceIds, ratedBy: s.userId });
        await deps.evidence.settleByRating(trx, { cohortId, userId, competencyId, ratingId: rating.id, at: rating.ratedAt });
        const history = await ratings.forPerson(trx, cohortId, userId, competencyId);
        const mastery = masteryOf(history, methodOf(f), f.scale)!;
        await ratings.saveMastery(trx, cohortId, [{ userId, competencyId, mastery, count: history.length, lastRatedAt: history[history.length - 1]!.ratedAt }]);
        const after = await personTree(trx, f, cohortId, userId);

        const change = { cohortId, userId, contextId: access.ownContextId, node, comment: b.comment, at: rating.ratedAt, before, after };
        await reportMastery(trx, deps.scores, f, change);
        const certificateIssued = await issueCertificateIfEarned(trx, f, change, access.cohort.title);
        return { rating: presentRating({ ...rating, raterName: null }), mastery: presentMastery(mastery, f.scale), certificateIssued };
      }),

    /** Recomputes every mastery cell of a cohort (after its method changed), in the caller's transaction. */
    async recomputeCohort(trx: Knex.Transaction, f: CohortFramework): Promise<void> {
      const groups = new Map<string, Array<{ userId: string; competencyId: string; points: number; ratedAt: Date; seq: number }>>();
      for (const r of await ratings.pointsOfCohort(trx, f.settings.cohortId)) {
        const key = `${r.userId}:${r.competencyId}`;
        groups.set(key, [...(groups.get(key) ?? []), r]);
      }
      const cells = [...groups.values()].map((list) => {
        const last = list.reduce((a, b) => (b.ratedAt > a.ratedAt || (+b.ratedAt === +a.ratedAt && b.seq > a.seq) ? b : a));
        return { userId: last.userId, competencyId: last.competencyId, mastery: masteryOf(list, methodOf(f), f.scale)!, count: list.length, lastRatedAt: last.ratedAt };
      });
      await ratings.saveMastery(trx, f.settings.cohortId, cells);
    },
  };
}

/** The ratings service. */
export type RatingsService = ReturnType<typeof createRatingsService>;
