import type { Knex } from 'knex';

/** One item of the grading queue: a pending review request, or evidence no rating has taken into account yet. */
export interface QueueRow {
  kind: 'review_request' | 'evidence';
  id: string;
  userId: string;
  name: string | null;
  school: string | null;
  competencyId: string;
  competencyIdentifier: string;
  competencyTitle: string;
  title: string;
  at: Date;
  /** Exact (microsecond) time, for the cursor. */
  atKey: string;
}

/**
 * The grading queue of a cohort for the members of one course, oldest first, keyset-paginated on (at, id).
 * Evidence of a person and competency with a pending request is shown through the request only.
 */
export async function queuePage(
  db: Knex,
  q: { cohortId: string; contextId: string; excludeUserId: string; competencyId?: string; school?: string; limit: number; after: { at: string; id: string } | null },
): Promise<QueueRow[]> {
  // Each branch walks its partial index in (at, id) order and stops after `limit` visible items, so a page
  // costs O(limit) however long the queue is; the outer query merges the two short lists.
  const args: Knex.Value[] = [];
  const visible = (alias: string) => {
    args.push(q.excludeUserId, q.contextId);
    let sql = ` and ${alias}.user_id <> ? and exists (select 1 from memberships m where m.user_id = ${alias}.user_id and m.context_id = ? and m.status = 'active'`;
    if (q.school) {
      sql += ' and m.school = ?';
      args.push(q.school);
    }
    return `${sql})`;
  };
  const competency = (alias: string) => (q.competencyId ? (args.push(q.competencyId), ` and ${alias}.competency_id = ?`) : '');
  const after = (col: string, alias: string) => (q.after ? (args.push(q.after.at, q.after.id), ` and (${col}, ${alias}.id) > (?::timestamptz, ?::uuid)`) : '');
  const limit = () => (args.push(q.limit), ' limit ?');
  args.push(q.cohortId);
  const requests = `(select 'review_request'::text as kind, r.id, r.user_id, r.competency_id, r.requested_at as at, r.note as title
      from competency_review_requests r where r.cohort_id = ? and r.status = 'pending'${competency('r')}${after('r.requested_at', 'r')}${visible('r')}
      order by r.requested_at, r.id${limit()})`;
  args.push(q.cohortId);
  const evidence = `(select 'evidence'::text, e.id, e.user_id, e.competency_id, e.created_at, e.title
      from competency_evidence e where e.cohort_id = ? and e.reviewed_at is null${competency('e')}${after('e.created_at', 'e')}${visible('e')}
        and not exists (select 1 from competency_review_requests p where p.cohort_id = e.cohort_id and p.user_id = e.user_id
                        and p.competency_id = e.competency_id and p.status = 'pending')
      order by e.created_at, e.id${limit()})`;
  args.push(q.contextId, q.limit);
  const result = await db.raw(
    `select q.kind, q.id, q.user_id, q.competency_id, q.at, q.title, u.name, m.school, c.identifier, c.title as competency_title,
            to_char(q.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at_key
       from (${requests} union all ${evidence}) q
       join memberships m on m.user_id = q.user_id and m.context_id = ?
       join users u on u.id = q.user_id
       join competencies c on c.id = q.competency_id
      order by q.at, q.id
      limit ?`,
    args,
  );
  return (result.rows as Array<Record<string, unknown>>).map((r) => ({
    kind: r.kind as QueueRow['kind'],
    id: r.id as string,
    userId: r.user_id as string,
    name: (r.name as string | null) ?? null,
    school: (r.school as string | null) ?? null,
    competencyId: r.competency_id as string,
    competencyIdentifier: r.identifier as string,
    competencyTitle: r.competency_title as string,
    title: r.title as string,
    at: new Date(r.at as string),
    atKey: r.at_key as string,
  }));
}
