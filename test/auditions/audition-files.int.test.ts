import { api } from '../helpers/ltiFlow';
import { startAttachmentTool, upload } from '../attachments/attachmentFlow';
import { exe, pdf } from '../attachments/fixtures';
import { answers, auditionCourse, createAudition, draftBody, queueOf } from './auditionFlow';
import { call, launchInto, otherPlatform, person, type Who } from '../modules/moduleFlow';

jest.setTimeout(180_000);

// Files in audition work (purpose audition-submission): the upload screen's API and who may read a submitted file.
describe('audition files: upload, attach on submit, and who may read them', () => {
  let tool: Awaited<ReturnType<typeof startAttachmentTool>>;
  let c: Awaited<ReturnType<typeof auditionCourse>>;
  let base: string;
  let auditionId: string;
  let fileId: string;
  let author: Who;

  const send = (who: Who, filename: string, bytes: Buffer) => upload(tool, who, { purpose: 'audition-submission', filename, bytes });
  const submitWith = async (who: Who, ids: string[]) => {
    const body = draftBody(0);
    const saved = await call(tool, 'PUT', `${base}/submission/draft`, who, { ...body, work: { ...body.work, attachmentIds: ids } });
    expect(saved.status).toBe(200);
    return call(tool, 'POST', `${base}/submission/versions`, who, { revision: saved.body.submission.revision });
  };
  const content = async (who: Who, id = fileId) => (await api(tool, `/api/attachments/${id}/content`, who.token)).status;

  beforeAll(async () => {
    tool = await startAttachmentTool({ RATE_LIMIT_UPLOADS_PER_MINUTE: '10000' });
    c = await auditionCourse(tool, 'audition-files', 4);
    auditionId = await createAudition(tool, c.lead, c.cohortId, c.moduleId, { reviewersPerSubmission: 1, acceptedParts: ['text', 'link', 'attachment'] });
    base = `/api/cohorts/${c.cohortId}/auditions/${auditionId}`;
    author = c.teachers[0]!;
    // Two colleagues submit first, so the author's work gets a reviewer at once (rolling mode).
    for (const t of c.teachers.slice(1, 3)) expect((await submitWith(t, [])).status).toBe(201);
    const up = await send(author, 'Fractions plan.pdf', pdf());
    expect(up.status).toBe(201);
    expect(up.body.attachment).toMatchObject({ kind: 'pdf', ownedByYou: true });
    fileId = up.body.attachment.id;
  });
  afterAll(async () => {
    await tool?.stopAll();
  });

  it('returns 415 attachment_type_not_allowed for a program, and nothing is stored', async () => {
    const before = await tool.db('attachments').count<{ n: string }[]>('* as n');
    const res = await send(author, 'setup.pdf', exe());
    expect(res.status).toBe(415);
    expect(res.body.error.id).toBe('attachment_type_not_allowed');
    expect(await tool.db('attachments').count<{ n: string }[]>('* as n')).toEqual(before);
  });

  it('returns 400 and creates no version when the draft lists a file that is not the author’s upload', async () => {
    const other = await send(c.teachers[3]!, 'their-plan.pdf', pdf());
    expect(other.status).toBe(201);
    expect((await submitWith(c.teachers[3]!, [])).status).toBe(201); // its owner submits without it
    const body = draftBody(0);
    const saved = await call(tool, 'PUT', `${base}/submission/draft`, author, { ...body, work: { ...body.work, attachmentIds: [other.body.attachment.id] } });
    expect(saved.status).toBe(200); // a draft may hold anything while it is written; it does not keep their file alive
    expect(await tool.db('attachment_references').where({ attachment_id: other.body.attachment.id }).count<{ n: number }[]>('* as n')).toEqual([{ n: 0 }]);
    const refused = await call(tool, 'POST', `${base}/submission/versions`, author, { revision: saved.body.submission.revision });
    expect(refused.status).toBe(400);
    expect(refused.body.error.id).toBe('validation_failed');
    expect(await tool.db('audition_submissions').where({ author_id: author.userId }).first('current_version')).toEqual({ current_version: 0 });
  });

  it('returns 201 for a version with the author’s file; the file is then in use (409 on delete)', async () => {
    const body = draftBody(1);
    const current = await call(tool, 'GET', `${base}/submission`, author);
    const saved = await call(tool, 'PUT', `${base}/submission/draft`, author, { ...body, revision: current.body.submission.revision, work: { ...body.work, attachmentIds: [fileId] } });
    expect(saved.status).toBe(200);
    const res = await call(tool, 'POST', `${base}/submission/versions`, author, { revision: saved.body.submission.revision });
    expect(res.status).toBe(201);
    expect(res.body.submission.versions[0].work.attachmentIds).toEqual([fileId]);
    const del = await api(tool, `/api/attachments/${fileId}`, author.token, { method: 'DELETE' });
    expect(del.status).toBe(409);
  });

  it('returns 200 to the assigned reviewer and the lead, 403 to a colleague who does not review it, 404 to another tenant', async () => {
    const reviewer = await (async () => {
      for (const t of c.teachers.slice(1)) {
        const reviews = await tool.db('audition_reviews as r').join('audition_submissions as s', 's.id', 'r.submission_id').where({ 's.author_id': author.userId, 'r.reviewer_id': t.userId }).first('r.id');
        if (reviews) return t;
      }
      throw new Error('the author’s work has no reviewer');
    })();
    const bystander = c.teachers.slice(1).find((t) => t !== reviewer)!;
    const hasReview = await tool.db('audition_reviews as r').join('audition_submissions as s', 's.id', 'r.submission_id').where({ 's.author_id': author.userId, 'r.reviewer_id': bystander.userId }).first('r.id');
    expect(hasReview).toBeUndefined();
    expect(await content(reviewer)).toBe(200);
    expect(await content(c.lead)).toBe(200);
    expect(await content(c.admin)).toBe(200);
    expect(await content(bystander)).toBe(403);
    const elsewhere = await launchInto(tool, person('audition-files-x', 'Xia Elsewhere', 'admin'), 'audition-files', await otherPlatform(tool, 'audition-files.lms.example'));
    expect(await content(elsewhere)).toBe(404);
    // The reviewer can still send feedback as usual.
    const open = await queueOf(tool, reviewer, auditionId);
    if (open[0]) expect((await call(tool, 'POST', `${base}/reviews/${open[0].id}/submit`, reviewer, { answers: answers(3, 'Clear') })).status).toBe(200);
  });

  it('keeps a file listed in a saved draft through the abandoned-upload cleanup, and releases it when the draft drops it', async () => {
    const t = c.teachers[2]!;
    const kept = await send(t, 'draft-plan.pdf', pdf());
    expect(kept.status).toBe(201);
    const id = kept.body.attachment.id;
    const current = await call(tool, 'GET', `${base}/submission`, t);
    const body = draftBody(1);
    const saved = await call(tool, 'PUT', `${base}/submission/draft`, t, { ...body, revision: current.body.submission.revision, work: { ...body.work, attachmentIds: [id] } });
    expect(saved.status).toBe(200);
    // The cleanup removes uploads nobody uses once they are older than the grace period: run it as if a day had passed.
    await tool.services.attachments.service.cleanup(new Date(Date.now() + 2 * 86_400_000));
    expect(await tool.db('attachments').where({ id }).first('id')).toEqual({ id });
    const dropped = await call(tool, 'PUT', `${base}/submission/draft`, t, { ...body, revision: saved.body.submission.revision, work: { ...body.work, attachmentIds: [] } });
    expect(dropped.status).toBe(200);
    expect(await tool.services.attachments.service.cleanup(new Date(Date.now() + 2 * 86_400_000))).toBe(1);
    expect(await tool.db('attachments').where({ id }).first('id')).toBeUndefined();
  });

  it('keeps a draft’s file private to its author until it is submitted (403 to the lead)', async () => {
    const draftFile = await send(c.teachers[3]!, 'next-plan.pdf', pdf());
    expect(draftFile.status).toBe(201);
    expect(await content(c.teachers[3]!, draftFile.body.attachment.id)).toBe(200);
    expect(await content(c.lead, draftFile.body.attachment.id)).toBe(403);
  });
});

