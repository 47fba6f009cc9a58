import type { Knex } from 'knex';
import { loadCohortAccess, requireActiveCohort, type CohortAccess } from '../cohorts/cohortAccess';
import { isUuid } from '../cohorts/validate';
import type { SessionIdentity } from '../lti/session';
import { cohortCompetenciesStore, type CohortFramework, type CohortNode } from './cohortCompetencies.store';
import { competencyErrors, raise } from './competencies.errors';
import type { Evidence } from './competency.types';
import type { EvidenceStore, ReviewRequest } from './evidence.store';
import { peopleStore } from './people.store';

/** Evidence as the API shows it. */
export const presentEvidence = (e: Evidence) => ({
  id: e.id,
  competencyId: e.competencyId,
  sourceKind: e.sourceKind,
  sourceId: e.sourceId,
  title: e.title,
  text: e.text,
  url: e.url,
  attachmentId: e.attachmentId,
  createdAt: e.createdAt.toISOString(),
  reviewedAt: e.reviewedAt?.toISOString() ?? null,
});

/** A review request as the API shows it. */
export const presentRequest = (r: ReviewRequest) => ({ id: r.id, competencyId: r.competencyId, note: r.note, status: r.status, requestedAt: r.requestedAt.toISOString(), resolvedAt: r.resolvedAt?.toISOString() ?? null });

/** The cohort's framework, or 422 when it has none. */
export async function requireFramework(db: Knex, cohortId: string): Promise<CohortFramework> {
  return (await cohortCompetenciesStore.cohortFramework(db, cohortId)) ?? raise(competencyErrors.noFramework());
}

/** The cohort's competency with this id: 404 for a malformed id, 422 when the cohort does not work on it. */
export function cohortNode(f: CohortFramework, competencyId: string): CohortNode {
  if (!isUuid(competencyId)) throw competencyErrors.competencyNotFound();
  return f.nodes.find((n) => n.id === competencyId) ?? raise(competencyErrors.notInCohort());
}

/** A person attaching their own evidence and asking for a review. */
export function createEvidenceService(deps: { db: Knex; store: EvidenceStore }) {
  const { db, store } = deps;

  async function ownWork(s: SessionIdentity, cohortId: string, competencyId: string, trx: Knex): Promise<{ access: CohortAccess; node: CohortNode }> {
    const access = await loadCohortAccess(trx, s, cohortId);
    requireActiveCohort(access);
    if (access.cohort.kind === 'template') throw competencyErrors.notMember();
    if (!(await peopleStore.member(trx, s.contextId, s.userId))) throw competencyErrors.notMember();
    const node = cohortNode(await requireFramework(trx, cohortId), competencyId);
    return { access, node };
  }

  return {
    /** Attaches the caller's own evidence (text, link or attachment id) to a competency of the cohort. */
    addOwn: (s: SessionIdentity, cohortId: string, competencyId: string, b: { title: string; text: string; url: string | null; attachmentId: string | null }) =>
      db.transaction(async (trx) => {
        await ownWork(s, cohortId, competencyId, trx);
        const id = await store.upsert(trx, { cohortId, userId: s.userId, competencyId, sourceKind: 'own', sourceId: null, ...b });
        const [row] = (await store.forPerson(trx, cohortId, s.userId, competencyId)).filter((e) => e.id === id);
        return presentEvidence(row!);
      }),

    /** Asks the cohort's leads to rate a competency; 409 while one request is pending. */
    requestReview: (s: SessionIdentity, cohortId: string, competencyId: string, note: string) =>
      db.transaction(async (trx) => {
        await ownWork(s, cohortId, competencyId, trx);
        const request = await store.openRequest(trx, { cohortId, userId: s.userId, competencyId, note });
        if (!request) throw competencyErrors.reviewPending();
        return presentRequest(request);
      }),
  };
}

/** The evidence service. */
export type EvidenceService = ReturnType<typeof createEvidenceService>;
