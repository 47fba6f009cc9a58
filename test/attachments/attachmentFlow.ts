import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { api } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { launchInto, otherPlatform, person, type Who } from '../modules/moduleFlow';
import { ALL_KINDS } from '../../lti-tool/src/attachments/attachments.kinds';

/** Uploads purposes the tests register: evidence leads and admins of the course may read; notes nobody else may. */
export const EVIDENCE = 'test-evidence';
export const NOTES = 'test-notes';
export const EVIDENCE_MAX = 256 * 1024;

/** A tool whose attachments live in a fresh temporary folder, with the test purposes registered. */
export async function startAttachmentTool(env: Record<string, string> = {}): Promise<TestTool & { attachmentsDir: string; stopAll(): Promise<void> }> {
  const attachmentsDir = await mkdtemp(path.join(os.tmpdir(), 'staffroom-attachments-'));
  const tool = await startTestTool({ ATTACHMENTS_DIR: attachmentsDir, ...env });
  const { purposes } = tool.services.attachments;
  purposes.register({
    name: EVIDENCE,
    accept: ALL_KINDS,
    maxBytes: EVIDENCE_MAX,
    policy: { canRead: async (s, a) => s.contextId === a.contextId && s.role !== 'participant' },
  });
  purposes.register({ name: NOTES, accept: ['text'], maxBytes: 4096, policy: { canRead: async () => false } });
  return {
    ...tool,
    attachmentsDir,
    async stopAll() {
      await tool.stop();
      await rm(attachmentsDir, { recursive: true, force: true });
    },
  };
}

/** A course with two teachers and a lead, and a teacher of another LMS (another tenant). */
export async function people(tool: TestTool, course: string) {
  const t1 = await launchInto(tool, person(`${course}-t1`, 'Tess One', 'participant'), course);
  const t2 = await launchInto(tool, person(`${course}-t2`, 'Theo Two', 'participant'), course);
  const lead = await launchInto(tool, person(`${course}-lead`, 'Lee Lead', 'lead'), course);
  const elsewhere = await otherPlatform(tool, `${course}.lms.example`);
  const stranger = await launchInto(tool, person(`${course}-x`, 'Xia Elsewhere', 'lead'), course, elsewhere);
  return { t1, t2, lead, stranger };
}

/** Uploads one file as multipart/form-data, as a browser's FormData would. */
export async function upload(tool: TestTool, who: Who | null, o: { purpose?: string; filename: string; bytes: Buffer; type?: string }) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(o.bytes)], { type: o.type ?? 'application/octet-stream' }), o.filename);
  const res = await api(tool, `/api/attachments?purpose=${encodeURIComponent(o.purpose ?? EVIDENCE)}`, who?.token ?? null, { method: 'POST', body: form });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Every file under a folder (relative paths), recursively. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}
