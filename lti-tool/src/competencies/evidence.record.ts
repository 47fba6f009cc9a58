import type { Knex } from 'knex';
import { cohortCompetenciesStore } from './cohortCompetencies.store';
import type { EvidenceSource } from './competency.types';
import { evidenceStore } from './evidence.store';

/** Evidence another feature's work gives, as it hands it over. */
export interface AutomaticEvidence {
  cohortId: string;
  userId: string;
  sourceKind: Exclude<EvidenceSource, 'own'>;
  /** The source's own id (an audition version id, a step response id): recording it again refreshes it. */
  sourceId: string;
  title: string;
  text?: string;
  url?: string | null;
  /** The work the evidence comes from: every cohort competency linked to it receives the evidence… */
  target?: { kind: 'module_step' | 'audition_criterion'; id: string };
  /** …and/or these competencies (ignored unless the cohort works on them). */
  competencyIds?: string[];
}

/**
 * Records automatic evidence, for other features (auditions, module responses) to call inside their own
 * transaction: one row per competency the work is linked to in the cohort. Idempotent per source, so it
 * can be called on every save. Returns the evidence ids (none when nothing is linked).
 */
export async function recordEvidence(trx: Knex, e: AutomaticEvidence): Promise<string[]> {
  const competencyIds = new Set<string>();
  if (e.target) for (const c of await cohortCompetenciesStore.competenciesForTarget(trx, e.cohortId, e.target.kind, e.target.id)) competencyIds.add(c.id);
  if (e.competencyIds?.length) {
    const inCohort = await trx('cohort_competencies').where({ cohort_id: e.cohortId }).whereIn('competency_id', e.competencyIds).pluck('competency_id');
    for (const id of inCohort) competencyIds.add(id);
  }
  const ids: string[] = [];
  for (const competencyId of competencyIds) {
    ids.push(
      await evidenceStore.upsert(trx, {
        cohortId: e.cohortId,
        userId: e.userId,
        competencyId,
        sourceKind: e.sourceKind,
        sourceId: e.sourceId,
        title: e.title.slice(0, 300),
        text: (e.text ?? '').slice(0, 20000),
        url: e.url ?? null,
        attachmentId: null,
      }),
    );
  }
  return ids;
}
