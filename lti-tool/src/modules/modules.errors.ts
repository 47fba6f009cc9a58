import { AppError, errors } from '../http/errors';
import type { FieldIssue } from './stepContent';

/** The expected ways a module, progress or response request can fail (values, not exceptions). */
export type ModuleFailure =
  | { kind: 'module_not_found' }
  | { kind: 'step_not_found' }
  | { kind: 'response_not_found' }
  | { kind: 'not_editor' }
  | { kind: 'not_manager' }
  | { kind: 'not_module_lead' }
  | { kind: 'invalid_input'; issues: FieldIssue[] }
  | { kind: 'order_mismatch'; expected: number }
  | { kind: 'nothing_to_publish' }
  | { kind: 'module_empty' }
  | { kind: 'module_locked'; blockedBy: { moduleId: string; title: string } }
  | { kind: 'cohort_closed'; reason: 'archived' | 'template' }
  | { kind: 'responses_not_accepted'; stepKind: string }
  | { kind: 'visibility_not_allowed'; allowed: 'private' | 'cohort' }
  | { kind: 'work_hidden' }
  | { kind: 'response_conflict'; current: unknown }
  | { kind: 'survey_not_answered' }
  | { kind: 'not_a_survey'; stepKind: string };

/** Success with a value, or an expected failure. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ModuleFailure };

/** Wraps a value as a success. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
/** Wraps an expected failure. */
export const fail = <T = never>(error: ModuleFailure): Result<T> => ({ ok: false, error });

/** Thrown inside a transaction to roll it back with an expected failure; `runResult` turns it back into a value. */
export class ModuleFailureAbort extends Error {
  constructor(readonly failure: ModuleFailure) {
    super(failure.kind);
  }
}

/** Runs work that may abort with a ModuleFailure (rolling back its transaction) and returns a Result. */
export async function runResult<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (e) {
    if (e instanceof ModuleFailureAbort) return fail(e.failure);
    throw e;
  }
}

/** Aborts the current transaction with an expected failure. */
export const abort = (failure: ModuleFailure): never => {
  throw new ModuleFailureAbort(failure);
};

const exhaustive = (x: never): never => {
  throw new Error(`unhandled module failure ${JSON.stringify(x)}`);
};

/** Maps each failure to its HTTP answer; a new failure kind does not compile until it is mapped here. */
export function moduleError(e: ModuleFailure): AppError {
  switch (e.kind) {
    case 'module_not_found':
      return errors.notFound('Module');
    case 'step_not_found':
      return errors.notFound('Step');
    case 'response_not_found':
      return errors.notFound('Response');
    case 'not_editor':
      return errors.forbidden('Only the cohort’s admins and this module’s facilitators can edit it.');
    case 'not_manager':
      return errors.forbidden('Only admins of the course that holds this cohort can add, reorder or archive its modules.');
    case 'not_module_lead':
      return errors.forbidden('Only admins, lead teachers and this module’s facilitators can do this.');
    case 'invalid_input':
      return errors.validation(e.issues.map((i) => `${i.field}: ${i.message}`).join('; '), { fields: e.issues });
    case 'order_mismatch':
      return errors.unprocessable('order_mismatch', `The new order must list each of the ${e.expected} items exactly once. Reload and try again.`, { expected: e.expected });
    case 'nothing_to_publish':
      return errors.conflict('nothing_to_publish', 'There are no unpublished changes to this module.');
    case 'module_empty':
      return errors.unprocessable('module_empty', 'Add at least one step before publishing this module.');
    case 'module_locked':
      return errors.conflict('module_locked', `This module opens when you finish “${e.blockedBy.title}”.`, { blockedBy: e.blockedBy });
    case 'cohort_closed':
      return e.reason === 'archived'
        ? errors.conflict('cohort_archived', 'This cohort is archived: its work can be read but not changed.')
        : errors.conflict('cohort_is_template', 'This is a template: create a cohort from it to work through its modules.');
    case 'responses_not_accepted':
      return errors.unprocessable('responses_not_accepted', `A ${e.stepKind} step takes no written response.`, { stepKind: e.stepKind });
    case 'visibility_not_allowed':
      return errors.unprocessable('visibility_not_allowed', e.allowed === 'private' ? 'Responses to this step are private.' : 'Responses to this step are shared with the cohort.', { allowed: e.allowed });
    case 'work_hidden':
      return errors.forbidden('In this cohort only admins and leads can read other people’s work.');
    case 'response_conflict':
      return errors.conflict('response_conflict', 'This was saved from another tab or device since you loaded it. Your text was not saved: compare it with the saved version below.', { current: e.current });
    case 'survey_not_answered':
      return errors.unprocessable('survey_not_answered', 'Answer the two survey questions to complete this step.');
    case 'not_a_survey':
      return errors.unprocessable('not_a_survey', `A ${e.stepKind} step is not a survey.`, { stepKind: e.stepKind });
    default:
      return exhaustive(e);
  }
}
