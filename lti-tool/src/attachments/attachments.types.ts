import type { SessionIdentity } from '../lti/session';
import type { AttachmentKind } from './attachments.kinds';

/** An uploaded file's metadata. The bytes are in attachment storage under `storageKey`. */
export interface Attachment {
  id: string;
  platformId: string;
  deploymentId: string;
  /** The course (context) it was uploaded from. */
  contextId: string;
  ownerId: string;
  purpose: string;
  /** The client's name, sanitised for display and download; never used as a path. */
  filename: string;
  /** Detected from the content. */
  kind: AttachmentKind;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  createdAt: Date;
}

/**
 * Who besides the owner may read attachments of a purpose. The owner always may, and nobody outside the
 * owner's tenant ever may (they get 404 before a policy is asked).
 */
export interface AttachmentAccessPolicy {
  canRead(session: SessionIdentity, attachment: Attachment): Promise<boolean>;
}

/** What a feature declares for the files it takes: accepted kinds, size, who may upload and read. */
export interface AttachmentPurpose {
  /** Stable name, sent by the client as `?purpose=` (lower case, digits and dashes). */
  name: string;
  /** Kinds accepted, checked against the content. */
  accept: readonly AttachmentKind[];
  /** Largest accepted file; ATTACHMENTS_MAX_BYTES caps it. */
  maxBytes: number;
  policy: AttachmentAccessPolicy;
  /** Who may upload for this purpose (everyone signed in when omitted). */
  canUpload?(session: SessionIdentity): Promise<boolean>;
}

/** A tenant: the platform registration and deployment of a session. */
export interface Tenant {
  platformId: string;
  deploymentId: string;
}
