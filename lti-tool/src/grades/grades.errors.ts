/**
 * Why a passback did not (yet) reach the gradebook. Stable ids: they are stored with failed passbacks
 * and shown to admins, so a new kind gets a new id rather than a reworded old one.
 */
export type PassbackFailureKind =
  // permanent: an admin must act (and may retry)
  | 'ags_unavailable'
  | 'score_not_allowed'
  | 'no_line_item'
  | 'platform_missing'
  | 'platform_rejected'
  | 'line_item_gone'
  | 'token_refused'
  | 'foreign_url'
  | 'retries_exhausted'
  // transient: retried with backoff
  | 'token_unavailable'
  | 'line_item_busy'
  | 'platform_unavailable'
  | 'platform_timeout';

/** A passback step failed; `transient` failures are retried, the others are recorded for an admin. */
export class PassbackError extends Error {
  constructor(
    readonly kind: PassbackFailureKind,
    readonly transient: boolean,
    message: string,
  ) {
    super(message);
    this.name = 'PassbackError';
  }
}
