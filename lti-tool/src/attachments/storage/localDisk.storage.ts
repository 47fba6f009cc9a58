import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { AttachmentStorage } from './storage';

const KEY = /^[A-Za-z0-9]{16,128}$/;

/** The local path of a key: sharded by its first two characters so no folder grows huge. */
export function localObjectPath(root: string, key: string): string {
  if (!KEY.test(key)) throw new Error('invalid attachment storage key');
  return path.join(root, 'objects', key.slice(0, 2), key);
}

/** Creates a folder (and parents) readable by the tool's user only. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700); // mkdir's mode is masked by the umask, and an existing folder keeps its own
}

/** Files on the tool's disk under `root/objects` (keep `root` outside anything served over HTTP). */
export function createLocalDiskStorage(root: string): AttachmentStorage {
  return {
    kind: 'local',
    async putFile(key, sourcePath) {
      const target = localObjectPath(root, key);
      await ensurePrivateDir(path.dirname(target));
      try {
        await rename(sourcePath, target);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
        await copyFile(sourcePath, target); // another file system
        await rm(sourcePath, { force: true });
      }
      await chmod(target, 0o600);
    },
    async open(key): Promise<Readable | null> {
      const file = localObjectPath(root, key);
      try {
        await stat(file);
      } catch {
        return null;
      }
      return createReadStream(file);
    },
    async remove(key) {
      await rm(localObjectPath(root, key), { force: true });
    },
  };
}
