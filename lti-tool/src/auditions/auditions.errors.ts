import { AppError, errors } from '../http/errors';

/** A field that failed validation, as the API reports it. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** The expected ways an audition request can fail. */
export type AuditionFailure =
  | { kind: 'audition_not_found' }
  | { kind: 'module_not_found' }
  | { kind: 'submission_not_found' }
  | { kind: 'review_not_found' }
  | { kind: 'notification_not_found' }
  | { kind: 'not_audition_lead' }
  | { kind: 'invalid_input'; issues: FieldIssue[] }
  | { kind: 'criterion_competency_invalid'; issues: FieldIssue[] }
  | { kind: 'cohort_closed' }
  | { kind: 'draft_conflict'; current: unknown }
  | { kind: 'already_submitted'; version: number }
  | { kind: 'nothing_submitted' }
  | { kind: 'submission_withdrawn' }
  | { kind: 'review_closed'; status: string }
  | { kind: 'anonymity_locked' }
  | { kind: 'not_fixed_mode' }
  | { kind: 'already_allocated' }
  | { kind: 'no_review_available' }
  | { kind: 'not_a_submitter' }
  | { kind: 'reviewer_not_eligible' }
  | { kind: 'no_calibration' }
  | { kind: 'review_not_submitted' };

const exhaustive = (x: never): never => {
  throw new Error(`unhandled audition failure ${JSON.stringify(x)}`);
};

/** Maps each failure to its HTTP answer; a new failure kind does not compile until it is mapped here. */
export function auditionError(e: AuditionFailure): AppError {
  switch (e.kind) {
    case 'audition_not_found':
      return errors.notFound('Audition');
    case 'module_not_found':
      return errors.notFound('Module');
    case 'submission_not_found':
      return errors.notFound('Submission');
    case 'review_not_found':
      return errors.notFound('Review');
    case 'notification_not_found':
      return errors.notFound('Notification');
    case 'not_audition_lead':
      return errors.forbidden('Only admins, lead teachers and this module’s facilitators can do this.');
    case 'invalid_input':
      return errors.validation(e.issues.map((i) => `${i.field || 'body'}: ${i.message}`).join('; '), { fields: e.issues });
    case 'criterion_competency_invalid':
      return errors.unprocessable('criterion_competency_invalid', 'Rubric criteria can only give evidence for competencies of this cohort’s framework that are rated directly.', { fields: e.issues });
    case 'cohort_closed':
      return errors.conflict('cohort_archived', 'This cohort is archived or a template: its auditions can be read but not changed.');
    case 'draft_conflict':
      return errors.conflict('draft_conflict', 'This draft was saved from another tab or device since you loaded it. Your text was not saved: compare it with the saved version below.', { current: e.current });
    case 'already_submitted':
      return errors.conflict('already_submitted', 'This draft has already been submitted. Change it to submit a new version.', { version: e.version });
    case 'nothing_submitted':
      return errors.conflict('nothing_submitted', 'Submit a first version before revising or withdrawing.');
    case 'submission_withdrawn':
      return errors.conflict('submission_withdrawn', 'This work was withdrawn by its author, so it takes no more reviews or versions.');
    case 'review_closed':
      return errors.conflict('review_closed', e.status === 'submitted' ? 'This review has already been submitted.' : 'This review is no longer yours to give: it was reassigned or the work was withdrawn.', { status: e.status });
    case 'anonymity_locked':
      return errors.conflict('anonymity_locked', 'Reviews have already been assigned, so who sees reviewer names can no longer change.');
    case 'not_fixed_mode':
      return errors.conflict('not_fixed_mode', 'This audition allocates reviewers as work comes in (rolling mode).');
    case 'already_allocated':
      return errors.conflict('already_allocated', 'Reviewers have already been allocated for this audition.');
    case 'no_review_available':
      return errors.conflict('no_review_available', 'Every submission has all the reviewers it needs right now.');
    case 'not_a_submitter':
      return errors.conflict('not_a_submitter', 'Submit your own work first: reviewers are people who have submitted too.');
    case 'reviewer_not_eligible':
      return errors.unprocessable('reviewer_not_eligible', 'That person cannot review this work (they wrote it, already review it, or are not an active submitter).');
    case 'no_calibration':
      return errors.notFound('Calibration example');
    case 'review_not_submitted':
      return errors.conflict('review_not_submitted', 'Only submitted reviews can be rated.');
    default:
      return exhaustive(e);
  }
}

/** Throws the failure's AppError (rolling back the transaction it is thrown in). */
export const abort = (failure: AuditionFailure): never => {
  throw auditionError(failure);
};
