import type { Knex } from 'knex';

/**
 * Turns module responses into evidence, set-based: every **cohort-visible** reflection or inquiry entry on a step
 * linked to a competency the cohort works on becomes (or refreshes) one evidence row per competency
 * (`reflection` / `inquiry_entry`, source id = the response id). Private responses never do (only their author
 * may read them), and evidence whose response became private or was removed is deleted. Idempotent: rows whose
 * text did not change are left alone. Returns how many rows were inserted, refreshed or removed.
 */
export async function syncResponseEvidence(db: Knex): Promise<number> {
  const stageText = (stage: string) => `nullif(r.body->'stages'->'${stage}'->>'text', '')`;
  const upserted = await db.raw(
    `insert into competency_evidence (id, cohort_id, user_id, competency_id, source_kind, source_id, title, text, url)
     select gen_random_uuid(), r.cohort_id, r.user_id, l.competency_id,
            case r.kind when 'reflect' then 'reflection' else 'inquiry_entry' end, r.id::text,
            left(coalesce((select s.title from module_steps s where s.step_id = r.step_id order by s.version_id desc limit 1), 'Response'), 300),
            left(case when r.kind = 'reflect' then coalesce(r.body->>'text', '')
                      else concat_ws(E'\\n\\n', ${['plan', 'enquire', 'implement', 'review'].map(stageText).join(', ')}) end, 20000),
            case when r.kind = 'inquiry' then coalesce(r.body->'stages'->'review'->>'evidenceUrl', r.body->'stages'->'implement'->>'evidenceUrl',
                                                     r.body->'stages'->'enquire'->>'evidenceUrl', r.body->'stages'->'plan'->>'evidenceUrl') end
       from step_responses r
       join competency_links l on l.target_kind = 'module_step' and l.target_id = r.step_id::text
       join cohort_competencies cc on cc.cohort_id = r.cohort_id and cc.competency_id = l.competency_id
      where r.kind in ('reflect', 'inquiry') and r.visibility = 'cohort'
     on conflict (cohort_id, user_id, competency_id, source_kind, source_id) where source_id is not null
     do update set title = excluded.title, text = excluded.text, url = excluded.url
      where competency_evidence.text is distinct from excluded.text or competency_evidence.title is distinct from excluded.title
         or competency_evidence.url is distinct from excluded.url`,
  );
  const removed = await db.raw(
    `delete from competency_evidence e
      where e.source_kind in ('reflection', 'inquiry_entry')
        and not exists (select 1 from step_responses r where r.id::text = e.source_id and r.visibility = 'cohort')`,
  );
  return (upserted.rowCount ?? 0) + (removed.rowCount ?? 0);
}
