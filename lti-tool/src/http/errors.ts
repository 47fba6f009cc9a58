/** HTTP statuses Staffroom answers errors with. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

/**
 * The one error type the API raises on purpose: a stable machine id, a status,
 * a message for people and optional details (e.g. which field was wrong).
 */
export class AppError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly id: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Factories for the common API failures, so ids stay stable across the code base. */
export const errors = {
  validation: (message: string, details?: unknown) => new AppError(400, 'validation_failed', message, details),
  unauthenticated: (message = 'Open Staffroom from your course in the LMS to sign in.') =>
    new AppError(401, 'unauthenticated', message),
  sessionExpired: () =>
    new AppError(401, 'session_expired', 'Your Staffroom session has ended. Open Staffroom again from your course in the LMS.'),
  forbidden: (message = 'Your role in this course does not allow this.') => new AppError(403, 'forbidden', message),
  notFound: (what = 'That item') => new AppError(404, 'not_found', `${what} was not found.`),
  conflict: (id: string, message: string, details?: unknown) => new AppError(409, id, message, details),
  tooLarge: (message = 'The request is too large.') => new AppError(413, 'payload_too_large', message),
  unprocessable: (id: string, message: string, details?: unknown) => new AppError(422, id, message, details),
} as const;
