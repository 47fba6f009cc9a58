import { filesUnder, people, startAttachmentTool, upload } from '../attachments/attachmentFlow';
import { buildCohort } from '../modules/factories';
import { call, launchInto, person, type Who } from '../modules/moduleFlow';
import { RETENTION_QUEUE } from '../../lti-tool/src/privacy/privacy.module';
import { STUDENT_MATERIAL_REMINDER } from '../../lti-tool/src/privacy/retention.service';
import { jobDefinitions } from '../../lti-tool/src/app';

jest.setTimeout(120_000);

const DAY = 86_400_000;

describe('privacy: retention of student material', () => {
  let tool: Awaited<ReturnType<typeof startAttachmentTool>>;
  let admin: Who;
  let t1: Who;
  let t2: Who;
  let cohortId: string;

  beforeAll(async () => {
    tool = await startAttachmentTool();
    ({ t1, t2 } = await people(tool, 'retention-course'));
    admin = await launchInto(tool, person('retention-course-admin', 'Ada Admin', 'admin'), 'retention-course');
    cohortId = await buildCohort(tool.db, admin.contextId, { title: 'Retention cohort' });
  });
  afterAll(async () => {
    await tool.stopAll();
  });

  const uploadAt = async (who: Who, name: string, studentMaterial: boolean, daysAgo: number) => {
    const res = await upload(tool, who, { filename: name, bytes: Buffer.from(`contents of ${name}`), type: 'text/plain' });
    expect(res.status).toBe(201);
    const id = res.body.attachment.id as string;
    if (studentMaterial) expect((await call(tool, 'PUT', `/api/attachments/${id}/student-material`, who, { containsStudentMaterial: true })).status).toBe(200);
    await tool.db('attachments').where({ id }).update({ created_at: new Date(Date.now() - daysAgo * DAY) });
    return { id, key: (await tool.db('attachments').where({ id }).first()).storage_key as string };
  };

  it('answers every upload with the reminder about student-identifying material', async () => {
    const res = await upload(tool, t1, { filename: 'plan.txt', bytes: Buffer.from('plan'), type: 'text/plain' });
    expect(res.status).toBe(201);
    expect(res.body.reminder).toBe(STUDENT_MATERIAL_REMINDER);
    expect(res.body.attachment.containsStudentMaterial).toBe(false);
  });

  it('marks an upload as student material with ?studentMaterial=true', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(Buffer.from('student work'))], { type: 'text/plain' }), 'work.txt');
    const res = await fetch(`${tool.url}/api/attachments?purpose=test-evidence&studentMaterial=true`, { method: 'POST', body: form, headers: { authorization: `Bearer ${t1.token}` } });
    const body = (await res.json()) as { attachment: { id: string; containsStudentMaterial: boolean }; reminder: string };
    expect(res.status).toBe(201);
    expect(body.attachment.containsStudentMaterial).toBe(true);
    expect((await tool.db('attachments').where({ id: body.attachment.id }).first()).contains_student_material).toBe(true);
  });

  it('lets only the cohort\'s admin set studentFileRetentionDays (403 for a participant, 400 for a bad value)', async () => {
    expect((await call(tool, 'PUT', `/api/cohorts/${cohortId}/privacy`, t1, { studentFileRetentionDays: 30 })).status).toBe(403);
    expect((await call(tool, 'PUT', `/api/cohorts/${cohortId}/privacy`, admin, { studentFileRetentionDays: 0 })).status).toBe(400);
    expect((await call(tool, 'PUT', `/api/cohorts/${cohortId}/privacy`, admin, { studentFileRetentionDays: 30 })).status).toBe(200);
    expect((await call(tool, 'GET', `/api/cohorts/${cohortId}/privacy`, t1)).body).toEqual({ privacy: { studentFileRetentionDays: 30 } });
  });

  it('returns 404 when someone else marks a file as student material', async () => {
    const mine = await uploadAt(t1, 'mine.txt', false, 0);
    expect((await call(tool, 'PUT', `/api/attachments/${mine.id}/student-material`, t2, { containsStudentMaterial: true })).status).toBe(404);
  });

  it('deletes student material older than the retention period (row and object) and keeps everything else', async () => {
    const expired = await uploadAt(t1, 'classroom-video.txt', true, 31);
    const fresh = await uploadAt(t1, 'recent-video.txt', true, 5);
    const oldPlain = await uploadAt(t2, 'old-plan.txt', false, 90);
    const { retention } = tool.services.privacy;
    expect(await retention.sweep(new Date(Date.now() - 2 * DAY))).toEqual({ deleted: 0 }); // 29 days old then
    expect(await retention.sweep(new Date())).toEqual({ deleted: 1 });
    expect(await tool.db('attachments').where({ id: expired.id }).first()).toBeUndefined();
    expect((await filesUnder(tool.attachmentsDir)).some((f) => f.endsWith(expired.key))).toBe(false);
    for (const kept of [fresh, oldPlain]) {
      expect(await tool.db('attachments').where({ id: kept.id }).first()).toBeDefined();
      expect((await filesUnder(tool.attachmentsDir)).some((f) => f.endsWith(kept.key))).toBe(true);
    }
    expect(await retention.sweep(new Date(Date.now() + 30 * DAY))).toEqual({ deleted: 2 }); // the fresh one, and the earlier marked upload
  });

  it('keeps student material when the cohort sets no retention period', async () => {
    await call(tool, 'PUT', `/api/cohorts/${cohortId}/privacy`, admin, { studentFileRetentionDays: null });
    await uploadAt(t1, 'kept-video.txt', true, 400);
    expect(await tool.services.privacy.retention.sweep(new Date())).toEqual({ deleted: 0 });
  });

  it('is a scheduled job', () => {
    const job = jobDefinitions(tool.services).find((d) => d.queue.name === RETENTION_QUEUE);
    expect(job?.schedule?.cron).toBeDefined();
  });
});
