import { AppError, errors } from '../http/errors';

/** The cohort feature's expected failures, each with a stable id (listed in docs/api/cohorts.md). */
export const cohortErrors = {
  archived: () => errors.conflict('cohort_archived', 'This cohort is archived. Unarchive it to make changes.'),
  templateNotFound: () =>
    new AppError(404, 'template_not_found', 'That template was not found. Choose a built-in template or one of this course’s templates or cohorts.', { fields: [{ field: 'templateId', message: 'not found' }] }),
  joinCodeNotFound: () =>
    new AppError(404, 'join_code_not_found', 'That join code is not valid. Check it with the admin who shared it.', { fields: [{ field: 'code', message: 'not found' }] }),
  joinCodeUsed: () => errors.conflict('join_code_used', 'That join code has already been used. Ask the cohort’s admin for a new one.'),
  joinCodeRevoked: () => errors.conflict('join_code_revoked', 'That join code was withdrawn by the cohort’s admin. Ask them for a new one.'),
  joinCodeExpired: () => errors.unprocessable('join_code_expired', 'That join code has expired. Ask the cohort’s admin for a new one.'),
  alreadyInCohort: () => errors.conflict('already_in_cohort', 'This course is already part of that cohort.'),
  ownerCannotLeave: () => errors.conflict('owner_context_cannot_leave', 'The course that holds a cohort cannot leave it. Archive the cohort instead.'),
  templatesNotShared: () => errors.unprocessable('template_not_shareable', 'Templates cannot be joined by other schools. Create a cohort from the template and share that.'),
  templateHasNoMembers: () => errors.unprocessable('template_has_no_members', 'Templates have no members or facilitators. Create a cohort from the template first.'),
  notACohortMember: () =>
    errors.unprocessable('not_a_cohort_member', 'Only active members of this cohort from your course can be facilitators.', { fields: [{ field: 'userId', message: 'not an active member from your course' }] }),
  contextNotInCohort: () => errors.notFound('That course in this cohort'),
  inviteNotFound: () => errors.notFound('That invite'),
  inviteClosed: () => errors.conflict('invite_closed', 'That invite has already been used or withdrawn.'),
  moduleNotFound: () => errors.notFound('Module'),
  facilitatorNotFound: () => errors.notFound('That facilitator assignment'),
  badCursor: () => new AppError(400, 'validation_failed', 'cursor: is not a cursor this list returned', { fields: [{ field: 'cursor', message: 'is not a cursor this list returned' }] }),
} as const;
