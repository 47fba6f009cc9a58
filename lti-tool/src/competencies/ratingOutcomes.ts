import type { Knex } from 'knex';
import { lti11ScoreLink } from '../grades/lti11Link.store';
import type { ScoreQueue } from '../modules/gradebook';
import { certificatesStore } from './certificates.store';
import type { CohortFramework, CohortNode } from './cohortCompetencies.store';
import type { Mastery } from './competency.types';
import { maxPoints } from './defaultScale';
import { peopleStore } from './people.store';

/** The nodes from a competency up to the top of the cohort's tree. */
export function withAncestors(f: CohortFramework, node: CohortNode): CohortNode[] {
  const byId = new Map(f.nodes.map((n) => [n.id, n]));
  const chain: CohortNode[] = [];
  for (let n: CohortNode | undefined = node; n; n = n.parentId ? byId.get(n.parentId) : undefined) chain.push(n);
  return chain;
}

const levelLabel = (f: CohortFramework, m: Mastery) => f.scale.find((l) => l.position === m.levelPosition)?.label ?? '';

/** What a rating changed, for the gradebook and the credential. */
export interface RatingChange {
  cohortId: string;
  userId: string;
  /** The person's course (their gradebook). */
  contextId: string;
  node: CohortNode;
  comment: string;
  at: Date;
  before: ReadonlyMap<string, Mastery | null>;
  after: ReadonlyMap<string, Mastery | null>;
}

/**
 * Enqueues the person's mastery (points / the scale's highest points) for the rated competency and every
 * ancestor whose roll-up changed, when the cohort reports them: one AGS line item per cohort and competency,
 * tagged with the competency id. A course launched over LTI 1.1 has one Basic Outcomes cell per link instead:
 * it gets one course-wide score (see overallMastery, docs/adr/0011). Inside the rating's transaction, so the
 * scores exist exactly when it commits.
 */
export async function reportMastery(trx: Knex.Transaction, scores: ScoreQueue | null, f: CohortFramework, c: RatingChange): Promise<void> {
  if (!scores) return;
  const changed = withAncestors(f, c.node).filter((n) => {
    const m = c.after.get(n.id);
    return n.reportsToGradebook && m && (n.id === c.node.id || JSON.stringify(m) !== JSON.stringify(c.before.get(n.id)));
  });
  if (changed.length === 0) return;
  const lti11 = await lti11ScoreLink(trx, c.contextId, c.userId);
  if (lti11) return reportOverall(trx, scores, f, c, lti11.resourceLinkId);
  for (const n of changed) {
    const m = c.after.get(n.id)!;
    await scores.enqueueScore(
      {
        contextId: c.contextId,
        userId: c.userId,
        lineItem: { resourceId: `staffroom-competency:${c.cohortId}:${n.id}`, tag: `staffroom-competency:${n.id}`, label: `${n.identifier} ${n.title}`.slice(0, 255), scoreMaximum: maxPoints(f.scale) },
        scoreGiven: m.points,
        comment: (n.id === c.node.id ? `${levelLabel(f, m)}. ${c.comment}` : `${levelLabel(f, m)} (from the competencies under it).`).trim().slice(0, 4000),
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
        at: c.at,
      },
      trx,
    );
  }
}

/**
 * The one score of an LTI 1.1 course: the mean mastery points over every competency the cohort reports, an
 * unrated one counting 0, out of the scale's highest points (Basic Outcomes receives scoreGiven / scoreMaximum).
 */
export function overallMastery(f: CohortFramework, mastery: ReadonlyMap<string, Mastery | null>): { scoreGiven: number; scoreMaximum: number; reported: number } {
  const reported = f.nodes.filter((n) => n.reportsToGradebook);
  const sum = reported.reduce((a, n) => a + (mastery.get(n.id)?.points ?? 0), 0);
  return { scoreGiven: reported.length ? Math.round((sum / reported.length) * 10_000) / 10_000 : 0, scoreMaximum: maxPoints(f.scale), reported: reported.length };
}

async function reportOverall(trx: Knex.Transaction, scores: ScoreQueue, f: CohortFramework, c: RatingChange, resourceLinkId: string | null): Promise<void> {
  const o = overallMastery(f, c.after);
  const rated = f.nodes.filter((n) => n.reportsToGradebook && c.after.get(n.id)).length;
  await scores.enqueueScore(
    {
      contextId: c.contextId,
      userId: c.userId,
      lineItem: { resourceId: `staffroom-competencies:${c.cohortId}`, tag: 'staffroom-competencies', label: `Competencies: ${f.frameworkTitle}`.slice(0, 255), scoreMaximum: o.scoreMaximum },
      ...(resourceLinkId ? { resourceLinkId } : {}),
      scoreGiven: o.scoreGiven,
      comment: `Mean mastery of the ${o.reported} reported competencies (${rated} rated; unrated count 0). Last: ${c.node.identifier} ${levelLabel(f, c.after.get(c.node.id)!)}.`.slice(0, 4000),
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      at: c.at,
    },
    trx,
  );
}

/** Issues the cohort's certificate when the person is now proficient in every credential competency; true when issued now. */
export async function issueCertificateIfEarned(trx: Knex.Transaction, f: CohortFramework, c: RatingChange, cohortTitle: string): Promise<boolean> {
  const credential = f.nodes.filter((n) => n.inCredential);
  if (credential.length === 0 || !credential.every((n) => c.after.get(n.id)?.proficient)) return false;
  return certificatesStore.issue(trx, {
    cohortId: c.cohortId,
    userId: c.userId,
    title: (f.settings.credentialTitle ?? `${cohortTitle}: ${f.frameworkTitle}`).slice(0, 200),
    competencies: credential.map((n) => ({ id: n.id, identifier: n.identifier, title: n.title, level: levelLabel(f, c.after.get(n.id)!) })),
    pdMinutes: await peopleStore.pdMinutes(trx, c.cohortId, c.userId),
  });
}
