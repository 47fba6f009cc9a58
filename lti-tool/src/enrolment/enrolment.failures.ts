import { AppError, errors } from '../http/errors';
import { lmsErrorId, type LmsFailure } from './lms.adapter';
import type { RowProblem, StaffListFailure } from './staffList';

/** Every expected way an enrolment call can fail. */
export type EnrolmentFailure =
  | { kind: 'session_not_found' }
  | { kind: 'staff_list'; error: StaffListFailure }
  | { kind: 'list_has_problems'; problems: RowProblem[] }
  | { kind: 'no_connection' }
  | { kind: 'course_unknown' }
  | { kind: 'run_in_progress'; runId: string }
  | { kind: 'lms'; failure: LmsFailure }
  | { kind: 'token_required'; changedTarget: boolean }
  | { kind: 'insecure_url' }
  | { kind: 'private_url' };

/** A value or an expected failure. */
export type EnrolmentResult<T> = { ok: true; value: T } | { ok: false; error: EnrolmentFailure };

const exhaustive = (x: never): never => {
  throw new Error(`unhandled enrolment failure ${JSON.stringify(x)}`);
};

const fieldError = (field: string, message: string) => errors.validation(`${field}: ${message}`, { fields: [{ field, message }] });

function staffListError(e: StaffListFailure): AppError {
  switch (e.kind) {
    case 'too_large':
      return new AppError(413, 'staff_list_too_large', `The staff list is larger than ${Math.round(e.maxBytes / 1024)} kB. Split it into several files.`, { maxBytes: e.maxBytes });
    case 'malformed':
      return errors.unprocessable('csv_malformed', `The file is not valid CSV${e.line ? ` (near line ${e.line})` : ''}: ${e.reason}. Save it from your spreadsheet as “CSV UTF-8” and try again.`, { line: e.line });
    case 'header_invalid':
      return errors.unprocessable(
        'csv_header_invalid',
        `The first row must name the columns name, email, school and role${e.missing.length ? `; missing: ${e.missing.join(', ')}` : ''}${e.duplicated.length ? `; given twice: ${e.duplicated.join(', ')}` : ''}.`,
        { missing: e.missing, duplicated: e.duplicated, found: e.found },
      );
    case 'too_many_rows':
      return errors.unprocessable('staff_list_too_long', `The staff list has ${e.rows} people; at most ${e.maxRows} can be enrolled at once. Split it into several files.`, { rows: e.rows, maxRows: e.maxRows });
    case 'empty':
      return errors.unprocessable('staff_list_empty', 'The staff list has no people in it: the first row names the columns (name, email, school, role), each further row is one person.');
    default:
      return exhaustive(e);
  }
}

/** Maps each expected failure to its answer; a new failure kind fails to compile until it is mapped. */
export function enrolmentError(e: EnrolmentFailure): AppError {
  switch (e.kind) {
    case 'session_not_found':
      return errors.sessionExpired();
    case 'staff_list':
      return staffListError(e.error);
    case 'list_has_problems':
      return errors.unprocessable('staff_list_invalid', `${e.problems.length} row${e.problems.length === 1 ? ' has a problem' : 's have problems'}; nothing was enrolled. Fix the list and send it again.`, { problems: e.problems });
    case 'no_connection':
      return errors.conflict('lms_connection_missing', 'No LMS connection is set up for this LMS yet. An administrator must first save the LMS address and an API token.');
    case 'course_unknown':
      return errors.conflict(
        'lms_course_unknown',
        'Staffroom does not know this course’s id in the LMS. Add the custom parameter lms_course_id (or, in Canvas, canvas_course_id=$Canvas.course.id) to the tool’s settings, then open Staffroom from the course again.',
      );
    case 'run_in_progress':
      return errors.conflict('enrolment_run_in_progress', 'An enrolment into this course is still running. Wait for it to finish, then try again.', { runId: e.runId });
    case 'lms':
      return errors.unprocessable(lmsErrorId(e.failure.kind), e.failure.message);
    case 'token_required':
      return fieldError('token', e.changedTarget ? 'a new token is needed when the LMS or its address changes' : 'is required');
    case 'insecure_url':
      return fieldError('baseUrl', 'must be an https address');
    case 'private_url':
      return fieldError('baseUrl', 'must be the LMS’s public address, not a local or private network address');
    default:
      return exhaustive(e);
  }
}
