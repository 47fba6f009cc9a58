import type { Who } from '../modules/moduleFlow';
import { api } from '../helpers/ltiFlow';
import { createS3Storage } from '../../lti-tool/src/attachments/storage/s3.storage';
import { filesUnder, people, startAttachmentTool, upload } from './attachmentFlow';
import { png, pdf } from './fixtures';
import { startS3Emulator } from './s3Emulator';

jest.setTimeout(120_000);

// The S3 adapter against an in-process S3-compatible server (path-style, as MinIO is usually run).
describe('S3-compatible attachment storage', () => {
  let s3: Awaited<ReturnType<typeof startS3Emulator>>;
  let tool: Awaited<ReturnType<typeof startAttachmentTool>>;
  let t1: Who;
  let lead: Who;

  beforeAll(async () => {
    s3 = await startS3Emulator();
    tool = await startAttachmentTool({
      ATTACHMENTS_STORAGE: 's3',
      ATTACHMENTS_S3_BUCKET: 'staffroom-test',
      ATTACHMENTS_S3_ENDPOINT: s3.url,
      ATTACHMENTS_S3_FORCE_PATH_STYLE: 'on',
      ATTACHMENTS_S3_REGION: 'eu-west-1',
      ATTACHMENTS_S3_ACCESS_KEY_ID: 'test-access-key',
      ATTACHMENTS_S3_SECRET_ACCESS_KEY: 'test-secret-key-test-secret-key',
    });
    ({ t1, lead } = await people(tool, 's3-course'));
  });
  afterAll(async () => {
    await tool.stopAll();
    await s3.close();
  });

  it('stores an upload as an object under the prefix and a random key, and serves it back byte for byte', async () => {
    expect(tool.services.attachments.storage.kind).toBe('s3');
    const bytes = png();
    const res = await upload(tool, t1, { filename: 'board.png', bytes });
    expect(res.status).toBe(201);
    const key = (await tool.db('attachments').where({ id: res.body.attachment.id }).first()).storage_key as string;
    const object = s3.objects.get(`/staffroom-test/attachments/${key}`);
    expect(object?.body.equals(bytes)).toBe(true);
    expect(object?.type).toBe('image/png');
    expect(await filesUnder(tool.attachmentsDir)).toEqual([]); // the temporary file is gone, nothing kept locally

    const download = await api(tool, `/api/attachments/${res.body.attachment.id}/content`, lead.token);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('deletes the object when the owner deletes the attachment', async () => {
    const res = await upload(tool, t1, { filename: 'gone.pdf', bytes: pdf() });
    const key = (await tool.db('attachments').where({ id: res.body.attachment.id }).first()).storage_key as string;
    expect(s3.objects.has(`/staffroom-test/attachments/${key}`)).toBe(true);
    expect((await api(tool, `/api/attachments/${res.body.attachment.id}`, t1.token, { method: 'DELETE' })).status).toBe(204);
    expect(s3.objects.has(`/staffroom-test/attachments/${key}`)).toBe(false);
    expect(s3.calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toContain(`/staffroom-test/attachments/${key}`);
  });

  it('answers null for a missing object and tolerates deleting one twice (adapter)', async () => {
    const storage = createS3Storage({ bucket: 'other', region: 'us-east-1', endpoint: s3.url, forcePathStyle: true, prefix: '', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    expect(await storage.open('0123456789abcdef0123')).toBeNull();
    await storage.remove('0123456789abcdef0123');
    await storage.remove('0123456789abcdef0123');
  });

  it('answers 503 attachment_content_unavailable when the object has vanished from the bucket', async () => {
    const res = await upload(tool, t1, { filename: 'lost.pdf', bytes: pdf() });
    const key = (await tool.db('attachments').where({ id: res.body.attachment.id }).first()).storage_key as string;
    s3.objects.delete(`/staffroom-test/attachments/${key}`);
    const download = await api(tool, `/api/attachments/${res.body.attachment.id}/content`, t1.token);
    expect(download.status).toBe(503);
  });
});
