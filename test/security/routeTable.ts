import { randomUUID } from 'node:crypto';
import { answers, draftBody, protocol } from '../auditions/auditionFlow';
import { call, publishModule } from '../modules/moduleFlow';
import { COURSE, type Body, type Caller, type Outcome } from './callers';
import * as fresh from './fixtures';
import type { Fixture } from './fixtures';

/** Path parameter values by name. */
export type Params = Record<string, string>;

/** One route of the app: how to call it and what each caller must get. */
export interface RouteRow {
  /** Path params. A function may make a new object per call, so destructive routes do not depend on the order. */
  params?: (fx: Fixture, caller: Caller) => Params | Promise<Params>;
  /** A minimal valid body (so a refusal cannot hide behind a 400). */
  body?: Body | ((fx: Fixture, params: Params) => Body | Promise<Body>);
  /** Query string, without the '?'. */
  query?: string;
  expect: Record<Caller, Outcome>;
  /** Why a row looks the way it does (random ids, invalid bodies on purpose…). */
  note?: string;
  /** A real authorization bug: the row's mismatches are reported, not failed. Remove once fixed. */
  knownIssue?: string;
}

/** Expected outcomes in column order: anonymous, participant, lead, admin, admin of another tenant. */
const e = (anonymous: Outcome, participant: Outcome, lead: Outcome, admin: Outcome, otherAdmin: Outcome): Record<Caller, Outcome> => ({ anonymous, participant, lead, admin, otherAdmin });

// Shapes that recur. Another tenant's admin gets 404 for this tenant's objects (existence must not leak),
// and their own (empty) data from routes scoped to the session's course or platform.
const everyone = (s: Outcome) => e(s, s, s, s, s);
const signedIn = (ok: Outcome) => e(401, ok, ok, ok, ok);
const staffOwnCourse = (ok: Outcome) => e(401, 403, ok, ok, ok);
const adminOwnCourse = (ok: Outcome) => e(401, 403, 403, ok, ok);
// For an object of COURSE's tenant (cohort, module, audition, framework…): its members, its staff, its admins.
const members = (ok: Outcome) => e(401, ok, ok, ok, 404);
const staffOnly = (ok: Outcome) => e(401, 403, ok, ok, 404);
const adminsOnly = (ok: Outcome) => e(401, 403, 403, ok, 404);
const ownerOnly = (ok: Outcome) => e(401, ok, 404, 404, 404);
const operator = everyone(401);

const json = (value: unknown): Body => ({ json: value });
const cohort = (fx: Fixture) => ({ id: fx.cohortId, cohortId: fx.cohortId });
const mod = (fx: Fixture) => ({ cohortId: fx.cohortId, moduleId: fx.moduleId });
const step = (kind: keyof Fixture['steps']) => (fx: Fixture) => ({ ...mod(fx), stepId: fx.steps[kind] });
// A published module with one survey step, made once per fixture (the shared fixture has none).
const surveyModules = new WeakMap<Fixture, Promise<{ moduleId: string; stepIds: string[] }>>();
const surveyStep = async (fx: Fixture) => {
  if (!surveyModules.has(fx)) surveyModules.set(fx, publishModule(fx.tool, fx.people.admin, fx.cohortId, { title: 'Survey', steps: [{ kind: 'survey', title: 'Your view', estimatedMinutes: 5 }] }));
  const m = await surveyModules.get(fx)!;
  return { cohortId: fx.cohortId, moduleId: m.moduleId, stepId: m.stepIds[0]! };
};
const draft = (fx: Fixture) => ({ cohortId: fx.cohortId, moduleId: fx.draft.moduleId, stepId: fx.draft.stepId });
const freshDraft = async (fx: Fixture) => ({ cohortId: fx.cohortId, ...(await fresh.freshDraftModule(fx.tool, fx.people.admin, fx.cohortId)) });
const audition = (fx: Fixture) => ({ cohortId: fx.cohortId, auditionId: fx.auditionId });
const newAudition = async (fx: Fixture) => ({ cohortId: fx.cohortId, auditionId: await fresh.freshAuditionWithWork(fx, 'none') });
const review = (which: keyof Fixture['reviews']) => (fx: Fixture) => ({ ...audition(fx), reviewId: fx.reviews[which] });
const framework = (fx: Fixture) => ({ id: fx.frameworkId });
const competency = (fx: Fixture) => ({ ...cohort(fx), competencyId: fx.competencyId });
const teacher2 = (fx: Fixture) => ({ ...cohort(fx), userId: fx.people.teacher2.userId, competencyId: fx.competencyId });
const sandboxCourse = () => ({ contextId: 'authz-sandbox-scratch', id: randomUUID(), userId: 'nobody' });
const unknown = () => ({ id: randomUUID() });
const answersBody = json({ answers: answers() });
const staffList: Body = { text: 'name,email,school,role\nSam Okafor,sam.okafor@example.edu,Riverside Primary,teacher\n', type: 'text/csv' };
/** The sandbox's AGS URLs carry Moodle's type_id (without it: 400 before the token is looked at). */
const AGS = 'type_id=1';

