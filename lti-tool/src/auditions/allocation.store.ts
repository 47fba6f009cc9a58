import type { Knex } from 'knex';
import { preparedQuery } from '../../../db/preparedQuery';

/**
 * Set-based allocation statements. Each is one round trip that reads and writes in data-modifying CTEs, so the
 * pool's counters change in the same statement as the reviews they count. Callers hold the audition's row lock.
 */

// The target is one submitted version short of reviewers: a given submission, or the oldest underfilled one
// after a cursor (so filling needs no separate look-up, and work the pool cannot fill is passed, not retried).
// The ranking reads the head of the load index (`audition_reviewers_load`), then orders that short list: the
// school preference is applied among the least loaded, which keeps a pick independent of the pool's size. The
// picks are a top-N of that order (LIMIT, not a window over all 200 rows: a bounded heap instead of a full sort).
const assignSql = (target: 'given' | 'next') => `
with target as (
  select s.id, s.author_id, s.current_version, s.submitted_at, s.school, least(s.reviewers_needed, coalesce(:count::int, s.reviewers_needed)) as wanted
    from audition_submissions s
   where s.audition_id = :auditionId and s.status = 'submitted' and s.reviewers_needed > 0
     and ${target === 'given' ? 's.id = :submissionId' : '(s.submitted_at, s.id) > (:afterAt::timestamptz, :afterId::uuid)'}
   order by s.submitted_at, s.id
   limit 1),
head as (
  select p.user_id, p.school, p.open_reviews, p.total_reviews from audition_reviewers p
   where p.audition_id = :auditionId and p.active and p.user_id <> (select author_id from target)
     and not exists (select 1 from audition_reviews x where x.submission_id = (select id from target) and x.reviewer_id = p.user_id)
   order by p.open_reviews, p.total_reviews, p.tiebreak
   limit 200),
picks as (
  select head.user_id from head, target
   order by head.open_reviews, (:excludeSameSchool and head.school is not distinct from target.school and target.school is not null),
            head.total_reviews, md5(head.user_id::text || target.id::text)
   limit (select wanted from target)),
ins as (
  insert into audition_reviews (id, audition_id, submission_id, version_id, reviewer_id, kind, status, due_at)
  select gen_random_uuid(), :auditionId, target.id, v.id, picks.user_id, 'initial', 'assigned', :dueAt
    from picks, target join audition_versions v on v.submission_id = target.id and v.number = target.current_version
  returning reviewer_id),
bump as (
  update audition_reviewers p set open_reviews = p.open_reviews + 1, total_reviews = p.total_reviews + 1
   where p.audition_id = :auditionId and p.user_id = any(array(select reviewer_id from ins))),
need as (
  update audition_submissions s set reviewers_needed = greatest(0, s.reviewers_needed - (select count(*) from ins)::int)
    from target where s.id = target.id and exists (select 1 from ins))
select target.id, target.submitted_at::text as after_at, (select count(*) from ins)::int as n,
       exists (select 1 from audition_submissions s where s.audition_id = :auditionId and s.status = 'submitted' and s.reviewers_needed > 0
                  and (s.submitted_at, s.id) > (target.submitted_at, target.id)) as more
  from target`;
const ASSIGN_GIVEN = assignSql('given');
const ASSIGN_NEXT = assignSql('next');

