import type { Knex } from 'knex';
import { startAttachmentTool, upload } from '../attachments/attachmentFlow';
import { answers, auditionCourse, createAudition, queueOf, submitWork } from '../auditions/auditionFlow';
import { buildFramework, linkFramework, rate } from '../competencies/competencyFlow';
import { call, publishModule, type Who } from '../modules/moduleFlow';

/** Words only the subject wrote, and words only another teacher wrote (privately). */
export const SUBJECT_REFLECTION = 'Subject-private-reflection-quokka';
export const SUBJECT_WORK = 'Subject-lesson-plan-on-narwhals';
export const SUBJECT_FILE = 'Subject-file-content-pangolin';
export const SUBJECT_REVIEW = 'Subject-review-words-axolotl';
export const OTHER_REFLECTION = 'Other-private-reflection-wombat';
export const OTHER_WORK = 'Other-lesson-plan-on-capybaras';
export const OTHER_FILE = 'Other-file-content-okapi';
export const SUBJECT_EVIDENCE = 'Subject-evidence-of-planning-ibis';
export const SUBJECT_RATING = 'Lead-comment-about-subject-heron';
export const OTHER_EVIDENCE = 'Other-evidence-of-planning-egret';
export const OTHER_RATING = 'Lead-comment-about-other-stork';

/**
 * A course where the subject (teachers[0], "Tess Ash") and three colleagues have each reflected privately,
 * submitted audition work, uploaded a file and reviewed each other anonymously (every review submitted).
 */
export async function privacyCourse(course: string) {
  const tool = await startAttachmentTool({ RATE_LIMIT_UPLOADS_PER_MINUTE: '10000' });
  const c = await auditionCourse(tool, course, 4);
  const [subject, other] = c.teachers as [Who, Who, Who, Who];
  const auditionId = await createAudition(tool, c.lead, c.cohortId, c.moduleId, { reviewersPerSubmission: 2, anonymity: 'anonymous' });
  const base = `/api/cohorts/${c.cohortId}/auditions/${auditionId}`;
  const reflect = await publishModule(tool, c.admin, c.cohortId, { title: 'Reflect', steps: [{ kind: 'reflect', title: 'Private reflection', estimatedMinutes: 10, content: { prompt: 'Only for you', visibility: 'private' } }] });
  const respond = (who: Who, text: string) =>
    call(tool, 'PUT', `/api/cohorts/${c.cohortId}/modules/${reflect.moduleId}/steps/${reflect.stepIds[0]!}/response`, who, { body: { text }, visibility: 'private', revision: 0 });
  expect((await respond(subject, SUBJECT_REFLECTION)).status).toBe(200);
  expect((await respond(other, OTHER_REFLECTION)).status).toBe(200);
  for (const [i, t] of c.teachers.entries()) expect((await submitWork(tool, t, base, i === 0 ? SUBJECT_WORK : i === 1 ? OTHER_WORK : `Work ${i}`)).status).toBe(201);
  for (const t of c.teachers) {
    for (const item of await queueOf(tool, t, auditionId)) {
      const words = t === subject ? SUBJECT_REVIEW : `Peer ${t.userId.slice(0, 4)}`;
      expect((await call(tool, 'POST', `${base}/reviews/${item.id}/submit`, t, { answers: answers(3, words) })).status).toBe(200);
    }
  }
  const subjectFile = await upload(tool, subject, { filename: 'subject-notes.txt', bytes: Buffer.from(SUBJECT_FILE), type: 'text/plain' });
  const otherFile = await upload(tool, other, { filename: 'other-notes.txt', bytes: Buffer.from(OTHER_FILE), type: 'text/plain' });
  expect([subjectFile.status, otherFile.status]).toEqual([201, 201]);
  const framework = await buildFramework(tool, c.admin);
  await linkFramework(tool, c.admin, c.cohortId, { frameworkId: framework.frameworkId, competencies: [{ competencyId: framework.ids.plan }] });
  for (const [who, text, comment] of [[subject, SUBJECT_EVIDENCE, SUBJECT_RATING], [other, OTHER_EVIDENCE, OTHER_RATING]] as const) {
    const evidence = await call(tool, 'POST', `/api/cohorts/${c.cohortId}/competencies/${framework.ids.plan}/evidence`, who, { title: 'Planning', text });
    expect(evidence.status).toBe(201);
    expect((await rate(tool, c.lead, c.cohortId, who.userId, framework.ids.plan, 'Proficient', comment)).status).toBe(201);
  }
  return { tool, ...c, subject, other, auditionId, base, subjectFileId: subjectFile.body.attachment.id as string };
}

/** Every text-like column (text, varchar, jsonb, arrays) of every table in the schemas of a test database. */
export async function textColumns(db: Knex, schemas: string[]): Promise<{ schema: string; table: string; column: string }[]> {
  const rows = await db('information_schema.columns as c')
    .join('information_schema.tables as t', function () {
      this.on('t.table_schema', 'c.table_schema').andOn('t.table_name', 'c.table_name');
    })
    .select('c.table_schema as schema', 'c.table_name as table', 'c.column_name as column')
    .whereIn('c.table_schema', schemas)
    .andWhere('t.table_type', 'BASE TABLE')
    .andWhere((w) => w.whereIn('c.data_type', ['text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY']))
    // Ciphertext (AES-GCM, base64) holds no plaintext, but a short needle such as a first name can occur in it by chance.
    .andWhereNot('c.column_name', 'like', '%\\_encrypted');
  return rows;
}

/** Where any of `needles` occurs (case-insensitive) in any text-like column: "schema.table.column: needle". */
export async function searchEverywhere(db: Knex, schemas: string[], needles: string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const col of await textColumns(db, schemas)) {
    for (const needle of needles) {
      const found = await db.raw(`select 1 from ??.?? where ??::text ilike ? limit 1`, [col.schema, col.table, col.column, `%${needle.replace(/[%_\\]/g, '\\$&')}%`]);
      if (found.rows.length > 0) hits.push(`${col.schema}.${col.table}.${col.column}: ${needle}`);
    }
  }
  return hits;
}
