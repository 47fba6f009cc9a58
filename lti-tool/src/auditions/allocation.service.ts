import type { Knex } from 'knex';
import { abort } from './auditions.errors';
import type { Audition, Submission } from './auditions.types';
import { planFixed } from './allocation.plan';
import type { AllocationStore, Cursor } from './allocation.store';
import type { AuditionsStore } from './auditions.store';
import type { NotificationsStore } from './notifications.store';
import type { PoolStore } from './pool.store';
import type { ReviewsStore } from './reviews.store';
import type { SubmissionsStore } from './submissions.store';

const DAY_MS = 86_400_000;

/**
 * Who reviews what. Every function runs inside a transaction that holds the audition's row lock
 * (`auditionsStore.find(…, lock)`), so allocations of one audition never interleave: two submissions racing
 * for the last reviewer, or two newcomers racing for the last open slot, are decided one after the other,
 * and the pool's load counters always match the reviews. The unique index on live (version, reviewer)
 * reviews is the backstop.
 */
export function createAllocation(deps: { allocationStore: AllocationStore; auditions: AuditionsStore; submissions: SubmissionsStore; reviews: ReviewsStore; pool: PoolStore; notifications: NotificationsStore }) {
  const { submissions, reviews, pool } = deps;
  const dueAt = (a: Audition, now: Date) => new Date(now.getTime() + a.reviewDueDays * DAY_MS);

  /** Assigns up to `count` new first-round reviewers to a submission's current version; returns how many. */
  async function assign(trx: Knex, a: Audition, submissionId: string, count: number, now: Date): Promise<number> {
    if (count <= 0) return 0;
    return (await deps.allocationStore.assign(trx, { auditionId: a.id, excludeSameSchool: a.excludeSameSchool, dueAt: dueAt(a, now), submissionId, count })).assigned;
  }

  /** Fills every submission still short of reviewers, oldest first, one statement each; returns how many each got. */
  async function fill(trx: Knex, a: Audition, now: Date): Promise<Map<string, number>> {
    const got = new Map<string, number>();
    let after: Cursor | undefined;
    for (;;) {
      const r = await deps.allocationStore.assign(trx, { auditionId: a.id, excludeSameSchool: a.excludeSameSchool, dueAt: dueAt(a, now), after });
      if (!r.submissionId || !r.after) return got;
      got.set(r.submissionId, r.assigned);
      if (!r.more) return got;
      after = r.after;
    }
  }

  /**
   * Evens out open loads: each member two or more below the highest (least loaded first, at most 20) takes
   * untouched reviews (no draft yet) from the most loaded (other schools' work first, newest first) until their
   * load is within one of the highest or nothing more can move. Set-based rounds: the first round picks its taker,
   * so a submit that unbalances one newcomer costs one statement (see allocationStore.rebalanceRound).
   */
  async function balance(trx: Knex, a: Audition, now: Date): Promise<void> {
    const o = { auditionId: a.id, excludeSameSchool: a.excludeSameSchool, dueAt: dueAt(a, now), now };
    const tried: string[] = [];
    while (tried.length < 20) {
      const first = await deps.allocationStore.rebalanceRound(trx, { ...o, tried });
      if (!first.userId) return;
      for (let r = first, round = 1; r.more && round < 50; round++) r = await deps.allocationStore.rebalanceRound(trx, { ...o, userId: first.userId });
      if (!first.others) return;
      tried.push(first.userId);
    }
  }

  /**
   * Allocation when a submission's first version arrives (the author has joined the pool in the same statement
   * that stored the version): unless waiting for a fixed deadline, fill and balance. Returns how many reviewers
   * the submission itself got.
   */
  async function onFirstVersion(trx: Knex, a: Audition, s: Pick<Submission, 'id'>, now: Date): Promise<number> {
    if (a.mode === 'fixed' && !a.allocatedAt) return 0;
    const got = await fill(trx, a, now);
    await balance(trx, a, now);
    return got.get(s.id) ?? 0;
  }

  /** Fixed mode at the deadline: the balanced plan for everyone who submitted, then any leftovers. */
  async function allocateFixed(trx: Knex, a: Audition, now: Date): Promise<{ assigned: number }> {
    if (a.mode !== 'fixed') return abort({ kind: 'not_fixed_mode' });
    if (a.allocatedAt) return abort({ kind: 'already_allocated' });
    const members = (await pool.all(trx, a.id)).filter((m) => m.active);
    const subs = (await submissions.listForAudition(trx, a.id)).filter((s) => s.status === 'submitted');
    const plan = planFixed(members.map((m) => ({ userId: m.userId, school: m.school })), a.reviewersPerSubmission, a.excludeSameSchool, a.id);
    let assigned = 0;
    for (const s of subs) {
      const version = await submissions.version(trx, s.id, s.currentVersion);
      const already = new Set(await reviews.reviewerIdsOf(trx, s.id));
      const picks = (plan.get(s.authorId) ?? []).filter((u) => !already.has(u)).slice(0, s.reviewersNeeded);
      await reviews.insertMany(trx, { auditionId: a.id, submissionId: s.id, versionId: version!.id, reviewerIds: picks, dueAt: dueAt(a, now) });
      await pool.bump(trx, a.id, picks, 1, 1);
      if (picks.length) await submissions.setReviewersNeeded(trx, s.id, -picks.length);
      assigned += picks.length;
    }
    await deps.auditions.markAllocated(trx, a.id);
    const allocated = { ...a, allocatedAt: now };
    await fill(trx, allocated, now);
    return { assigned };
  }

  /**
   * Takes an open review away from its reviewer (overdue, left the cohort, or a lead's decision) and gives the
   * slot to `toUserId` or the next reviewer in line. False when the review was no longer open.
   */
  async function reassign(trx: Knex, a: Audition, reviewId: string, reason: 'overdue' | 'left' | 'lead', now: Date, o: { toUserId?: string; by?: string } = {}): Promise<boolean> {
    const review = await reviews.find(trx, a.id, reviewId);
    if (!review || review.status !== 'assigned') return false;
    const s = (await submissions.findById(trx, a.id, review.submissionId))!;
    if (o.toUserId) {
      const target = await pool.find(trx, a.id, o.toUserId);
      const had = await reviews.reviewerIdsOf(trx, s.id);
      if (!target?.active || o.toUserId === s.authorId || had.includes(o.toUserId)) return abort({ kind: 'reviewer_not_eligible' });
    }
    if (!(await reviews.close(trx, review.id, 'reassigned', reason, now))) return false;
    await pool.bump(trx, a.id, review.reviewerId, -1, 0);
    if (reason === 'left') await pool.deactivate(trx, a.id, review.reviewerId);
    if (reason === 'overdue') {
      await deps.notifications.add(trx, review.reviewerId, a.cohortId, 'review_reassigned', {
        auditionId: a.id,
        auditionTitle: a.title,
        message: `Your review for “${a.title}” was ${a.reassignAfterDays} days overdue, so it was given to another reviewer. Your draft is kept.`,
      });
    }
    if (review.kind !== 'initial' || s.status !== 'submitted') return true;
    await submissions.setReviewersNeeded(trx, s.id, 1);
    if (o.toUserId) {
      const version = await submissions.version(trx, s.id, s.currentVersion);
      await reviews.insert(trx, { auditionId: a.id, submissionId: s.id, versionId: version!.id, reviewerId: o.toUserId, kind: 'initial', dueAt: dueAt(a, now), assignedBy: o.by ?? null });
      await pool.bump(trx, a.id, o.toUserId, 1, 1);
      await submissions.setReviewersNeeded(trx, s.id, -1);
    } else await assign(trx, a, s.id, 1, now);
    return true;
  }

  return { assign, fill, balance, onFirstVersion, allocateFixed, reassign, dueAt };
}

/** The allocator. */
export type Allocation = ReturnType<typeof createAllocation>;
