/** The kinds of file Staffroom can accept; a purpose allows some of them. */
export type AttachmentKind = 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'docx' | 'xlsx' | 'pptx' | 'text' | 'mp4';

/** How a kind is recognised by name and served. */
export interface KindInfo {
  /** The type Staffroom serves it as (detected, never the client's claim). */
  mime: string;
  /** File name extensions that may claim this kind (lower case, no dot). */
  extensions: readonly string[];
  /** Shown in the browser (images, PDF) rather than downloaded. */
  inline: boolean;
}

/** Every accepted kind. SVG and HTML are deliberately absent: they can carry script. */
export const KINDS: Readonly<Record<AttachmentKind, KindInfo>> = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'], inline: true },
  png: { mime: 'image/png', extensions: ['png'], inline: true },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'], inline: true },
  gif: { mime: 'image/gif', extensions: ['gif'], inline: true },
  webp: { mime: 'image/webp', extensions: ['webp'], inline: true },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], inline: false },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], inline: false },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'], inline: false },
  text: { mime: 'text/plain; charset=utf-8', extensions: ['txt', 'text', 'md', 'csv'], inline: false },
  mp4: { mime: 'video/mp4', extensions: ['mp4', 'm4v'], inline: false },
};

/** Every kind name (for schemas and docs). */
export const ALL_KINDS = Object.keys(KINDS) as AttachmentKind[];

/** The kind a stored mime type belongs to. */
export function kindOfMime(mime: string): AttachmentKind | null {
  return ALL_KINDS.find((k) => KINDS[k].mime === mime) ?? null;
}

/** The lower-case extension of a file name, or null when it has none. */
export function extensionOf(filename: string): string | null {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(filename);
  return m ? m[1]!.toLowerCase() : null;
}

/** The kind a file name claims by its extension, or null for none or an extension Staffroom does not know. */
export function kindClaimedBy(filename: string): AttachmentKind | null {
  const ext = extensionOf(filename);
  return ext ? (ALL_KINDS.find((k) => KINDS[k].extensions.includes(ext)) ?? null) : null;
}
