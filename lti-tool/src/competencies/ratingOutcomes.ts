import type { Knex } from 'knex';
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
 * tagged with the competency id. Inside the rating's transaction, so the scores exist exactly when it commits.
 */
export async function reportMastery(trx: Knex.Transaction, scores: ScoreQueue | null, f: CohortFramework, c: RatingChange): Promise<void> {
  if (!scores) return;
  for (const n of withAncestors(f, c.node)) {
    const m = c.after.get(n.id);
    const changed = n.id === c.node.id || JSON.stringify(m) !== JSON.stringify(c.before.get(n.id));
    if (!n.reportsToGradebook || !m || !changed) continue;
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
