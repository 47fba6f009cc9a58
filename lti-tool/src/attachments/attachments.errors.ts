import { AppError, errors } from '../http/errors';
import type { AttachmentKind } from './attachments.kinds';

/** The expected ways an attachment request can fail (values, not exceptions). */
export type AttachmentFailure =
  | { kind: 'unknown_purpose'; purpose: string }
  | { kind: 'upload_forbidden' }
  | { kind: 'not_multipart' }
  | { kind: 'malformed_upload'; reason: string }
  | { kind: 'too_large'; maxBytes: number }
  | { kind: 'empty' }
  | { kind: 'type_not_allowed'; detected: string | null; allowed: readonly AttachmentKind[] }
  | { kind: 'type_mismatch'; claimed: AttachmentKind; detected: AttachmentKind }
  | { kind: 'not_found' }
  | { kind: 'read_forbidden' }
  | { kind: 'not_owner' }
  | { kind: 'wrong_purpose'; expected: string }
  | { kind: 'in_use' }
  | { kind: 'content_missing' };

/** Success with a value, or an expected failure. */
export type AttachmentResult<T> = { ok: true; value: T } | { ok: false; error: AttachmentFailure };

/** Wraps a value as a success. */
export const ok = <T>(value: T): AttachmentResult<T> => ({ ok: true, value });
/** Wraps an expected failure. */
export const fail = <T = never>(error: AttachmentFailure): AttachmentResult<T> => ({ ok: false, error });

const exhaustive = (x: never): never => {
  throw new Error(`unhandled attachment failure ${JSON.stringify(x)}`);
};

/** Maps each failure to its HTTP answer; a new failure kind does not compile until it is mapped here. */
export function attachmentError(e: AttachmentFailure): AppError {
  switch (e.kind) {
    case 'unknown_purpose':
      return new AppError(400, 'unknown_attachment_purpose', `Staffroom does not take uploads for “${e.purpose}”.`);
    case 'upload_forbidden':
      return errors.forbidden('Your role does not allow uploading files here.');
    case 'not_multipart':
      return new AppError(415, 'multipart_required', 'Send the file as multipart/form-data in a part named “file”.');
    case 'malformed_upload':
      return new AppError(400, 'malformed_upload', `The upload could not be read: ${e.reason}.`);
    case 'too_large':
      return new AppError(413, 'attachment_too_large', `The file is larger than the ${formatBytes(e.maxBytes)} allowed here.`, { maxBytes: e.maxBytes });
    case 'empty':
      return errors.unprocessable('attachment_empty', 'The file is empty.');
    case 'type_not_allowed':
      return new AppError(415, 'attachment_type_not_allowed', `This kind of file is not accepted here. Accepted: ${e.allowed.join(', ')}.`, { allowed: e.allowed, detected: e.detected });
    case 'type_mismatch':
      return errors.unprocessable('attachment_type_mismatch', `The file is named like a ${e.claimed} file but its content is ${e.detected}. Rename it or export it again.`, { claimed: e.claimed, detected: e.detected });
    case 'not_found':
      return errors.notFound('The attachment');
    case 'read_forbidden':
      return new AppError(403, 'attachment_forbidden', 'You are not allowed to open this file.');
    case 'not_owner':
      return new AppError(403, 'attachment_not_owner', 'Only the person who uploaded this file can delete it.');
    case 'wrong_purpose':
      return errors.unprocessable('attachment_wrong_purpose', `This file was uploaded for something else; upload it for ${e.expected}.`, { expected: e.expected });
    case 'in_use':
      return errors.conflict('attachment_in_use', 'This file is used by a submission or review, so it cannot be deleted.');
    case 'content_missing':
      return new AppError(503, 'attachment_content_unavailable', 'The file’s content is not available right now. Please try again later.');
    default:
      return exhaustive(e);
  }
}

/** "25 MB", "512 KB": limits as people read them. */
export function formatBytes(n: number): string {
  if (n >= 1024 ** 2) return `${Math.round((n / 1024 ** 2) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} bytes`;
}