// One round of rebalancing towards one taker, equal in outcome to taking one review at a time from the most loaded.
// The taker is a given member, or the least loaded active member at least two below the highest not tried yet.
// From each of the most loaded reviewers at least two above them (at most 20, and no more than highest − taker + 1:
// a round can make at most highest − taker − 1 moves, plus slack for skipped rows), the best untouched first-round
// review (other schools' work first, newest first) of work the taker did not write and does not review; ranked by
// the giver's load (then that same preference). The round takes the longest prefix of that ranking in which, at the
// j-th move (from 0), the giver is still ≥ the taker's load + j + 2, is within one of the round's top load (else
// the one-at-a-time rule would have taken a second review from a bigger giver first) and offers a submission no
// earlier row offers (else that giver's next choice is needed): the rest is left to the next round.
// `more`: some top reviewer is still two above the taker afterwards, so another round may move more;
// `others`: another untried member is underloaded (as min(load) ≤ highest − 2, which walks the load index from its low
// end; an EXISTS got a generic plan that scanned the whole pool when nobody was underloaded).
const untried = (alias: string) => `${alias}.user_id::text not in (select jsonb_array_elements_text(:tried::jsonb))`;
const highest = `(select max(q.open_reviews) from audition_reviewers q where q.audition_id = :auditionId and q.active)`;
// Scalar sub-selects of `me` (rather than joins) let the planner walk the load and queue indexes with them as keys.
const rebalanceSql = (target: 'given' | 'next') => `
with me as (
  select p.user_id, p.open_reviews as load, case when :excludeSameSchool then p.school end as school from audition_reviewers p
   where p.audition_id = :auditionId and ${
     target === 'given'
       ? 'p.user_id = :userId'
       : `p.active and ${untried('p')} and p.open_reviews <= ${highest} - 2`
   }
   order by p.open_reviews, p.joined_at desc
   limit 1),
bound as (
  select least(20, greatest(1, ${highest} - (select load from me) + 1))::int as top_limit),
top as (
  select p.user_id, p.open_reviews from audition_reviewers p
   where p.audition_id = :auditionId and p.active and p.user_id <> (select user_id from me) and p.open_reviews >= (select load from me) + 2
   order by p.open_reviews desc, p.total_reviews desc
   limit (select top_limit from bound)),
cand as (
  select c.*, top.open_reviews from top cross join lateral (
    select r.id, r.reviewer_id, r.submission_id, r.assigned_at,
           ((select school from me) is not null and s.school is not distinct from (select school from me)) as same_school
      from audition_reviews r join audition_submissions s on s.id = r.submission_id
     where r.reviewer_id = top.user_id and r.status = 'assigned' and r.audition_id = :auditionId and r.kind = 'initial' and r.draft is null
       and s.author_id <> (select user_id from me)
       and not exists (select 1 from audition_reviews x where x.submission_id = r.submission_id and x.reviewer_id = (select user_id from me))
     order by same_school, r.assigned_at desc, r.id
     limit 1) c),
ranked as (
  select c.id, c.reviewer_id, c.open_reviews, (row_number() over w - 1)::int as j, max(c.open_reviews) over () as top_load,
         count(*) over (partition by c.submission_id order by c.open_reviews desc, c.same_school, c.assigned_at desc, c.id rows unbounded preceding) as nth
    from cand c
  window w as (order by c.open_reviews desc, c.same_school, c.assigned_at desc, c.id)),
stop as (
  select min(ranked.j) as j from ranked, me
   where ranked.nth > 1 or ranked.open_reviews < ranked.top_load - 1 or ranked.open_reviews < me.load + ranked.j + 2),
chosen as (
  select ranked.id, ranked.reviewer_id from ranked where ranked.j < coalesce((select j from stop), 2147483647)),
moved as (
  update audition_reviews r set reviewer_id = me.user_id, due_at = :dueAt, assigned_at = :now
    from chosen c, me
   where r.id = c.id and r.reviewer_id = c.reviewer_id and r.status = 'assigned' and r.draft is null
  returning c.reviewer_id),
deltas as (
  select reviewer_id as user_id, -1 as delta from moved
  union all
  select (select user_id from me), count(*)::int from moved having count(*) > 0),
counts as (
  update audition_reviewers p set open_reviews = p.open_reviews + d.delta, total_reviews = p.total_reviews + d.delta
    from deltas d where p.audition_id = :auditionId and p.user_id = d.user_id)
select me.user_id, (select top_limit from bound) as top_limit,
       (select count(*) from moved)::int as moved,
       (select count(*) from chosen)::int as chosen,
       exists (select 1 from top
                where top.open_reviews - (case when top.user_id in (select reviewer_id from chosen) then 1 else 0 end)
                      >= me.load + (select count(*) from chosen) + 2) as more,
       ${target === 'given' ? 'false' : `coalesce((select min(p.open_reviews) from audition_reviewers p where p.audition_id = :auditionId and p.active and p.user_id <> me.user_id and ${untried('p')}) <= ${highest} - 2, false)`} as others
  from me`;
