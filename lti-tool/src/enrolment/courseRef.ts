import type { Knex } from 'knex';
import type { LaunchFollowUp } from '../lti/launch.service';
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
 * Launch follow-up: remembers the course id the launch announces, and gives a member without a school the one
 * they were enrolled with. Only launches that can change something run it (the launch statement tells whether the
 * member has a school and whether the course had enrolment runs); both writes are idempotent, so a later launch
 * redoes what a failure missed.
 */
export function createEnrolmentLaunchFollowUp(people: PeopleStore, db: Knex): LaunchFollowUp {
  // The course id each context last announced, as this process wrote it within the last minute: only launches
  // write it, so an unchanged id needs no write (the minute bounds a course whose LMS flips between two ids).
  const written = new Map<string, { courseId: string; at: number }>();
  const isWritten = (contextId: string, courseId: string) => {
    const w = written.get(contextId);
    return w !== undefined && w.courseId === courseId && Date.now() - w.at < 60_000;
  };
  const courseIdOf = (event: Parameters<LaunchFollowUp['wants']>[0]) => lmsCourseIdFromCustom(event.claims.services.custom);
  const needsSchool = (event: Parameters<LaunchFollowUp['wants']>[0]) => Boolean(event.claims.email) && event.memberSchool === null && event.contextHasEnrolmentRuns;
  return {
    name: 'enrolment-course-and-school',
    wants(event) {
      const courseId = courseIdOf(event);
      return (courseId !== null && !isWritten(event.contextId, courseId)) || needsSchool(event);
    },
    async run(event) {
      const courseId = courseIdOf(event);
      if (courseId && !isWritten(event.contextId, courseId)) {
        await people.setLmsCourseId(event.contextId, courseId, db);
        if (written.size >= 50_000) written.clear();
        written.set(event.contextId, { courseId, at: Date.now() });
      }
      if (needsSchool(event)) await people.applyEnrolledSchool(event.contextId, event.userId, event.claims.email!, db);
    },
  };
}
