import { extensionOf, KINDS, type AttachmentKind } from './attachments.kinds';

const MAX_LENGTH = 200;
// Control characters, and the bidirectional overrides that make "evil‮fdp.exe" read as "evilexe.pdf".
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * A client's file name made safe to show and to offer as a download name: no path, no control or
 * direction-override characters, no leading dots, at most 200 characters, and ending in an extension of the
 * detected kind (`notes.html` that is plain text becomes `notes.html.txt`, so a saved copy never opens as
 * something else). It is only ever metadata: storage uses random names.
 */
export function sanitiseFilename(raw: string | undefined, kind: AttachmentKind): string {
  let name = (raw ?? '').normalize('NFC').replace(UNSAFE, '');
  name = name.split(/[\\/]/).pop() ?? '';
  name = name.replace(/\s+/g, ' ').trim().replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (!name) name = 'file';
  const ext = extensionOf(name);
  if (!ext || !KINDS[kind].extensions.includes(ext)) name = `${name}.${KINDS[kind].extensions[0]}`;
  if ([...name].length > MAX_LENGTH) {
    const last = extensionOf(name)!; // present: ensured above
    name = [...name].slice(0, MAX_LENGTH - last.length - 1).join('').trimEnd() + `.${last}`;
  }
  return name;
}

// RFC 5987 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
const encodeRfc5987 = (value: string) =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A Content-Disposition header: an ASCII fallback `filename` and the exact UTF-8 name as `filename*` (RFC 6266/5987). */
export function contentDisposition(type: 'inline' | 'attachment', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7E]/g, '_').replace(/["\\%]/g, '_');
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}
