import { AppError, errors } from '../http/errors';

/** One problem found in an import, by row (CSV line or CASE item index) and field. */
export interface ImportIssue {
  row: number | null;
  field: string;
  message: string;
}

/** The competency feature's expected failures, each with a stable id (listed in docs/api/competencies.md). */
export const competencyErrors = {
  frameworkNotFound: () => errors.notFound('Framework'),
  competencyNotFound: () => errors.notFound('Competency'),
  personNotFound: () => errors.notFound('Person'),
  evidenceNotFound: () => errors.notFound('Evidence'),
  certificateNotFound: () => errors.notFound('Certificate'),
  starterReadOnly: () => errors.conflict('starter_framework_read_only', 'Built-in frameworks cannot be changed. Copy it to your course and edit the copy.'),
  frameworkInUse: () => errors.conflict('framework_in_use', 'This framework is used by a cohort. Unlink it from the cohort first.'),
  competencyHasRatings: () => errors.conflict('competency_has_ratings', 'This competency has ratings, so it cannot be deleted.'),
  scaleInUse: () => errors.conflict('scale_in_use', 'This framework has ratings: its scale can no longer change. Copy the framework to use another scale.'),
  cohortHasRatings: () => errors.conflict('cohort_has_ratings', 'This cohort already has ratings on its framework: the framework cannot be replaced.'),
  noFramework: () => errors.unprocessable('cohort_has_no_framework', 'This cohort has no competency framework yet. An admin links one first.'),
  notInCohort: () =>
    errors.unprocessable('competency_not_in_cohort', 'That competency is not one this cohort works on.', { fields: [{ field: 'competencyId', message: 'not linked to this cohort' }] }),
  notRatable: () =>
    errors.unprocessable('competency_not_ratable', 'That competency is rated through the competencies or indicators under it.', { fields: [{ field: 'competencyId', message: 'has children' }] }),
  unknownLevel: (label: string) => errors.unprocessable('unknown_level', `“${label}” is not a level of this framework’s scale.`, { fields: [{ field: 'level', message: 'not a level of the scale' }] }),
  cannotRateSelf: () => new AppError(403, 'cannot_rate_self', 'You cannot rate your own competencies. Another lead or an admin rates them.'),
  notMember: () => errors.unprocessable('not_a_cohort_member', 'Only members of this cohort can do this.'),
  reviewPending: () => errors.conflict('review_already_requested', 'A review of this competency is already waiting for a lead.'),
  stepNotInCohort: () =>
    errors.unprocessable('step_not_in_cohort', 'That step is not a step of this cohort’s modules.', { fields: [{ field: 'targetId', message: 'not a step of this cohort' }] }),
  badParent: (message: string) => errors.unprocessable('invalid_parent', message, { fields: [{ field: 'parentId', message }] }),
  duplicateIdentifier: (identifier: string) =>
    errors.conflict('duplicate_identifier', `Another competency of this framework already has the identifier “${identifier}”.`, { fields: [{ field: 'identifier', message: 'already used' }] }),
  invalidImport: (issues: ImportIssue[]) =>
    errors.unprocessable('import_invalid', `The import has ${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was saved.`, { issues }),
  badCursor: () => errors.validation('cursor: is not a cursor this list returned', { fields: [{ field: 'cursor', message: 'is not a cursor this list returned' }] }),
} as const;

/** Throws an error where an expression is expected (`value ?? raise(…)`). */
export const raise = (e: AppError): never => {
  throw e;
};
