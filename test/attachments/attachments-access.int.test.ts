import type { Who } from '../modules/moduleFlow';
import { api } from '../helpers/ltiFlow';
import { EVIDENCE, NOTES, people, startAttachmentTool, upload } from './attachmentFlow';
import { gif, jpeg, mp4, ooxml, pdf, png, text, webp } from './fixtures';

jest.setTimeout(120_000);

describe('attachment downloads, access policies and deletion', () => {
  let tool: Awaited<ReturnType<typeof startAttachmentTool>>;
  let t1: Who;
  let t2: Who;
  let lead: Who;
  let stranger: Who;

  beforeAll(async () => {
    tool = await startAttachmentTool();
    ({ t1, t2, lead, stranger } = await people(tool, 'access-course'));
  });
  afterAll(async () => {
    await tool.stopAll();
  });

  const uploaded = async (who: Who, filename: string, bytes: Buffer, purpose = EVIDENCE): Promise<string> => {
    const res = await upload(tool, who, { purpose, filename, bytes });
    if (res.status !== 201) throw new Error(`upload ${filename}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.attachment.id as string;
  };
  const content = (who: Who | null, id: string) => api(tool, `/api/attachments/${id}/content`, who?.token ?? null);

  it('serves the owner their file with the detected type, nosniff, a default-src none CSP, no caching and the exact bytes', async () => {
    const bytes = pdf();
    const id = await uploaded(t1, 'Plan de leçon.pdf', bytes);
    const res = await content(t1, id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none';/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="Plan de le_on.pdf"; filename*=UTF-8''Plan%20de%20le%C3%A7on.pdf`);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it.each([
    { filename: 'a.pdf', make: pdf, disposition: 'inline' },
    { filename: 'a.png', make: png, disposition: 'inline' },
    { filename: 'a.jpg', make: jpeg, disposition: 'inline' },
    { filename: 'a.gif', make: gif, disposition: 'inline' },
    { filename: 'a.webp', make: webp, disposition: 'inline' },
    { filename: 'a.docx', make: () => ooxml('docx'), disposition: 'attachment' },
    { filename: 'a.xlsx', make: () => ooxml('xlsx'), disposition: 'attachment' },
    { filename: 'a.pptx', make: () => ooxml('pptx'), disposition: 'attachment' },
    { filename: 'a.txt', make: () => text(), disposition: 'attachment' },
    { filename: 'a.mp4', make: mp4, disposition: 'attachment' },
  ])('serves $filename with Content-Disposition $disposition', async ({ filename, make, disposition }) => {
    const res = await content(t1, await uploaded(t1, filename, make()));
    expect(res.headers.get('content-disposition')).toBe(`${disposition}; filename="${filename}"; filename*=UTF-8''${filename}`);
    if (disposition === 'attachment') expect(res.headers.get('content-security-policy')).toMatch(/; sandbox$/);
    await res.arrayBuffer();
  });

  it('serves text as text/plain; charset=utf-8 even when it is HTML, as a sandboxed download', async () => {
    const res = await content(t1, await uploaded(t1, 'page.txt', text('<html><script>alert(document.domain)</script></html>')));
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('refuses another teacher of the same course with 403 attachment_forbidden when the purpose’s policy says no', async () => {
    const id = await uploaded(t1, 'mine.pdf', pdf());
    const res = await content(t2, id);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { id: string } }).error.id).toBe('attachment_forbidden');
    expect((await api(tool, `/api/attachments/${id}`, t2.token)).status).toBe(403);
  });

  it('lets a lead of the course read a teacher’s evidence because the purpose’s policy allows it, without learning who owns it', async () => {
    const id = await uploaded(t1, 'evidence.png', png());
    expect((await content(lead, id)).status).toBe(200);
    const meta = (await (await api(tool, `/api/attachments/${id}`, lead.token)).json()) as { attachment: Record<string, unknown> };
    expect(meta.attachment).toMatchObject({ id, filename: 'evidence.png', kind: 'png', ownedByYou: false, contentUrl: `/api/attachments/${id}/content` });
    expect(JSON.stringify(meta)).not.toContain(t1.userId);
    expect(meta.attachment).not.toHaveProperty('storageKey');
  });

  it('never lets anyone but the owner read a file whose purpose’s policy refuses everyone (the lead gets 403)', async () => {
    const id = await uploaded(t1, 'private.txt', text('only me'), NOTES);
    expect((await content(t1, id)).status).toBe(200);
    expect((await content(lead, id)).status).toBe(403);
  });

  it('answers 404 to someone of another tenant (even a lead), to an unknown id and to a malformed id; 401 without a session', async () => {
    const id = await uploaded(t1, 'tenant.pdf', pdf());
    for (const path of [`/api/attachments/${id}/content`, `/api/attachments/${id}`]) {
      const res = await api(tool, path, stranger.token);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { id: string } }).error.id).toBe('not_found');
    }
    expect((await api(tool, `/api/attachments/${id}`, stranger.token, { method: 'DELETE' })).status).toBe(404);
    expect((await content(t1, '6f1c1f7e-98b5-4a39-9a51-5a0a2c4f0000')).status).toBe(404);
    expect((await content(t1, 'not-a-uuid')).status).toBe(404);
    expect((await content(null, id)).status).toBe(401);
  });

  it('lets the owner delete an unreferenced file (204): row and stored object are gone and it answers 404 afterwards', async () => {
    const id = await uploaded(t1, 'gone.pdf', pdf());
    const key = (await tool.db('attachments').where({ id }).first()).storage_key;
    expect(await tool.services.attachments.storage.open(key)).not.toBeNull();
    expect((await api(tool, `/api/attachments/${id}`, t1.token, { method: 'DELETE' })).status).toBe(204);
    expect(await tool.db('attachments').where({ id }).first()).toBeUndefined();
    expect(await tool.services.attachments.storage.open(key)).toBeNull();
    expect((await content(t1, id)).status).toBe(404);
  });

  it('refuses deletion by others: 403 attachment_not_owner to a reader the policy allows, 403 attachment_forbidden to anyone else', async () => {
    const id = await uploaded(t1, 'keep.pdf', pdf());
    const byLead = await api(tool, `/api/attachments/${id}`, lead.token, { method: 'DELETE' });
    expect([byLead.status, ((await byLead.json()) as { error: { id: string } }).error.id]).toEqual([403, 'attachment_not_owner']);
    const byPeer = await api(tool, `/api/attachments/${id}`, t2.token, { method: 'DELETE' });
    expect([byPeer.status, ((await byPeer.json()) as { error: { id: string } }).error.id]).toEqual([403, 'attachment_forbidden']);
    expect((await content(t1, id)).status).toBe(200);
  });

  it('refuses to delete a referenced file with 409 attachment_in_use, and deletes it once the last reference is dropped', async () => {
    const id = await uploaded(t1, 'used.pdf', pdf());
    const { service } = tool.services.attachments;
    await tool.db.transaction((trx) => service.markReferenced(trx, id, 'audition-version:1'));
    await tool.db.transaction((trx) => service.markReferenced(trx, id, 'audition-version:1')); // idempotent
    await tool.db.transaction((trx) => service.markReferenced(trx, id, 'audition-version:2'));
    expect(await service.isReferenced(id)).toBe(true);
    const refused = await api(tool, `/api/attachments/${id}`, t1.token, { method: 'DELETE' });
    expect([refused.status, ((await refused.json()) as { error: { id: string } }).error.id]).toEqual([409, 'attachment_in_use']);
    await tool.db.transaction((trx) => service.unmarkReferenced(trx, id, 'audition-version:1'));
    expect((await api(tool, `/api/attachments/${id}`, t1.token, { method: 'DELETE' })).status).toBe(409);
    await tool.db.transaction((trx) => service.unmarkReferenced(trx, id, 'audition-version:2'));
    expect(await service.isReferenced(id)).toBe(false);
    expect((await api(tool, `/api/attachments/${id}`, t1.token, { method: 'DELETE' })).status).toBe(204);
    expect(await tool.db.transaction((trx) => service.markReferenced(trx, id, 'audition-version:3'))).toBe(false);
  });

  it('gives a defined outcome when a feature references a file while its owner deletes it: exactly one of them wins', async () => {
    const { service } = tool.services.attachments;
    for (let i = 0; i < 5; i++) {
      const id = await uploaded(t1, `race-${i}.pdf`, pdf());
      const [del, marked] = await Promise.all([
        api(tool, `/api/attachments/${id}`, t1.token, { method: 'DELETE' }),
        tool.db.transaction((trx) => service.markReferenced(trx, id, `audition-version:race-${i}`)),
      ]);
      const row = await tool.db('attachments').where({ id }).first();
      if (marked) {
        expect(del.status).toBe(409);
        expect(row).toBeDefined();
      } else {
        expect(del.status).toBe(204);
        expect(row).toBeUndefined();
      }
    }
  });

  it('lets a feature attach only the session’s own upload of the right purpose (attach)', async () => {
    const { service } = tool.services.attachments;
    const id = await uploaded(t1, 'attach.pdf', pdf());
    const session = async (who: Who) => (await tool.services.sessionTokens.verify(who.token)) as Exclude<Awaited<ReturnType<typeof tool.services.sessionTokens.verify>>, 'expired' | null>;
    const mine = await tool.db.transaction(async (trx) => service.attach(trx, await session(t1), id, { purpose: EVIDENCE, referrer: 'audition-version:9' }));
    expect(mine).toMatchObject({ ok: true, value: { id } });
    const notMine = await tool.db.transaction(async (trx) => service.attach(trx, await session(t2), id, { purpose: EVIDENCE, referrer: 'audition-version:10' }));
    expect(notMine).toEqual({ ok: false, error: { kind: 'not_found' } });
    const wrongPurpose = await tool.db.transaction(async (trx) => service.attach(trx, await session(t1), id, { purpose: NOTES, referrer: 'x' }));
    expect(wrongPurpose).toEqual({ ok: false, error: { kind: 'wrong_purpose', expected: NOTES } });
    expect(await service.isReferenced(id)).toBe(true);
  });
});
