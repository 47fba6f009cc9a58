import type { Knex } from 'knex';

/**
 * Keeps competency_mastery_rows equal to competency_mastery for every writer (ratings, method changes, data
 * erasure, cascades from a removed competency, cohort or user): statement-level triggers rebuild the rows of the
 * people a statement touched, in the same transaction. Then fills the rows for existing cells.
 */
const REBUILD = `
  INSERT INTO competency_mastery_rows (cohort_id, user_id, cells)
  SELECT cm.cohort_id, cm.user_id,
         string_agg(cm.competency_id::text || ' ' || cm.level_position || ' ' || cm.points || ' ' || cm.proficient::int, ',')
    FROM competency_mastery cm
   WHERE (cm.cohort_id, cm.user_id) IN (SELECT DISTINCT cohort_id, user_id FROM changed)
   GROUP BY cm.cohort_id, cm.user_id
  ON CONFLICT (cohort_id, user_id) DO UPDATE SET cells = excluded.cells;
  DELETE FROM competency_mastery_rows r
   WHERE (r.cohort_id, r.user_id) IN (SELECT DISTINCT cohort_id, user_id FROM changed)
     AND NOT EXISTS (SELECT 1 FROM competency_mastery cm WHERE cm.cohort_id = r.cohort_id AND cm.user_id = r.user_id);`;

export async function up(knex: Knex): Promise<void> {
  // search_path FROM CURRENT: the function finds this schema's tables whoever's session fires it.
  await knex.raw(`CREATE FUNCTION competency_mastery_rows_rebuild() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN ${REBUILD}
      RETURN NULL;
    END $$`);
  // A trigger with a transition table serves one event, so there are three.
  await knex.raw(`CREATE TRIGGER competency_mastery_rows_ins AFTER INSERT ON competency_mastery REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION competency_mastery_rows_rebuild()`);
  await knex.raw(`CREATE TRIGGER competency_mastery_rows_upd AFTER UPDATE ON competency_mastery REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION competency_mastery_rows_rebuild()`);
  await knex.raw(`CREATE TRIGGER competency_mastery_rows_del AFTER DELETE ON competency_mastery REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION competency_mastery_rows_rebuild()`);
  await knex.raw(`INSERT INTO competency_mastery_rows (cohort_id, user_id, cells)
    SELECT cohort_id, user_id, string_agg(competency_id::text || ' ' || level_position || ' ' || points || ' ' || proficient::int, ',')
      FROM competency_mastery GROUP BY cohort_id, user_id`);
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ['ins', 'upd', 'del']) await knex.raw(`DROP TRIGGER competency_mastery_rows_${t} ON competency_mastery`);
  await knex.raw('DROP FUNCTION competency_mastery_rows_rebuild()');
  await knex.raw('DELETE FROM competency_mastery_rows');
}
