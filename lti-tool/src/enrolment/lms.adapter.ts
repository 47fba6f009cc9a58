import type { LmsHttpOptions } from './lmsHttp';

/** The LMSs Staffroom can enrol people in through their own REST API. */
export const LMS_KINDS = ['canvas', 'moodle'] as const;
/** One of the supported LMSs. */
export type LmsKind = (typeof LMS_KINDS)[number];

/** How a person takes part: teachers as students of the PL course, leads as its teachers. */
export type StaffRole = 'teacher' | 'lead';

/** What an admin configured for the platform (the token decrypted only for the call). */
export interface LmsSettings {
  kind: LmsKind;
  baseUrl: string;
  token: string;
  allowCreateUsers: boolean;
  studentRoleId: number;
  teacherRoleId: number;
}

/** Ways an LMS call can fail, each explained to the admin in the LMS's own terms. */
export type LmsFailureKind =
  | 'token_refused'
  | 'permission_missing'
  | 'course_not_found'
  | 'rate_limited'
  | 'unreachable'
  | 'lms_error'
  | 'bad_answer';

/** The stable API error id of an LMS failure: `lms_token_refused`, `lms_unreachable`, …, `lms_error`. */
export const lmsErrorId = (kind: LmsFailureKind): string => (kind === 'lms_error' ? kind : `lms_${kind}`);

/** An expected failure of an LMS call. */
export interface LmsFailure {
  kind: LmsFailureKind;
  message: string;
}

/** A value or an LMS failure. */
export type LmsResult<T> = { ok: true; value: T } | { ok: false; failure: LmsFailure };

/** What the cheap validation call learnt: who the token acts as. */
export interface LmsCheck {
  lmsUserName: string | null;
  siteName: string | null;
}

/** What happened to one person. */
export type EnrolOutcome = 'enrolled' | 'already_enrolled' | 'created_and_enrolled' | 'not_found' | 'failed';

/** Every outcome, in report order. */
export const ENROL_OUTCOMES: readonly EnrolOutcome[] = ['enrolled', 'created_and_enrolled', 'already_enrolled', 'not_found', 'failed'];

/** One person's result; `fatal` when the failure will hit everyone after them too (e.g. the token was revoked). */
export interface PersonResult {
  outcome: EnrolOutcome;
  message: string | null;
  lmsUserId: string | null;
  fatal?: LmsFailure;
}

/** A person to enrol. */
export interface PersonToEnrol {
  /** Trimmed and lower-cased: what Staffroom compares. */
  email: string;
  /** As the staff list wrote it (Moodle matches emails exactly). */
  emailAsWritten: string;
  name: string;
  role: StaffRole;
}

/** Enrols people into one course whose current enrolments were read when it was opened. */
export interface CourseEnroller {
  enrol(person: PersonToEnrol): Promise<PersonResult>;
}

/** The REST operations Staffroom needs from an LMS. */
export interface LmsAdapter {
  /** A cheap call that proves the URL and token work. */
  check(): Promise<LmsResult<LmsCheck>>;
  /** Reads the course's current enrolments, so a re-run reports `already_enrolled` and creates nothing twice. */
  openCourse(courseId: string): Promise<LmsResult<CourseEnroller>>;
}

/** Builds an adapter for one connection. */
export type LmsAdapterFactory = (settings: LmsSettings, http?: LmsHttpOptions) => LmsAdapter;

/** Thrown inside an adapter to abandon a sequence of calls; adapters turn it back into a value at their boundary. */
export class LmsFailureError extends Error {
  constructor(readonly failure: LmsFailure) {
    super(failure.message);
    this.name = 'LmsFailureError';
  }
}

/** Runs an adapter step, turning an LmsFailureError into a failed result (anything else is a bug and propagates). */
export async function asResult<T>(step: () => Promise<T>): Promise<LmsResult<T>> {
  try {
    return { ok: true, value: await step() };
  } catch (e) {
    if (e instanceof LmsFailureError) return { ok: false, failure: e.failure };
    throw e;
  }
}

/** The per-person result of a failure; token problems stop the rest of the run. */
export function failedPerson(failure: LmsFailure, lmsUserId: string | null = null): PersonResult {
  const fatal = failure.kind === 'token_refused' ? failure : undefined;
  return { outcome: 'failed', message: failure.message, lmsUserId, ...(fatal ? { fatal } : {}) };
}

/** Splits a display name for LMSs that need first and last names ("Ana María Pérez" → "Ana María" / "Pérez"). */
export function splitName(name: string): { first: string; last: string } {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return { first: parts[0] ?? name, last: parts[0] ?? name };
  return { first: parts.slice(0, -1).join(' '), last: parts.at(-1)! };
}
