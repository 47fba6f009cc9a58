import { stat } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Who } from '../modules/moduleFlow';
import { EVIDENCE, EVIDENCE_MAX, filesUnder, NOTES, people, startAttachmentTool, upload } from './attachmentFlow';
import { exe, gif, jpeg, mp4, ooxml, pdf, png, text, webp, zip } from './fixtures';

jest.setTimeout(120_000);

describe('attachment uploads', () => {
  let tool: Awaited<ReturnType<typeof startAttachmentTool>>;
  let t1: Who;

  beforeAll(async () => {
    tool = await startAttachmentTool();
    ({ t1 } = await people(tool, 'upload-course'));
  });
  afterAll(async () => {
    await tool.stopAll();
  });

  const rowCount = async () => Number((await tool.db('attachments').count({ n: '*' }))[0]!.n);
  const storedObjects = async () => (await filesUnder(tool.attachmentsDir)).filter((f) => f.startsWith('objects'));

  it.each([
    { filename: 'plan.pdf', make: pdf, kind: 'pdf', mime: 'application/pdf' },
    { filename: 'photo.png', make: png, kind: 'png', mime: 'image/png' },
    { filename: 'photo.JPG', make: jpeg, kind: 'jpeg', mime: 'image/jpeg' },
    { filename: 'anim.gif', make: gif, kind: 'gif', mime: 'image/gif' },
    { filename: 'pic.webp', make: webp, kind: 'webp', mime: 'image/webp' },
    { filename: 'lesson.docx', make: () => ooxml('docx'), kind: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
    { filename: 'marks.xlsx', make: () => ooxml('xlsx'), kind: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    { filename: 'slides.pptx', make: () => ooxml('pptx'), kind: 'pptx', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
    { filename: 'notes.txt', make: () => text(), kind: 'text', mime: 'text/plain; charset=utf-8' },
    { filename: 'clip.mp4', make: mp4, kind: 'mp4', mime: 'video/mp4' },
  ])('accepts $filename with 201 and records the type detected from its content ($kind)', async ({ filename, make, kind, mime }) => {
    const bytes = make();
    const res = await upload(tool, t1, { filename, bytes, type: 'application/x-lies' });
    expect(res.status).toBe(201);
    expect(res.body.attachment).toMatchObject({ filename, kind, mimeType: mime, sizeBytes: bytes.length, purpose: EVIDENCE, ownedByYou: true });
    expect(res.body.attachment.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(res.headers.get('location')).toBe(`/api/attachments/${res.body.attachment.id}`);
    const row = await tool.db('attachments').where({ id: res.body.attachment.id }).first();
    expect(row).toMatchObject({ owner_id: t1.userId, context_id: t1.contextId, mime_type: mime, purpose: EVIDENCE });
  });

  it('refuses a file named .pdf whose bytes are a PNG with 422 attachment_type_mismatch, keeping nothing', async () => {
    const [rows, objects] = [await rowCount(), (await storedObjects()).length];
    const res = await upload(tool, t1, { filename: 'report.pdf', bytes: png(), type: 'application/pdf' });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ id: 'attachment_type_mismatch', details: { claimed: 'pdf', detected: 'png' } });
    expect(await rowCount()).toBe(rows);
    expect(await storedObjects()).toHaveLength(objects);
  });

  it('refuses a file named .pdf whose bytes are an executable with 415 attachment_type_not_allowed', async () => {
    const res = await upload(tool, t1, { filename: 'report.pdf', bytes: exe(), type: 'application/pdf' });
    expect(res.status).toBe(415);
    expect(res.body.error.id).toBe('attachment_type_not_allowed');
  });

  it('refuses a plain zip named .docx (415): an Office file is recognised by its package entries, not the zip signature', async () => {
    const res = await upload(tool, t1, { filename: 'lesson.docx', bytes: zip({ 'notes.txt': 'hello' }) });
    expect(res.status).toBe(415);
    expect(res.body.error).toMatchObject({ id: 'attachment_type_not_allowed', details: { detected: 'application/zip' } });
  });

  it('refuses a real PDF for a purpose that accepts only text (415), and binary junk named .txt (415)', async () => {
    expect((await upload(tool, t1, { purpose: NOTES, filename: 'plan.pdf', bytes: pdf() })).body.error.id).toBe('attachment_type_not_allowed');
    const junk = await upload(tool, t1, { purpose: NOTES, filename: 'notes.txt', bytes: Buffer.from([0x41, 0x00, 0xff, 0xfe, 0x01]) });
    expect(junk.status).toBe(415);
  });

  it('stores files under random names in a 0700 folder outside the web root, never under the client’s file name', async () => {
    const a = await upload(tool, t1, { filename: '../../etc/passwd.txt', bytes: text('root:x:0:0\n') });
    const b = await upload(tool, t1, { filename: 'same.txt', bytes: text('root:x:0:0\n') });
    expect(a.status).toBe(201);
    expect(a.body.attachment.filename).toBe('passwd.txt');
    const keys = await tool.db('attachments').whereIn('id', [a.body.attachment.id, b.body.attachment.id]).pluck('storage_key');
    expect(new Set(keys).size).toBe(2);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{48}$/);
    const files = await storedObjects();
    expect(files).toEqual(expect.arrayContaining(keys.map((k: string) => path.join('objects', k.slice(0, 2), k))));
    expect(files.some((f) => /passwd|same|\.txt|\.pdf/.test(f))).toBe(false);
    expect((await stat(tool.attachmentsDir)).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(tool.attachmentsDir, 'objects', keys[0].slice(0, 2), keys[0]))).mode & 0o777).toBe(0o600);
    expect(path.relative(path.resolve('ui/dist'), tool.attachmentsDir).startsWith('..')).toBe(true);
  });

  it('sanitises the display name: no control or direction-override characters, and the detected kind’s extension', async () => {
    const res = await upload(tool, t1, { filename: 'evil\u202Etxt.html', bytes: text('<script>alert(1)</script>') });
    expect(res.status).toBe(201);
    expect(res.body.attachment.filename).toBe('eviltxt.html.txt');
  });

  it('answers 413 attachment_too_large while the body is still streaming, closes the connection, and keeps no file and no row', async () => {
    const [rows, before] = [await rowCount(), await filesUnder(tool.attachmentsDir)];
    const boundary = 'staffroom-test-boundary';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`);
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    const total = 64 * 1024 * 1024; // 256 times the limit; without a Content-Length, so only the stream can tell
    let sent = 0;
    const outcome = await new Promise<{ status: number; body: string; sent: number; connection: string | undefined }>((resolve, reject) => {
      const req = http.request(`${tool.url}/api/attachments?purpose=${EVIDENCE}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t1.token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' },
      });
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString(), sent, connection: res.headers.connection }));
        res.on('error', reject);
      });
      req.on('error', (e) => (answered ? undefined : reject(e)));
      req.write(head);
      const pump = () => {
        while (!answered && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
    expect(outcome.status).toBe(413);
    expect(outcome.connection).toBe('close');
    expect(JSON.parse(outcome.body).error).toMatchObject({ id: 'attachment_too_large', details: { maxBytes: EVIDENCE_MAX } });
    expect(outcome.sent).toBeLessThan(total / 4); // answered long before the client finished
    expect(await rowCount()).toBe(rows);
    await new Promise((r) => setTimeout(r, 100));
    expect(await filesUnder(tool.attachmentsDir)).toEqual(before);
  });

  /** A raw client that ignores the answer and keeps writing a chunked multipart body until the server closes. */
  const endlessUpload = (o: { purpose: string; token: string }) =>
    new Promise<{ answer: string; sent: number; ms: number }>((resolve) => {
      const boundary = 'keeps-sending';
      const chunk = Buffer.alloc(64 * 1024, 0x42);
      const started = Date.now();
      const socket = net.connect(Number(new URL(tool.url).port), '127.0.0.1');
      let answer = '';
      let sent = 0;
      let open = true;
      socket.on('data', (d) => (answer += d.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        open = false;
        resolve({ answer, sent, ms: Date.now() - started });
      });
      socket.write(
        `POST /api/attachments?purpose=${o.purpose} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${o.token}\r\n` +
          `Content-Type: multipart/form-data; boundary=${boundary}\r\nTransfer-Encoding: chunked\r\n\r\n`,
      );
      const body = (b: Buffer | string) => socket.write(Buffer.concat([Buffer.from(`${Buffer.byteLength(b).toString(16)}\r\n`), Buffer.from(b), Buffer.from('\r\n')]));
      body(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="endless.txt"\r\n\r\n`);
      const pump = () => {
        // Bounded: stop after 30 s or 1 GB whatever happens.
        while (open && sent < 1024 ** 3 && Date.now() - started < 30_000) {
          sent += chunk.length;
          if (!body(chunk)) return void socket.once('drain', pump);
        }
      };
      pump();
    });

  it('closes the connection of a client that keeps sending after the 413, instead of reading its body to the end', async () => {
    const outcome = await endlessUpload({ purpose: EVIDENCE, token: t1.token });
    expect(outcome.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(outcome.ms).toBeLessThan(15_000);
  });

  it('also closes, after a short linger, the connection of an upload refused before its body was read (401, unknown purpose)', async () => {
    for (const o of [{ purpose: EVIDENCE, token: 'not-a-token' }, { purpose: 'no-such-purpose', token: t1.token }]) {
      const outcome = await endlessUpload(o);
      expect(outcome.answer).toMatch(/^HTTP\/1\.1 (401|400) /);
      expect(outcome.ms).toBeLessThan(15_000);
    }
  });

  it('keeps nothing of an upload whose client disconnects half-way', async () => {
    const [rows, before] = [await rowCount(), await filesUnder(tool.attachmentsDir)];
    const { port } = new URL(tool.url);
    const boundary = 'cut-short';
    await new Promise<void>((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        const part = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="half.txt"\r\n\r\n${'x'.repeat(50_000)}`;
        socket.write(
          `POST /api/attachments?purpose=${EVIDENCE} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${t1.token}\r\n` +
            `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: 200000\r\n\r\n${part}`,
          () => setTimeout(() => socket.destroy(), 200),
        );
      });
      socket.on('close', () => resolve());
      socket.on('error', () => undefined);
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await rowCount()).toBe(rows);
    expect(await filesUnder(tool.attachmentsDir)).toEqual(before);
  });

  it('answers 413 at once when the declared Content-Length cannot fit the limit', async () => {
    const res = await upload(tool, t1, { filename: 'big.txt', bytes: Buffer.alloc(EVIDENCE_MAX * 2, 0x61) });
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
    expect(res.body.error.id).toBe('attachment_too_large');
  });

  it('accepts a file of exactly the limit and refuses one byte more (413)', async () => {
    expect((await upload(tool, t1, { filename: 'edge.txt', bytes: Buffer.alloc(EVIDENCE_MAX, 0x61) })).status).toBe(201);
    expect((await upload(tool, t1, { filename: 'edge.txt', bytes: Buffer.alloc(EVIDENCE_MAX + 1, 0x61) })).status).toBe(413);
  });

  it('answers 422 attachment_empty for an empty file, 400 for an unknown purpose, 415 for a body that is not multipart, 401 without a session', async () => {
    expect((await upload(tool, t1, { filename: 'empty.txt', bytes: Buffer.alloc(0) })).body.error.id).toBe('attachment_empty');
    const unknown = await upload(tool, t1, { purpose: 'no-such-purpose', filename: 'a.txt', bytes: text() });
    expect([unknown.status, unknown.body.error.id]).toEqual([400, 'unknown_attachment_purpose']);
    const raw = await fetch(`${tool.url}/api/attachments?purpose=${EVIDENCE}`, { method: 'POST', headers: { authorization: `Bearer ${t1.token}`, 'content-type': 'application/pdf' }, body: pdf() });
    expect([raw.status, ((await raw.json()) as { error: { id: string } }).error.id]).toEqual([415, 'multipart_required']);
    expect((await upload(tool, null, { filename: 'a.txt', bytes: text() })).status).toBe(401);
  });

  it('answers 400 malformed_upload for two files in one request or a file part with another name', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(text())]), 'a.txt');
    form.append('file', new Blob([new Uint8Array(text())]), 'b.txt');
    const two = await fetch(`${tool.url}/api/attachments?purpose=${EVIDENCE}`, { method: 'POST', headers: { authorization: `Bearer ${t1.token}` }, body: form });
    expect(two.status).toBe(400);
    const other = new FormData();
    other.append('upload', new Blob([new Uint8Array(text())]), 'a.txt');
    const wrong = await fetch(`${tool.url}/api/attachments?purpose=${EVIDENCE}`, { method: 'POST', headers: { authorization: `Bearer ${t1.token}` }, body: other });
    expect([wrong.status, ((await wrong.json()) as { error: { id: string } }).error.id]).toEqual([400, 'malformed_upload']);
  });
});
