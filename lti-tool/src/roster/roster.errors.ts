import { AppError } from '../http/errors';

/**
 * Why a roster sync stopped. `transient` failures (429, 5xx, timeouts, network) are retried by the job queue
 * with backoff; `permanent` ones (other 4xx, answers that are not an NRPS membership container) fail the run.
 */
export class RosterSyncError extends Error {
  constructor(
    readonly kind: 'transient' | 'permanent',
    message: string,
  ) {
    super(message);
    this.name = 'RosterSyncError';
  }
}

/** Shorthands for the two kinds of sync failure. */
export const syncFailure = {
  transient: (message: string) => new RosterSyncError('transient', message),
  permanent: (message: string) => new RosterSyncError('permanent', message),
} as const;

/** API errors of the roster endpoints. */
export const rosterErrors = {
  nrpsUnavailable: () =>
    new AppError(
      409,
      'roster_service_unavailable',
      'The LMS has not offered its roster service (Names and Role Provisioning) in this course. Turn it on for Staffroom in the LMS tool settings, then open Staffroom from the course again.',
    ),
} as const;
