import type { LaunchHook } from '../lti/launch.service';
import type { LmsKind } from './lms.adapter';
import type { PeopleStore } from './people.store';

const NUMERIC = /^\d{1,20}$/;

/**
 * The LMS course id a launch announces in its custom parameters: `lms_course_id` (any LMS) or
 * `canvas_course_id` (Canvas: `canvas_course_id=$Canvas.course.id` in the developer key's custom fields).
 * Only digits count: an LMS that does not substitute the variable sends the literal `$Canvas.course.id`.
 */
export function lmsCourseIdFromCustom(custom: unknown): string | null {
  if (!custom || typeof custom !== 'object') return null;
  const c = custom as Record<string, unknown>;
  for (const key of ['lms_course_id', 'canvas_course_id']) {
    const v = c[key];
    const text = typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : typeof v === 'string' ? v.trim() : '';
    if (NUMERIC.test(text)) return text;
  }
  return null;
}

/**
 * How Staffroom names the context's course to the LMS API:
 * 1. the id from a launch's custom parameter;
 * 2. the LTI context id when it is numeric (Moodle sends the course id there);
 * 3. Canvas only: `lti_context_id:<context id>`, which the Canvas API accepts wherever a course id goes.
 * Null when none applies (a Moodle-like LMS with an opaque context id and no custom parameter).
 */
export function resolveCourseRef(kind: LmsKind, ctx: { lmsCourseId: string | null; ltiContextId: string }): string | null {
  if (ctx.lmsCourseId) return ctx.lmsCourseId;
  if (NUMERIC.test(ctx.ltiContextId)) return ctx.ltiContextId;
  if (kind === 'canvas') return `lti_context_id:${ctx.ltiContextId}`;
  return null;
}

/**
 * Launch hook: remembers the course id the launch announces, and gives a member without a school the
 * one they were enrolled with. Runs in the launch transaction, so it only does two small writes.
 */
export function createEnrolmentLaunchHook(people: PeopleStore): LaunchHook {
  return async (event, trx) => {
    const courseId = lmsCourseIdFromCustom(event.claims.services.custom);
    if (courseId) await people.setLmsCourseId(event.contextId, courseId, trx);
    if (event.claims.email) await people.applyEnrolledSchool(event.contextId, event.userId, event.claims.email, trx);
  };
}