describe('audition files: GET /api/attachments/purposes/:name', () => {
  let tool: Awaited<ReturnType<typeof startAttachmentTool>>;
  let who: Who;
  beforeAll(async () => {
    tool = await startAttachmentTool({ ATTACHMENTS_MAX_BYTES: String(1024 * 1024) });
    who = await launchInto(tool, person('rules-t1', 'Rhea Rules', 'participant'), 'rules-course');
  });
  afterAll(async () => {
    await tool?.stopAll();
  });

  it('returns 200 with the kinds and the size limit, capped by ATTACHMENTS_MAX_BYTES', async () => {
    const res = await call(tool, 'GET', '/api/attachments/purposes/audition-submission', who);
    expect(res.status).toBe(200);
    expect(res.body.purpose).toEqual({ name: 'audition-submission', accept: ['pdf', 'png', 'jpeg', 'gif', 'webp', 'docx', 'xlsx', 'pptx', 'text', 'mp4'], maxBytes: 1024 * 1024 });
  });

  it('returns 400 unknown_attachment_purpose for a purpose nobody registered, 401 without a session', async () => {
    const res = await call(tool, 'GET', '/api/attachments/purposes/no-such-purpose', who);
    expect(res.status).toBe(400);
    expect(res.body.error.id).toBe('unknown_attachment_purpose');
    expect((await call(tool, 'GET', '/api/attachments/purposes/audition-submission', null)).status).toBe(401);
  });
});
