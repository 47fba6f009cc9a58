import type { Readable } from 'node:stream';

/**
 * Where attachment bytes live. Keys are random names Staffroom makes (letters and digits only); the
 * stored bytes are never served directly, only streamed through the download endpoint.
 */
export interface AttachmentStorage {
  /** 'local' or 's3' (for logs and the health of the feature). */
  readonly kind: 'local' | 's3';
  /** Stores a completed upload under `key`, taking the file at `sourcePath` (moved or copied, then removed). */
  putFile(key: string, sourcePath: string, info: { size: number; mime: string }): Promise<void>;
  /** The stored bytes, or null when the object is missing. */
  open(key: string): Promise<Readable | null>;
  /** Removes an object; a missing one is not an error. */
  remove(key: string): Promise<void>;
}