const REBALANCE_GIVEN = rebalanceSql('given');
const REBALANCE_NEXT = rebalanceSql('next');

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A keyset position among submissions (submitted_at as PostgreSQL text, exact to the microsecond). */
export interface Cursor {
  at: string;
  id: string;
}

/** Set-based allocation writes. */
export const allocationStore = {
  /**
   * Gives one submission's current version up to `count` (at most the slots it still needs; null: all of them) new
   * first-round reviewers, or, without `submissionId`, fills the oldest underfilled submission after the cursor.
   * Reviewers are active pool members, never the author or anyone who already had a review of it; fewest open
   * reviews first, then (with same-school exclusion) other schools, then fewest reviews overall, then a hash of
   * person and submission. Inserts the reviews, bumps the reviewers' counters and lowers the submission's
   * `reviewers_needed`, in one statement. Returns the submission filled (null: none left), how many it got, the
   * cursor past it, and whether more underfilled work follows.
   */
  async assign(trx: Knex, o: { auditionId: string; excludeSameSchool: boolean; dueAt: Date; submissionId?: string; count?: number; after?: Cursor }): Promise<{ submissionId: string | null; assigned: number; after: Cursor | null; more: boolean }> {
    const bindings = { auditionId: o.auditionId, excludeSameSchool: o.excludeSameSchool, dueAt: o.dueAt, count: o.count ?? null, submissionId: o.submissionId ?? null, afterAt: o.after?.at ?? '-infinity', afterId: o.after?.id ?? '00000000-0000-0000-0000-000000000000' };
    const [r] = await (o.submissionId ? preparedQuery<Row>(trx, 'auditions_assign_given', ASSIGN_GIVEN, bindings) : preparedQuery<Row>(trx, 'auditions_assign_next', ASSIGN_NEXT, bindings));
    if (!r) return { submissionId: null, assigned: 0, after: null, more: false };
    return { submissionId: r.id, assigned: r.n, after: { at: r.after_at, id: r.id }, more: r.more };
  },

  /**
   * One round of moving untouched reviews from the most loaded reviewers to `userId`, or (without it) to the least
   * loaded underloaded member not in `tried` (see rebalanceSql). Returns the taker (null: nobody underloaded),
   * how many moved, whether a further round could move more, and whether other untried members are underloaded.
   */
  async rebalanceRound(trx: Knex, o: { auditionId: string; excludeSameSchool: boolean; dueAt: Date; now: Date; userId?: string; tried?: string[] }): Promise<{ userId: string | null; moved: number; more: boolean; others: boolean }> {
    const bindings = { auditionId: o.auditionId, excludeSameSchool: o.excludeSameSchool, dueAt: o.dueAt, now: o.now, userId: o.userId ?? null, tried: JSON.stringify(o.tried ?? []) };
    const [r] = await (o.userId ? preparedQuery<Row>(trx, 'auditions_rebalance_given', REBALANCE_GIVEN, bindings) : preparedQuery<Row>(trx, 'auditions_rebalance_next', REBALANCE_NEXT, bindings));
    if (!r) return { userId: null, moved: 0, more: false, others: false };
    // A round that took from every giver it looked at may have left equally loaded people beyond them; a lost race, too.
    return { userId: r.user_id, moved: r.moved, more: r.moved > 0 && (r.more || r.chosen === r.top_limit || r.moved < r.chosen), others: r.others };
  },
};

/** Set-based allocation writes. */
export type AllocationStore = typeof allocationStore;
