import { launchInto, otherPlatform, person, call, type Who } from '../modules/moduleFlow';
import { filesUnder } from '../attachments/attachmentFlow';
import { OTHER_EVIDENCE, OTHER_FILE, OTHER_RATING, OTHER_REFLECTION, OTHER_WORK, SUBJECT_EVIDENCE, SUBJECT_RATING, privacyCourse, searchEverywhere, SUBJECT_FILE, SUBJECT_REFLECTION, SUBJECT_WORK } from './privacyFlow';

jest.setTimeout(300_000);

const COURSE = 'erase-course';
const SUBJECT_NAME = 'Tess Ash';
const SUBJECT_EMAIL = `${COURSE}-t1@example.edu`;

describe('privacy: DELETE /api/admin/people/:userId', () => {
  let c: Awaited<ReturnType<typeof privacyCourse>>;
  let stranger: Who;
  let schemas: string[];

  const erase = (who: Who, userId: string, confirm: string) => call(c.tool, 'DELETE', `/api/admin/people/${userId}`, who, { confirm });

  /** Rows of other people's work, counted table by table. */
  const othersWork = async () => {
    const s = c.subject.userId;
    const count = async (q: Promise<{ n: string | number }[]>) => Number((await q)[0]!.n);
    const db = c.tool.db;
    return {
      responses: await count(db('step_responses').whereNot('user_id', s).count('* as n')),
      submissions: await count(db('audition_submissions').whereNot('author_id', s).count('* as n')),
      versions: await count(db('audition_versions as v').join('audition_submissions as x', 'x.id', 'v.submission_id').whereNot('x.author_id', s).count('* as n')),
      reviewsOfOthers: await count(db('audition_reviews as r').join('audition_submissions as x', 'x.id', 'r.submission_id').whereNot('x.author_id', s).where('r.status', 'submitted').count('* as n')),
      files: await count(db('attachments').whereNot('owner_id', s).count('* as n')),
      evidence: await count(db('competency_evidence').whereNot('user_id', s).count('* as n')),
      ratings: await count(db('competency_ratings').whereNot('user_id', s).count('* as n')),
      users: await count(db('users').whereNot('id', s).count('* as n')),
    };
  };

  beforeAll(async () => {
    c = await privacyCourse(COURSE);
    stranger = await launchInto(c.tool, person(`${COURSE}-x`, 'Xia Elsewhere', 'admin'), COURSE, await otherPlatform(c.tool, `${COURSE}.lms.example`));
    const current = (await c.tool.db.raw('select current_schema() as s')).rows[0].s as string;
    schemas = [current, c.tool.config.jobs.schema];
  });
  afterAll(async () => {
    await c.tool.stopAll();
  });

  it('returns 403 when a participant or a lead asks to erase someone', async () => {
    expect((await erase(c.other, c.subject.userId, c.subject.userId)).status).toBe(403);
    expect((await erase(c.lead, c.subject.userId, c.subject.userId)).status).toBe(403);
  });

  it('returns 404 when an admin of another tenant asks', async () => {
    expect((await erase(stranger, c.subject.userId, c.subject.userId)).status).toBe(404);
  });

  it('returns 422 with a wrong confirmation and changes nothing', async () => {
    const before = await othersWork();
    const res = await erase(c.admin, c.subject.userId, c.other.userId);
    expect(res.status).toBe(422);
    expect(res.body.error.id).toBe('confirmation_mismatch');
    expect(await c.tool.db('users').where('id', c.subject.userId).first()).toMatchObject({ name: SUBJECT_NAME, email: SUBJECT_EMAIL });
    expect(await c.tool.db('step_responses').where('user_id', c.subject.userId).first()).toBeDefined();
    expect(await othersWork()).toEqual(before);
  });

  it('erases the person: no name, email or own words left in any text column of any table; others\' work intact', async () => {
    const before = await othersWork();
    const key = (await c.tool.db('attachments').where('id', c.subjectFileId).first()).storage_key as string;
    const submittedReviews = Number((await c.tool.db('audition_reviews').where({ reviewer_id: c.subject.userId, status: 'submitted' }).count('* as n'))[0]!.n);
    expect(await searchEverywhere(c.tool.db, schemas, [SUBJECT_NAME, SUBJECT_EMAIL, SUBJECT_REFLECTION, SUBJECT_WORK])).not.toEqual([]);

    const res = await erase(c.admin, c.subject.userId, c.subject.userId);
    expect(res.status).toBe(200);
    expect(res.body.erased).toMatchObject({ userId: c.subject.userId, reviewsKeptAnonymised: submittedReviews });

    expect(await searchEverywhere(c.tool.db, schemas, [SUBJECT_NAME, 'Tess', SUBJECT_EMAIL, `${COURSE}-t1`, SUBJECT_REFLECTION, SUBJECT_WORK, SUBJECT_FILE, SUBJECT_EVIDENCE, SUBJECT_RATING])).toEqual([]);
    expect((await filesUnder(c.tool.attachmentsDir)).some((f) => f.endsWith(key))).toBe(false);
    expect(await othersWork()).toEqual(before);
    // Their reviews of others remain, shown as written by a former colleague.
    expect(Number((await c.tool.db('audition_reviews').where({ reviewer_id: c.subject.userId, status: 'submitted' }).count('* as n'))[0]!.n)).toBe(submittedReviews);
    expect((await c.tool.db('users').where('id', c.subject.userId).first()).name).toBe('a former colleague');
    const event = await c.tool.db('audit_events').where({ action: 'person.data_erased', subject_id: c.subject.userId }).first();
    expect(event).toMatchObject({ actor_user_id: c.admin.userId, actor_kind: 'person' });
  });

  it('keeps other people\'s private words and files readable by them', async () => {
    const ids = await c.tool.db('step_responses').where('user_id', c.other.userId).pluck('id');
    expect(ids.length).toBeGreaterThan(0);
    const needles = [OTHER_REFLECTION, OTHER_WORK, OTHER_EVIDENCE, OTHER_RATING];
    const hits = await searchEverywhere(c.tool.db, schemas, needles);
    for (const needle of needles) expect(hits.some((h) => h.endsWith(`: ${needle}`))).toBe(true);
    const files = await c.tool.db('attachments').where('owner_id', c.other.userId);
    expect(files).toHaveLength(1);
    const content = await c.tool.services.attachments.storage.open(files[0].storage_key);
    const chunks: Buffer[] = [];
    for await (const chunk of content!) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe(OTHER_FILE);
  });

  it('a second launch of the same LMS user creates a fresh person', async () => {
    const again = await launchInto(c.tool, person(`${COURSE}-t1`, SUBJECT_NAME, 'participant'), COURSE);
    expect(again.userId).not.toBe(c.subject.userId);
    expect((await call(c.tool, 'GET', '/api/me', again)).status).toBe(200);
  });

  it('returns 404 for a person who is no longer a member (already erased)', async () => {
    expect((await erase(c.admin, c.subject.userId, c.subject.userId)).status).toBe(404);
  });
});
