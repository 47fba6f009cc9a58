import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import path from 'node:path';
import { api } from '../helpers/ltiFlow';
import { call, type Who } from '../modules/moduleFlow';
import { OTHER_EVIDENCE, OTHER_FILE, OTHER_RATING, OTHER_REFLECTION, OTHER_WORK, SUBJECT_EVIDENCE, SUBJECT_RATING, privacyCourse, SUBJECT_FILE, SUBJECT_REFLECTION, SUBJECT_REVIEW, SUBJECT_WORK } from './privacyFlow';
import { readZip } from './zipReader';

jest.setTimeout(300_000);

describe('privacy: GET /api/me/export', () => {
  let c: Awaited<ReturnType<typeof privacyCourse>>;

  beforeAll(async () => {
    c = await privacyCourse('export-course');
  });
  afterAll(async () => {
    await c.tool.stopAll();
  });

  const download = async (who: Who) => {
    const res = await api(c.tool, '/api/me/export', who.token);
    return { status: res.status, headers: res.headers, zip: Buffer.from(await res.arrayBuffer()) };
  };

  it('returns 200 with a ZIP of the caller\'s data, files and a README of who can see what', async () => {
    const { status, headers, zip } = await download(c.subject);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/zip');
    const entries = readZip(zip);
    const text = (name: string) => entries.get(name)?.toString('utf8') ?? '';
    expect(JSON.parse(text('profile.json'))).toMatchObject({ id: c.subject.userId, name: 'Tess Ash', email: 'export-course-t1@example.edu' });
    expect(text('modules/responses.json')).toContain(SUBJECT_REFLECTION);
    expect(text('auditions/versions.json')).toContain(SUBJECT_WORK);
    expect(text('auditions/reviews-given.json')).toContain(SUBJECT_REVIEW);
    const received = JSON.parse(text('auditions/reviews-received.json')) as { reviewer_name: string | null }[];
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((r) => r.reviewer_name === null)).toBe(true);
    expect(JSON.parse(text('pd-hours.json'))).toHaveProperty('totalMinutes');
    expect(text('competencies/evidence.json')).toContain(SUBJECT_EVIDENCE);
    expect(text('competencies/ratings-received.json')).toContain(SUBJECT_RATING);
    expect(text(`files/${c.subjectFileId}-subject-notes.txt`)).toBe(SUBJECT_FILE);
    expect(text('README.txt')).toContain('Who can see what');
    expect(text('README.txt')).toContain('reviewers and authors do not see each other\'s names');
  });

  it('contains nothing private of other people: no other names, emails, reflections, work or files', async () => {
    const { zip } = await download(c.subject);
    const all = [...readZip(zip).values()].map((b) => b.toString('utf8')).join('\n');
    const others = await c.tool.db('users').select('id', 'name', 'email').whereNot('id', c.subject.userId);
    for (const o of others) {
      if (o.name) expect(all).not.toContain(o.name);
      if (o.email) expect(all).not.toContain(o.email);
    }
    for (const secret of [OTHER_REFLECTION, OTHER_WORK, OTHER_FILE, OTHER_EVIDENCE, OTHER_RATING]) expect(all).not.toContain(secret);
  });

  it('records person.data_exported in the audit log (ids only)', async () => {
    const event = await c.tool.db('audit_events').where({ action: 'person.data_exported', subject_id: c.subject.userId }).first();
    expect(event).toMatchObject({ actor_user_id: c.subject.userId, actor_kind: 'person' });
    expect(JSON.stringify(event.details)).not.toContain('Tess');
  });

  it('returns 401 without a session', async () => {
    expect((await call(c.tool, 'GET', '/api/me/export', null)).status).toBe(401);
  });

  it('streams a 200-file export: the answer starts before the files are read and memory stays flat', async () => {
    const who = c.teachers[2]!;
    const { storage } = c.tool.services.attachments;
    const { platformId, deploymentId } = await c.tool.db('users as u').join('memberships as m', 'm.user_id', 'u.id').join('contexts as x', 'x.id', 'm.context_id').first('u.platform_id as platformId', 'x.deployment_id as deploymentId').where('u.id', who.userId);
    const size = 256 * 1024;
    const bytes = Buffer.alloc(size, 7);
    for (let i = 0; i < 200; i++) {
      const source = path.join(os.tmpdir(), `privacy-export-${randomUUID()}.bin`);
      await writeFile(source, bytes); // putFile moves it into storage
      const key = randomUUID().replace(/-/g, '');
      await storage.putFile(key, source, { size, mime: 'application/octet-stream' });
      await c.tool.db('attachments').insert({ id: randomUUID(), platform_id: platformId, deployment_id: deploymentId, context_id: who.contextId, owner_id: who.userId, purpose: 'test-evidence', filename: `f${i}.bin`, mime_type: 'application/octet-stream', sha256: '0'.repeat(64), storage_key: key, size_bytes: size });
    }
    let opened = 0;
    const open = storage.open.bind(storage);
    storage.open = async (key) => {
      opened++;
      return open(key);
    };
    // Memory that stays *held*, measured after a full GC: the garbage of chunks already sent depends on when V8
    // collects, and a busy CI machine collects late.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const retained = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    try {
      const heapBefore = retained();
      const res = await api(c.tool, '/api/me/export', who.token);
      expect(res.status).toBe(200);
      expect(res.headers.get('transfer-encoding')).toBe('chunked');
      const reader = res.body!.getReader();
      let total = 0;
      let openedAtFirstChunk = -1;
      let peak = 0;
      for (let reads = 1; ; reads++) {
        const { done, value } = await reader.read();
        if (done) break;
        if (openedAtFirstChunk < 0) openedAtFirstChunk = opened;
        total += value.length;
        if (reads % 25 === 0) peak = Math.max(peak, retained() - heapBefore);
      }
      expect(openedAtFirstChunk).toBeLessThan(200);
      expect(opened).toBe(200);
      expect(total).toBeGreaterThan(200 * size);
      // 50 MB went through; the heap never held even half of it at once.
      expect(peak).toBeLessThan(25 * size * 4);
    } finally {
      storage.open = open;
    }
  });
});
