import type { SessionIdentity } from '../lti/session';
import { contentDisposition } from './attachments.filename';
import { KINDS } from './attachments.kinds';
import type { Attachment } from './attachments.types';

/**
 * An attachment as the API shows it. Never the owner's id or the storage key: a reader learns only whether
 * the file is their own (anonymous reviewers stay anonymous through their files).
 */
export function presentAttachment(a: Attachment, session: SessionIdentity) {
  return {
    id: a.id,
    purpose: a.purpose,
    filename: a.filename,
    kind: a.kind,
    mimeType: a.mimeType,
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
    createdAt: a.createdAt.toISOString(),
    ownedByYou: a.ownerId === session.userId,
    contentUrl: `/api/attachments/${a.id}/content`,
  };
}

/**
 * Response headers of a file's content: the detected type (never the client's), inline only for images and
 * PDF, nosniff, and a CSP under which nothing in the file may run or load (non-PDF files are also sandboxed;
 * Chrome's PDF viewer does not open in a sandbox).
 */
export function contentHeaders(a: Attachment): Record<string, string> {
  const inline = KINDS[a.kind].inline;
  return {
    'content-type': a.mimeType,
    'content-length': String(a.sizeBytes),
    'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', a.filename),
    'x-content-type-options': 'nosniff',
    'content-security-policy': `default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'${a.kind === 'pdf' ? '' : '; sandbox'}`,
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'private, no-store',
    etag: `"${a.sha256}"`,
  };
}
