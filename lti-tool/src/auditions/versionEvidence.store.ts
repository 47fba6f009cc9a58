import type { Knex } from 'knex';

/** A submitted audition version as competency evidence for its author. */
export interface VersionEvidence {
  cohortId: string;
  auditionId: string;
  submissionId: string;
  versionId: string;
  authorId: string;
  /** The audition's own linked competencies (ids as set up; those the cohort does not work on are skipped). */
  competencyIds: string[];
  /** The competencies its rubric criteria name: `criterionCompetencyIds(audition.protocol)`. */
  criterionCompetencyIds: string[];
  title: string;
  text: string;
}

/**
 * Records one `audition_version` evidence row per linked competency the cohort works on (the audition's own plus
 * those its rubric criteria name), for the author, in one INSERT … SELECT inside the submit transaction (the same
 * rows `recordEvidence` in competencies would write, without a round trip per competency); no statement at all for
 * an audition linked to nothing. The source id is the version's id; the url opens the lead's history of the
 * submission, where every version and its peer reviews are shown as each viewer may see them. Evidence names no
 * reviewer: reviews are reached only through that page, which applies the audition's anonymity. Idempotent per
 * version. Returns how many rows were written.
 */
export async function recordVersionEvidence(trx: Knex, e: VersionEvidence): Promise<number> {
  const competencyIds = [...new Set([...e.competencyIds, ...e.criterionCompetencyIds])];
  if (competencyIds.length === 0) return 0;
  const result = await trx.raw(
    `insert into competency_evidence (id, cohort_id, user_id, competency_id, source_kind, source_id, title, text, url)
     select gen_random_uuid(), cc.cohort_id, :authorId, cc.competency_id, 'audition_version', :versionId, :title, :body, :url
       from cohort_competencies cc
      where cc.cohort_id = :cohortId
        and cc.competency_id::text in (select jsonb_array_elements_text(:competencyIds::jsonb))
     on conflict (cohort_id, user_id, competency_id, source_kind, source_id) where source_id is not null do nothing`,
    {
      authorId: e.authorId,
      versionId: e.versionId,
      title: e.title.slice(0, 300),
      body: e.text.slice(0, 20000), // (not `text`: knex would also bind the `::text` cast below)
      url: versionEvidenceUrl(e.cohortId, e.auditionId, e.submissionId),
      cohortId: e.cohortId,
      competencyIds: JSON.stringify(competencyIds),
    },
  );
  return result.rowCount ?? 0;
}

/** The app route (hash router) of the lead's history of a submission: every version, review and rating. */
export const versionEvidenceUrl = (cohortId: string, auditionId: string, submissionId: string) => `#/auditions/lead/${cohortId}/${auditionId}/submissions/${submissionId}`;
