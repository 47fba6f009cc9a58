import type { Knex } from 'knex';
import { loadCohortAccess, requireActiveCohort, requireCohortManager } from '../cohorts/cohortAccess';
import { isUuid } from '../cohorts/validate';
import { errors } from '../http/errors';
import type { SessionIdentity } from '../lti/session';
import type { CohortCompetenciesStore, CohortFramework, CompetencyLink } from './cohortCompetencies.store';
import { competencyErrors } from './competencies.errors';
import type { CohortCompetency, MasteryMethod, RollupRule } from './competency.types';
import { cohortNode, requireFramework } from './evidence.service';
import type { FrameworksStore } from './frameworks.store';
import type { RatingsService } from './ratings.service';

/** A cohort's framework as the API shows it. */
export const presentCohortFramework = (f: CohortFramework | null) =>
  f
    ? {
        framework: { id: f.settings.frameworkId, title: f.frameworkTitle },
        masteryMethod: f.settings.masteryMethod,
        methodN: f.settings.methodN,
        methodWeight: f.settings.methodWeight,
        rollupRule: f.settings.rollupRule,
        credentialTitle: f.settings.credentialTitle,
        scale: f.scale,
        competencies: f.nodes.map((n) => ({
          id: n.id,
          parentId: n.parentId,
          kind: n.kind,
          identifier: n.identifier,
          title: n.title,
          description: n.description,
          levelDescriptions: n.levelDescriptions,
          ratable: n.ratable,
          reportsToGradebook: n.reportsToGradebook,
          inCredential: n.inCredential,
        })),
      }
    : { framework: null };

const presentLink = (l: CompetencyLink) => ({ id: l.id, competencyId: l.competencyId, targetKind: l.targetKind, targetId: l.targetId, createdAt: l.createdAt.toISOString() });

/** Which framework a cohort uses, how it computes mastery, and which work gives evidence for which competency. */
export function createCohortCompetencyService(deps: { db: Knex; store: CohortCompetenciesStore; frameworks: FrameworksStore; ratings: RatingsService }) {
  const { db, store } = deps;

  async function manage(trx: Knex, s: SessionIdentity, cohortId: string) {
    const access = await loadCohortAccess(trx, s, cohortId);
    requireCohortManager(access);
    requireActiveCohort(access);
    return access;
  }

  return {
    /** The cohort's framework, settings and competencies (anyone in the cohort). */
    async get(s: SessionIdentity, cohortId: string) {
      await loadCohortAccess(db, s, cohortId);
      return presentCohortFramework(await store.cohortFramework(db, cohortId));
    },

    /** Links a framework to the cohort (or changes its settings and competency list); admins of the owning course. */
    set: (
      s: SessionIdentity,
      cohortId: string,
      b: { frameworkId: string; masteryMethod: MasteryMethod; methodN: number; methodWeight: number; rollupRule: RollupRule; credentialTitle: string | null; competencies?: CohortCompetency[] },
    ) =>
      db.transaction(async (trx) => {
        await manage(trx, s, cohortId);
        if (!(await deps.frameworks.findVisible(trx, b.frameworkId, s.contextId))) throw errors.unprocessable('framework_not_found', 'That framework was not found in your course.', { fields: [{ field: 'frameworkId', message: 'not found' }] });
        const current = await store.settings(trx, cohortId);
        if (current && current.frameworkId !== b.frameworkId && (await store.hasRatings(trx, cohortId))) throw competencyErrors.cohortHasRatings();
        const ids = new Set(await store.frameworkCompetencyIds(trx, b.frameworkId));
        const list = b.competencies ?? [...ids].map((competencyId) => ({ competencyId, reportsToGradebook: false, inCredential: false }));
        const unknown = list.map((c, i) => ({ c, i })).filter(({ c }) => !ids.has(c.competencyId));
        if (unknown.length) throw errors.unprocessable('competency_not_in_framework', 'Some competencies are not part of that framework.', { fields: unknown.map(({ i }) => ({ field: `competencies.${i}.competencyId`, message: 'not in the framework' })) });
        await store.upsertSettings(trx, { cohortId, ...b }, s.userId);
        await store.replaceCompetencies(trx, cohortId, list);
        const f = (await store.cohortFramework(trx, cohortId))!;
        await deps.ratings.recomputeCohort(trx, f);
        return presentCohortFramework(f);
      }),

    /** Links a competency of the cohort to a module step of the cohort or an audition rubric criterion. */
    link: (s: SessionIdentity, cohortId: string, competencyId: string, b: { targetKind: 'module_step' | 'audition_criterion'; targetId: string }) =>
      db.transaction(async (trx) => {
        await manage(trx, s, cohortId);
        cohortNode(await requireFramework(trx, cohortId), competencyId);
        if (b.targetKind === 'module_step' && !(isUuid(b.targetId) && (await store.stepInCohort(trx, cohortId, b.targetId)))) throw competencyErrors.stepNotInCohort();
        await store.addLink(trx, { competencyId, ...b, createdBy: s.userId });
        return { links: (await store.links(trx, competencyId)).map(presentLink) };
      }),

    async links(s: SessionIdentity, cohortId: string, competencyId: string) {
      await loadCohortAccess(db, s, cohortId);
      cohortNode(await requireFramework(db, cohortId), competencyId);
      return { links: (await store.links(db, competencyId)).map(presentLink) };
    },

    unlink: (s: SessionIdentity, cohortId: string, competencyId: string, linkId: string) =>
      db.transaction(async (trx) => {
        await manage(trx, s, cohortId);
        cohortNode(await requireFramework(trx, cohortId), competencyId);
        if (!isUuid(linkId) || (await store.removeLink(trx, competencyId, linkId)) === 0) throw errors.notFound('That link');
      }),
  };
}

/** The cohort competency service. */
export type CohortCompetencyService = ReturnType<typeof createCohortCompetencyService>;
