import { writeFile, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { Who } from '../modules/moduleFlow';
import { CLEANUP_QUEUE } from '../../lti-tool/src/attachments/attachments.module';
import { jobDefinitions } from '../../lti-tool/src/app';
import { filesUnder, people, startAttachmentTool, upload } from './attachmentFlow';
import { pdf, text } from './fixtures';

jest.setTimeout(120_000);

describe('cleanup of abandoned uploads', () => {
  let tool: Awaited<ReturnType<typeof startAttachmentTool>>;
  let t1: Who;

  beforeAll(async () => {
    tool = await startAttachmentTool();
    ({ t1 } = await people(tool, 'cleanup-course'));
  });
  afterAll(async () => {
    await tool.stopAll();
  });

  const uploadAged = async (name: string, hoursAgo: number) => {
    const res = await upload(tool, t1, { filename: name, bytes: name.endsWith('.pdf') ? pdf() : text(name) });
    const id = res.body.attachment.id as string;
    await tool.db('attachments').where({ id }).update({ created_at: new Date(Date.now() - hoursAgo * 3600_000) });
    const key = (await tool.db('attachments').where({ id }).first()).storage_key as string;
    return { id, key };
  };

  it('deletes unreferenced uploads older than a day (row and object) and keeps recent or referenced ones', async () => {
    const old = await uploadAged('abandoned.pdf', 25);
    const recent = await uploadAged('recent.txt', 2);
    const referenced = await uploadAged('submitted.pdf', 72);
    const dropped = await uploadAged('was-used.txt', 30);
    const { service, storage } = tool.services.attachments;
    await tool.db.transaction((trx) => service.markReferenced(trx, referenced.id, 'audition-version:1'));
    await tool.db.transaction((trx) => service.markReferenced(trx, dropped.id, 'audition-draft:1'));
    await tool.db.transaction((trx) => service.unmarkReferenced(trx, dropped.id, 'audition-draft:1'));

    const partial = path.join(tool.attachmentsDir, 'incoming', 'crashed.part');
    await writeFile(partial, 'half an upload');
    const twoDaysAgo = new Date(Date.now() - 48 * 3600_000);
    await utimes(partial, twoDaysAgo, twoDaysAgo);

    expect(await tool.services.attachments.cleanup()).toEqual({ attachments: 2, partials: 1 });
    const left = await tool.db('attachments').pluck('id');
    expect(left).toEqual(expect.arrayContaining([recent.id, referenced.id]));
    expect(left).not.toContain(old.id);
    expect(left).not.toContain(dropped.id);
    expect(await storage.open(old.key)).toBeNull();
    expect(await storage.open(dropped.key)).toBeNull();
    expect(await storage.open(referenced.key)).not.toBeNull();
    expect(await filesUnder(path.join(tool.attachmentsDir, 'incoming'))).toEqual([]);
    expect(await tool.services.attachments.cleanup()).toEqual({ attachments: 0, partials: 0 });
  });

  it('removes abandoned uploads in batches until none is left', async () => {
    for (let i = 0; i < 5; i++) await uploadAged(`batch-${i}.txt`, 30);
    expect(await tool.services.attachments.service.cleanup(new Date(Date.now() - 24 * 3600_000), 2)).toBe(5);
  });

  it('runs as an hourly scheduled job of the tool’s job queue', () => {
    const job = jobDefinitions(tool.services).find((d) => d.queue.name === CLEANUP_QUEUE);
    expect(job?.schedule?.cron).toBe('23 * * * *');
  });
});
