import { createReadStream } from 'node:fs';
import FileType from 'file-type';
import type { AttachmentKind } from './attachments.kinds';

// file-type 16 is the last CommonJS major (16.5.4 has the DoS fix of CVE-2022-36313). Later majors are ESM-only,
// and their dynamic import() failed intermittently inside jest's reused workers.
// What file-type names each accepted kind (by its `ext`); anything else is not accepted.
const BY_DETECTED_EXT: Record<string, AttachmentKind> = {
  pdf: 'pdf',
  png: 'png',
  jpg: 'jpeg',
  gif: 'gif',
  webp: 'webp',
  docx: 'docx',
  xlsx: 'xlsx',
  pptx: 'pptx',
  mp4: 'mp4',
  m4v: 'mp4',
};

/** What the bytes are: an accepted kind, or what else they looked like (for the error message). */
export type Sniffed = { kind: AttachmentKind } | { kind: null; detected: string | null };

/**
 * Detects a stored upload's kind from its content: magic bytes (file-type, which also reads the entries of a
 * zip to tell docx, xlsx and pptx from other archives); failing that, plain text (valid UTF-8 without control
 * characters other than tab, line breaks and form feed).
 */
export async function sniffFile(path: string): Promise<Sniffed> {
  const detected = await FileType.fromFile(path);
  if (detected) {
    const kind = BY_DETECTED_EXT[detected.ext];
    return kind ? { kind } : { kind: null, detected: detected.mime };
  }
  return (await isPlainText(path)) ? { kind: 'text' } : { kind: null, detected: null };
}

// C0 controls except \t \n \f \r, and DEL.
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;

/** True when the whole file is UTF-8 text (checked in a stream, so a large file never sits in memory). */
export async function isPlainText(path: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let any = false;
  try {
    for await (const chunk of createReadStream(path)) {
      any = true;
      if (CONTROL.test(decoder.decode(chunk as Buffer, { stream: true }))) return false;
    }
    if (CONTROL.test(decoder.decode())) return false;
  } catch {
    return false; // not valid UTF-8
  }
  return any;
}