/** Every route of the app ('METHOD /path', as the router declares it) and what each caller gets. */
export const routeTable: Record<string, RouteRow> = {
  // Public: health, keys, the LTI endpoints an LMS posts to. 'open' = anything but 401/403/5xx.
  'GET /healthz': { expect: everyone(200) },
  'GET /readyz': { expect: everyone(200) },
  'GET /': { expect: everyone(302) },
  // The SPA's page (no data: it asks the API with the tab's own session).
  'GET /app': { expect: everyone(200) },
  'GET /app/': { expect: everyone(200) },
  'GET /app/index.html': { expect: everyone(200) },
  'GET /.well-known/jwks.json': { expect: everyone(200) },
  'GET /lti/login': { expect: everyone('open'), note: 'no login parameters: a refusal page, never an auth error' },
  'POST /lti/login': { expect: everyone('open') },
  'POST /lti/launch': { expect: everyone('open') },
  'POST /lti/1p1/launch': { expect: everyone('open') },
  'GET /lti/canvas.json': { expect: everyone(200) },
  'GET /lti/register': { expect: everyone('open') },

  // Operator API: only Authorization: Bearer OPERATOR_TOKEN opens it; a session token is not that.
  'GET /api/operator/platforms': { expect: operator },
  'POST /api/operator/platforms': { expect: operator, body: json({}) },
  'POST /api/operator/platforms/:platformId/deployments': { expect: operator, params: () => ({ platformId: randomUUID() }), body: json({ deploymentId: 'x' }) },
  'GET /api/operator/platforms/:platformId/registrations': { expect: operator, params: () => ({ platformId: randomUUID() }) },
  'GET /api/operator/audit': { expect: operator },

  // The session's own course or platform: another tenant's admin sees their own (empty) data.
  'GET /api/me': { expect: signedIn(200) },
  'GET /api/my-learning': { expect: signedIn(200) },
  'GET /api/my-learning/pd-hours': { expect: signedIn(200) },
  'GET /api/feedback-to-give': { expect: signedIn(200) },
  'GET /api/notifications': { expect: signedIn(200) },
  'POST /api/notifications/:id/read': { expect: ownerOnly(200), params: (fx) => ({ id: fx.notificationId }), note: "the participant's own notification" },
  'GET /api/deep-linking/items': { expect: e(401, 403, 409, 409, 409), note: 'launched as a course link: 409 not_deep_linking_launch once past the role check' },
  'POST /api/deep-linking/response': { expect: e(401, 403, 409, 409, 409), body: json({ itemIds: [] }) },
  'POST /api/roster/sync': { expect: adminOwnCourse(409), note: 'the launches carried no NRPS claim: 409 after the role check' },
  'GET /api/audit': { expect: adminOwnCourse(200) },
  'GET /api/roster/syncs/latest': { expect: staffOwnCourse(200) },
  'GET /api/roster': { expect: staffOwnCourse(200) },
  'GET /api/grades/failures': { expect: adminOwnCourse(200) },
  'POST /api/grades/failures/:id/retry': { expect: adminOwnCourse(404), params: unknown, note: 'random uuid: no passback fails in this fixture' },
  'GET /api/enrolment/connection': { expect: adminOwnCourse(200) },
  'PUT /api/enrolment/connection': { expect: adminOwnCourse(400), body: json({}), note: 'invalid on purpose: a valid body makes the tool call the LMS' },
  'DELETE /api/enrolment/connection': { expect: adminOwnCourse(404), note: 'no connection saved: 404 after the role check' },
  'GET /api/enrolment/people': { expect: adminOwnCourse(200) },
  'POST /api/enrolment/preview': { expect: adminOwnCourse(200), body: staffList },
  'POST /api/enrolment/runs': { expect: adminOwnCourse(409), body: staffList, note: 'no LMS connection: 409 after the role check' },
  'GET /api/enrolment/runs': { expect: adminOwnCourse(200) },
  'GET /api/enrolment/runs/:id': { expect: adminOwnCourse(404), params: unknown, note: 'random uuid: a run needs an LMS connection' },

  // Attachments (purpose registered by the fixture: the course's leads and admins may read, only the owner deletes).
  'POST /api/attachments': { expect: signedIn(201), query: `purpose=${fresh.PURPOSE}`, body: { file: { name: 'plan.txt', bytes: Buffer.from('a plan'), type: 'text/plain' } } },
  'GET /api/attachments/:id': { expect: e(401, 200, 200, 200, 404), params: (fx) => ({ id: fx.attachmentId }) },
  'GET /api/attachments/:id/content': { expect: e(401, 200, 200, 200, 404), params: (fx) => ({ id: fx.attachmentId }) },
  'DELETE /api/attachments/:id': { expect: e(401, 204, 403, 403, 404), params: async (fx) => ({ id: await fresh.freshAttachment(fx) }), note: "a new file of the participant's per call" },

  // Data rights: own export, erasure by the course's admins, retention settings, the student-material mark.
  'GET /api/me/export': { expect: signedIn(200) },
  'GET /api/me/visibility': { expect: signedIn(200) },
  'GET /api/attachments/purposes/:name': { expect: signedIn(200), params: () => ({ name: fresh.PURPOSE }), note: 'the upload rules of the test purpose' },
  'DELETE /api/admin/people/:userId': {
    expect: adminsOnly(200),
    params: async (fx) => ({ userId: await fresh.freshPerson(fx) }),
    body: (_fx, params) => json({ confirm: params.userId }),
    note: 'a new participant of COURSE per call, confirmed with their own id',
  },
  'GET /api/cohorts/:cohortId/privacy': { expect: members(200), params: cohort },
  'PUT /api/cohorts/:cohortId/privacy': { expect: adminsOnly(200), params: cohort, body: json({ studentFileRetentionDays: 365 }) },
  'PUT /api/attachments/:id/student-material': { expect: ownerOnly(200), params: (fx) => ({ id: fx.attachmentId }), body: json({ containsStudentMaterial: false }), note: "the participant's own file" },

  // Cohorts.
  'GET /api/cohorts': { expect: signedIn(200) },
  'POST /api/cohorts': { expect: adminOwnCourse(201), body: json({ title: 'New cohort' }) },
  'POST /api/cohorts/join': { expect: adminOwnCourse(404), body: json({ code: 'NO-SUCH-CODE' }), note: 'a join code is the capability (it works across tenants by design); unknown code: 404' },
  'GET /api/cohort-templates': { expect: staffOwnCourse(200) },
  'GET /api/cohorts/:id': { expect: members(200), params: cohort },
  'PATCH /api/cohorts/:id': { expect: adminsOnly(200), params: cohort, body: json({ description: 'Walked' }) },
  'POST /api/cohorts/:id/save-as-template': { expect: adminsOnly(201), params: cohort, body: json({}) },
  'POST /api/cohorts/:id/network-invites': { expect: adminsOnly(201), params: cohort, body: json({}) },
  'GET /api/cohorts/:id/network-invites': { expect: adminsOnly(200), params: cohort },
  'DELETE /api/cohorts/:id/network-invites/:inviteId': { expect: adminsOnly(204), params: async (fx) => ({ ...cohort(fx), inviteId: await fresh.freshInvite(fx) }) },
  'DELETE /api/cohorts/:id/contexts/:contextId': { expect: adminsOnly(204), params: async (fx) => ({ ...cohort(fx), contextId: await fresh.freshPartnerContext(fx) }), note: 'a new partner course per call' },
  'GET /api/cohorts/:id/members': { expect: staffOnly(200), params: cohort },
  'PUT /api/cohorts/:id/modules/:moduleId/facilitators/:userId': { expect: adminsOnly([200, 201]), params: (fx) => ({ ...cohort(fx), moduleId: fx.moduleId, userId: fx.people.teacher3.userId }) },
  'DELETE /api/cohorts/:id/modules/:moduleId/facilitators/:userId': {
    expect: adminsOnly(204),
    params: async (fx) => {
      await call(fx.tool, 'PUT', `/api/cohorts/${fx.cohortId}/modules/${fx.moduleId}/facilitators/${fx.people.teacher3.userId}`, fx.people.admin);
      return { ...cohort(fx), moduleId: fx.moduleId, userId: fx.people.teacher3.userId };
    },
  },

  // Module editor: the cohort's owner-course admins (and module facilitators; none among the callers).
  'GET /api/cohorts/:cohortId/modules': { expect: members(200), params: cohort },
  'POST /api/cohorts/:cohortId/modules': { expect: adminsOnly(201), params: cohort, body: json({ title: 'Another module' }) },
  'PUT /api/cohorts/:cohortId/modules/order': {
    expect: adminsOnly(200),
    params: cohort,
    body: async (fx) => json({ moduleIds: await fx.tool.db('modules').where({ cohort_id: fx.cohortId }).orderBy('position').pluck('id') }),
  },
  'PATCH /api/cohorts/:cohortId/modules/:moduleId': { expect: adminsOnly(200), params: mod, body: json({ reportsToGradebook: false }) },
  'GET /api/cohorts/:cohortId/modules/:moduleId/draft': { expect: adminsOnly(200), params: draft },
  'PATCH /api/cohorts/:cohortId/modules/:moduleId/draft': { expect: adminsOnly(200), params: draft, body: json({ summary: 'Walked' }) },
  'DELETE /api/cohorts/:cohortId/modules/:moduleId/draft': { expect: adminsOnly(200), params: freshDraft },
  'GET /api/cohorts/:cohortId/modules/:moduleId/draft/preview': { expect: adminsOnly(200), params: draft },
  'POST /api/cohorts/:cohortId/modules/:moduleId/draft/steps': { expect: adminsOnly(201), params: draft, body: json({ kind: 'read', title: 'More', estimatedMinutes: 5, content: { markdown: 'More.' } }) },
  'PUT /api/cohorts/:cohortId/modules/:moduleId/draft/steps/order': {
    expect: adminsOnly(200),
    params: draft,
    body: async (fx) => json({ stepIds: ((await call(fx.tool, 'GET', `/api/cohorts/${fx.cohortId}/modules/${fx.draft.moduleId}/draft`, fx.people.admin)).body.steps as { stepId: string }[]).map((s) => s.stepId) }),
  },
  'PATCH /api/cohorts/:cohortId/modules/:moduleId/draft/steps/:stepId': { expect: adminsOnly(200), params: draft, body: json({ title: 'Renamed' }) },
  'DELETE /api/cohorts/:cohortId/modules/:moduleId/draft/steps/:stepId': { expect: adminsOnly(200), params: freshDraft },
  'POST /api/cohorts/:cohortId/modules/:moduleId/publish': { expect: adminsOnly(200), params: freshDraft },

  // Working through modules; the agreement record needs module lead rights.
  'GET /api/cohorts/:cohortId/progress': { expect: staffOnly(200), params: cohort },
  'GET /api/cohorts/:cohortId/modules/:moduleId': { expect: members(200), params: mod },
  'PUT /api/cohorts/:cohortId/modules/:moduleId/steps/:stepId/progress': { expect: members(200), params: step('read'), body: json({ status: 'in_progress' }) },
  'GET /api/cohorts/:cohortId/modules/:moduleId/steps/:stepId/response': { expect: members(200), params: step('reflect') },
  'PUT /api/cohorts/:cohortId/modules/:moduleId/steps/:stepId/response': { expect: members(200), params: step('reflect'), body: json({ body: { text: 'Mine.' }, visibility: 'private', revision: 0 }) },
  'GET /api/cohorts/:cohortId/modules/:moduleId/steps/:stepId/responses': { expect: members(200), params: step('reflect') },
  'GET /api/cohorts/:cohortId/modules/:moduleId/steps/:stepId/responses/:responseId': { expect: members(200), params: (fx) => ({ ...step('reflect')(fx), responseId: fx.responseId }), note: "teacher-2's cohort-visible reflection" },
  'PUT /api/cohorts/:cohortId/modules/:moduleId/steps/:stepId/agreement': {
    expect: e(401, 403, [200, 409], [200, 409], 404),
    params: step('checkpoint'),
    body: json({ text: 'We agreed.', revision: 0 }),
    note: 'one shared record: whoever saves second gets 409 revision conflict, past the access check',
  },
  'PUT /api/cohorts/:cohortId/modules/:moduleId/steps/:stepId/survey': { expect: members(200), params: surveyStep, body: json({ useful: 3, relevant: 4, suggestion: '' }) },
  'POST /api/cohorts/:cohortId/modules/:moduleId/steps/:stepId/time': { expect: members(200), params: step('read'), body: json({ seconds: 30 }) },

  // Reports: admins and leads, per-person rows of their own course only.
  'GET /api/cohorts/:cohortId/reports/participation': { expect: staffOnly(200), params: cohort },
  'GET /api/cohorts/:cohortId/reports/pd-hours': { expect: staffOnly(200), params: cohort, query: 'format=csv' },
  'GET /api/cohorts/:cohortId/reports/feedback': { expect: staffOnly(200), params: cohort },
  'GET /api/cohorts/:cohortId/reports/competency-growth': { expect: staffOnly(200), params: cohort, query: 'format=csv' },
  'GET /api/cohorts/:cohortId/reports/impact': { expect: staffOnly(200), params: cohort },
  'GET /api/reports/overview': { expect: adminOwnCourse(200), note: 'tenant-wide counts: the other tenant admin gets their own (empty) overview' },

  // Auditions: set-up and the lead's side.
  'GET /api/cohorts/:cohortId/auditions': { expect: members(200), params: cohort },
  'POST /api/cohorts/:cohortId/auditions': { expect: staffOnly(201), params: cohort, body: (fx) => json({ moduleId: fx.auditionModuleId, title: 'Another', prompt: 'Share it.', protocol }) },
  'GET /api/cohorts/:cohortId/auditions/:auditionId': { expect: members(200), params: audition },
  'PATCH /api/cohorts/:cohortId/auditions/:auditionId': {
    expect: staffOnly(200),
    params: newAudition,
    body: json({ prompt: 'Share a plan you will teach next week.' }),
    note: 'a new audition per call: a partial PATCH currently resets every setting it does not name (calibration, anonymity…)',
  },
  'GET /api/cohorts/:cohortId/auditions/:auditionId/overview': { expect: staffOnly(200), params: audition },
  'GET /api/cohorts/:cohortId/auditions/:auditionId/quality': { expect: staffOnly(200), params: audition },
  'GET /api/cohorts/:cohortId/auditions/:auditionId/submissions/:submissionId': { expect: staffOnly(200), params: (fx) => ({ ...audition(fx), submissionId: fx.submissionId }) },
  'POST /api/cohorts/:cohortId/auditions/:auditionId/allocate': { expect: staffOnly(409), params: audition, note: 'rolling audition: 409 not_fixed_mode after the lead check' },
  'POST /api/cohorts/:cohortId/auditions/:auditionId/reviews/:reviewId/reassign': {
    expect: staffOnly([200, 409]),
    params: review('toReassign'),
    body: json({}),
    note: 'after the first reassignment nobody may be left to take it: 409, past the lead check',
  },

  // Auditions: a teacher's own work and reviews (only the author or the reviewer; everyone else 404).
  'GET /api/cohorts/:cohortId/auditions/:auditionId/submission': { expect: members(200), params: audition },
  'PUT /api/cohorts/:cohortId/auditions/:auditionId/submission/draft': {
    expect: members(200),
    params: newAudition,
    body: json(draftBody(0)),
  },
  'POST /api/cohorts/:cohortId/auditions/:auditionId/submission/versions': {
    expect: e(401, 201, 400, 400, 404),
    params: async (fx) => ({ cohortId: fx.cohortId, auditionId: await fresh.freshAuditionWithWork(fx, 'draft') }),
    body: json({ revision: 1 }),
    note: 'a new audition per call where the participant holds a saved draft; lead and admin (members too) have none: 400 "save a draft first"',
  },
  'POST /api/cohorts/:cohortId/auditions/:auditionId/submission/withdraw': {
    expect: e(401, 200, 409, 409, 404),
    params: async (fx) => ({ cohortId: fx.cohortId, auditionId: await fresh.freshAuditionWithWork(fx, 'submitted') }),
    note: 'a new audition per call where the participant has submitted; lead and admin have nothing to withdraw: 409',
  },
  'GET /api/cohorts/:cohortId/auditions/:auditionId/reviews/:reviewId': { expect: ownerOnly(200), params: review('toDraft') },
  'PUT /api/cohorts/:cohortId/auditions/:auditionId/reviews/:reviewId/draft': { expect: ownerOnly(200), params: review('toDraft'), body: json({ answers: answers(), revision: 0 }) },
  'POST /api/cohorts/:cohortId/auditions/:auditionId/reviews/:reviewId/submit': { expect: ownerOnly(200), params: review('toSubmit'), body: answersBody },
  'PUT /api/cohorts/:cohortId/auditions/:auditionId/reviews/:reviewId/rating': {
    expect: ownerOnly(200),
    params: review('toRate'),
    body: json({ specific: 3, supportive: 4 }),
    note: "teacher-2's submitted review of the participant's work: only its author rates it",
  },
  'GET /api/cohorts/:cohortId/auditions/:auditionId/calibration': { expect: members(200), params: audition },
  'POST /api/cohorts/:cohortId/auditions/:auditionId/calibration': { expect: members(200), params: audition, body: answersBody },

  // Competency frameworks: tenant-wide; admins write, leads read.
  'POST /api/competency-frameworks/import/csv': { expect: adminOwnCourse(201), query: 'title=Imported', body: (fx) => ({ text: fx.csvTemplate, type: 'text/csv' }) },
  'POST /api/competency-frameworks/import/case': { expect: adminOwnCourse(201), body: (fx) => ({ text: fx.casePackage, type: 'application/json' }) },
  'GET /api/competency-frameworks': { expect: staffOwnCourse(200) },
  'POST /api/competency-frameworks': { expect: adminOwnCourse(201), body: json({ title: 'Another framework' }) },
  'GET /api/competency-frameworks/csv-template': { expect: staffOwnCourse(200) },
  'GET /api/competency-frameworks/:id': { expect: staffOnly(200), params: framework },
  'PATCH /api/competency-frameworks/:id': { expect: adminsOnly(200), params: framework, body: json({ description: 'Walked' }) },
  'DELETE /api/competency-frameworks/:id': { expect: adminsOnly(204), params: async (fx) => ({ id: await fresh.freshFramework(fx) }) },
  'POST /api/competency-frameworks/:id/copy': { expect: adminsOnly(201), params: framework, body: json({}) },
  'GET /api/competency-frameworks/:id/export.csv': { expect: staffOnly(200), params: framework },
  'GET /api/competency-frameworks/:id/export.case.json': { expect: staffOnly(200), params: framework },
  'POST /api/competency-frameworks/:id/competencies': { expect: adminsOnly(201), params: framework, body: json({ kind: 'domain', identifier: 'WALK', title: 'Walked' }) },
  'PATCH /api/competency-frameworks/:id/competencies/:competencyId': { expect: adminsOnly(200), params: (fx) => ({ id: fx.frameworkId, competencyId: fx.competencyId }), body: json({ description: 'Walked' }) },
  'DELETE /api/competency-frameworks/:id/competencies/:competencyId': {
    expect: adminsOnly(204),
    params: async (fx) => ({ id: fx.frameworkId, competencyId: await fresh.freshCompetency(fx, fx.frameworkId) }),
  },

  // A cohort's competencies.
  'GET /api/cohorts/:id/competencies': { expect: members(200), params: cohort },
  'PUT /api/cohorts/:id/competencies': { expect: adminsOnly(200), params: cohort, body: (fx) => json(fresh.cohortCompetencies(fx)), note: 'the settings the fixture saved, unchanged' },
  'GET /api/cohorts/:id/competencies/:competencyId/links': { expect: staffOnly(200), params: competency },
  'PUT /api/cohorts/:id/competencies/:competencyId/links': { expect: adminsOnly(200), params: competency, body: json({ targetKind: 'audition_criterion', targetId: 'criterion-clarity' }) },
  'DELETE /api/cohorts/:id/competencies/:competencyId/links/:linkId': { expect: adminsOnly(204), params: async (fx) => ({ ...competency(fx), linkId: await fresh.freshLink(fx) }) },
  'POST /api/cohorts/:id/competencies/:competencyId/evidence': { expect: members(201), params: competency, body: json({ title: 'My evidence', text: 'I did it.' }) },
  'POST /api/cohorts/:id/competencies/:competencyId/review-requests': { expect: members(201), params: competency, body: json({}) },
  'GET /api/cohorts/:id/grading-queue': { expect: staffOnly(200), params: cohort },
  'GET /api/cohorts/:id/competency-heatmap': { expect: staffOnly(200), params: cohort },
  'GET /api/cohorts/:id/people/:userId/competencies': { expect: e(401, 404, 200, 200, 404), params: teacher2, note: "teacher-2's profile: hidden (404) from another participant" },
  'GET /api/cohorts/:id/people/:userId/competencies/:competencyId': { expect: e(401, 404, 200, 200, 404), params: teacher2 },
  'POST /api/cohorts/:id/people/:userId/competencies/:competencyId/ratings': { expect: staffOnly(201), params: teacher2, body: json({ level: 'Proficient' }) },
  'GET /api/competency-certificates': { expect: signedIn(200), note: "the caller's own certificates, in their course" },
  'GET /api/cohorts/:id/certificates': { expect: staffOnly(200), params: cohort },
  'GET /api/cohorts/:id/people/:userId/certificate': { expect: e(401, 404, 200, 200, 404), params: teacher2 },
  'GET /api/cohorts/:id/people/:userId/certificate.html': { expect: e(401, 404, 200, 200, 404), params: teacher2 },

  // The sandbox LMS (a development platform emulator, off in production). Its service endpoints want the
  // platform's own OAuth access tokens: a Staffroom session token is not one (401). Its test controls are open.
  'GET /sandbox': { expect: everyone(200) },
  'GET /sandbox/jwks': { expect: everyone(200) },
  'GET /sandbox/auth': { expect: everyone('open') },
  'POST /sandbox/auth': { expect: everyone('open') },
  'POST /sandbox/token': { expect: everyone([400, 401]) },
  'GET /sandbox/registration-token': { expect: everyone('open') },
  'GET /sandbox/.well-known/openid-configuration': { expect: everyone(401) },
  'POST /sandbox/registration': { expect: everyone(401), body: json({}) },
  'GET /sandbox/register': { expect: everyone('open') },
  'GET /sandbox/nrps/:contextId': { expect: everyone(401), params: () => ({ contextId: COURSE }) },
  'GET /sandbox/nrps/:contextId/settings': { expect: everyone('open'), params: sandboxCourse },
  'PUT /sandbox/nrps/:contextId/settings': { expect: everyone('open'), params: sandboxCourse, body: json({}) },
  'PUT /sandbox/nrps/:contextId/members': { expect: everyone('open'), params: sandboxCourse, body: json({ members: [] }) },
  'POST /sandbox/nrps/:contextId/members/generate': { expect: everyone('open'), params: sandboxCourse, body: json({ count: 1 }) },
  'DELETE /sandbox/nrps/:contextId/members/:userId': { expect: everyone('open'), params: sandboxCourse },
  'DELETE /sandbox/nrps/:contextId': { expect: everyone('open'), params: sandboxCourse },
  'GET /sandbox/ags/:contextId/lineitems': { expect: everyone(401), query: AGS, params: () => ({ contextId: COURSE }) },
  'POST /sandbox/ags/:contextId/lineitems': { expect: everyone(401), query: AGS, params: () => ({ contextId: COURSE }), body: json({ label: 'x', scoreMaximum: 1 }) },
  'GET /sandbox/ags/:contextId/lineitems/:id/lineitem': { expect: everyone(401), query: AGS, params: () => ({ contextId: COURSE, id: randomUUID() }) },
  'POST /sandbox/ags/:contextId/lineitems/:id/lineitem/scores': { expect: everyone(401), query: AGS, params: () => ({ contextId: COURSE, id: randomUUID() }), body: json({}) },
  'GET /sandbox/ags/:contextId/lineitems/:id/lineitem/results': { expect: everyone(401), query: AGS, params: () => ({ contextId: COURSE, id: randomUUID() }) },
  'PUT /sandbox/ags/:contextId/mode': { expect: everyone('open'), params: sandboxCourse, body: json({}) },
  'POST /sandbox/ags/:contextId/faults': { expect: everyone('open'), params: sandboxCourse, body: json({}) },
  'DELETE /sandbox/ags/:contextId/faults': { expect: everyone('open'), params: sandboxCourse },
  'POST /sandbox/deep-link-return': { expect: everyone('open') },
  'POST /sandbox/lti11/outcomes': { expect: everyone(200), note: 'LTI 1.1 POX: an unsigned request gets 200 with imsx_codeMajor failure' },
};
