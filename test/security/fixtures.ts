import type { TestTool } from '../helpers/testTool';
import { answers, createAudition, draftBody, queueOf, submitWork } from '../auditions/auditionFlow';
import { buildFramework, linkFramework } from '../competencies/competencyFlow';
import { call, launchInto, person, publishModule, threeSteps, type Who } from '../modules/moduleFlow';
import { ALL_KINDS } from '../../lti-tool/src/attachments/attachments.kinds';
import { COURSE, launchPeople, type People } from './callers';

/** The upload purpose the walk registers (no feature registers one yet): readable by the course's leads and admins. */
export const PURPOSE = 'authz-evidence';

/** Everything the table's path params point at: real objects of COURSE's tenant, made once through the API. */
export interface Fixture {
  tool: TestTool;
  people: People;
  cohortId: string;
  /** A published module: read, reflect, checkpoint. */
  moduleId: string;
  steps: { read: string; reflect: string; checkpoint: string };
  /** teacher-2's cohort-visible reflection. */
  responseId: string;
  /** A module whose draft has one unpublished step. */
  draft: { moduleId: string; stepId: string };
  auditionModuleId: string;
  /** An audition (3 submitters, 2 reviewers each, with a calibration example). */
  auditionId: string;
  submissionId: string;
  reviews: { toDraft: string; toSubmit: string; toRate: string; toReassign: string };
  notificationId: string;
  frameworkId: string;
  competencyId: string;
  linkId: string;
  attachmentId: string;
  inviteId: string;
  csvTemplate: string;
  casePackage: string;
}

const ok = <T extends { status: number; body: any }>(what: string, res: T, ...statuses: number[]): T => { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (!statuses.includes(res.status)) throw new Error(`fixture ${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
};

/** Builds the fixture: callers, a cohort with modules, an audition in full swing, a framework, an attachment. */
export async function buildFixture(tool: TestTool): Promise<Fixture> {
  tool.services.attachments.purposes.register({ name: PURPOSE, accept: ALL_KINDS, maxBytes: 64 * 1024, policy: { canRead: async (s, a) => s.contextId === a.contextId && s.role !== 'participant' } });
  const people = await launchPeople(tool);
  const { admin, participant, teacher2, teacher3 } = people;
  const cohortId = ok('cohort', await call(tool, 'POST', '/api/cohorts', admin, { title: 'Authorization walk' }), 201).body.id as string;

  const published = await publishModule(tool, admin, cohortId, { title: 'Visits', steps: threeSteps });
  const [read, reflect, checkpoint] = published.stepIds as [string, string, string];
  const stepBase = `/api/cohorts/${cohortId}/modules/${published.moduleId}/steps`;
  ok('response', await call(tool, 'PUT', `${stepBase}/${reflect}/response`, teacher2, { body: { text: 'I noticed things.' }, visibility: 'cohort', revision: 0 }), 200);
  const shared = ok('responses', await call(tool, 'GET', `${stepBase}/${reflect}/responses`, admin), 200);
  const responseId = (shared.body.responses as { id: string }[])[0]!.id;

  const auditionModuleId = (await publishModule(tool, admin, cohortId, { title: 'Auditions', steps: [{ kind: 'audition', title: 'Audition', estimatedMinutes: 30, content: { auditionId: null } }] })).moduleId;
  const calibration = { work: { text: 'Example plan' }, context: { gradeLevel: 'Grade 3', subject: 'Reading', students: '20', feedbackWanted: 'Anything' }, answers: answers(2, 'Lead') };
  const auditionId = await createAudition(tool, admin, cohortId, auditionModuleId, { reviewersPerSubmission: 2, calibration });
  const base = `/api/cohorts/${cohortId}/auditions/${auditionId}`;
  for (const who of [participant, teacher2, teacher3]) ok('submission', await submitWork(tool, who, base), 201);
  const submissionOf = async (who: Who) => (await tool.db('audition_submissions').where({ audition_id: auditionId, author_id: who.userId }).first()).id as string;
  const reviewOf = async (reviewer: Who, author: Who) => {
    const sub = await submissionOf(author);
    const row = await tool.db('audition_reviews').where({ submission_id: sub, reviewer_id: reviewer.userId }).first();
    if (!row) throw new Error(`fixture: no review of ${author.userId} by ${reviewer.userId} (queue: ${JSON.stringify(await queueOf(tool, reviewer))})`);
    return row.id as string;
  };
  const toRate = await reviewOf(teacher2, participant);
  ok('review submit', await call(tool, 'POST', `${base}/reviews/${toRate}/submit`, teacher2, { answers: answers() }), 200);
  const notifications = ok('notifications', await call(tool, 'GET', '/api/notifications', participant), 200);
  const notificationId = (notifications.body.notifications as { id: string }[])[0]?.id;
  if (!notificationId) throw new Error(`fixture: participant has no notification ${JSON.stringify(notifications.body)}`);

  const { frameworkId, ids } = await buildFramework(tool, admin, 'Authorization framework');
  const partial: Pick<Fixture, 'frameworkId' | 'competencyId'> = { frameworkId, competencyId: ids.plan };
  await linkFramework(tool, admin, cohortId, cohortCompetencies(partial));
  ok('rating', await call(tool, 'POST', `/api/cohorts/${cohortId}/people/${teacher2.userId}/competencies/${ids.plan}/ratings`, admin, { level: 'Proficient' }), 201);
  const link = ok('link', await call(tool, 'PUT', `/api/cohorts/${cohortId}/competencies/${ids.plan}/links`, admin, { targetKind: 'module_step', targetId: reflect }), 200);

  const draft = await freshDraftModule(tool, admin, cohortId);
  const fx: Omit<Fixture, 'attachmentId' | 'inviteId' | 'linkId'> = {
    tool,
    people,
    cohortId,
    moduleId: published.moduleId,
    steps: { read, reflect, checkpoint },
    responseId,
    draft,
    auditionModuleId,
    auditionId,
    submissionId: await submissionOf(teacher2),
    reviews: { toDraft: await reviewOf(participant, teacher2), toSubmit: await reviewOf(participant, teacher3), toRate, toReassign: await reviewOf(teacher3, teacher2) },
    notificationId,
    frameworkId,
    competencyId: ids.plan,
    csvTemplate: await (await fetch(`${tool.url}/api/competency-frameworks/csv-template`, { headers: { authorization: `Bearer ${admin.token}` } })).text(),
    casePackage: await (await fetch(`${tool.url}/api/competency-frameworks/${frameworkId}/export.case.json`, { headers: { authorization: `Bearer ${admin.token}` } })).text(),
  };
  return {
    ...fx,
    linkId: linkIdOf(link.body, reflect),
    attachmentId: await freshAttachment(fx),
    inviteId: await freshInvite(fx),
  };
}

/** The cohort's competency settings: one competency of the framework, in a credential (teacher-2 earns it in the fixture). */
export function cohortCompetencies(fx: Pick<Fixture, 'frameworkId' | 'competencyId'>) {
  return { frameworkId: fx.frameworkId, credentialTitle: 'Walked the routes', competencies: [{ competencyId: fx.competencyId, inCredential: true }] };
}

function linkIdOf(body: { links?: { id: string; targetId: string }[] }, targetId: string): string {
  const found = body.links?.find((l) => l.targetId === targetId);
  if (!found) throw new Error(`fixture: no link in ${JSON.stringify(body)}`);
  return found.id;
}

type Base = Pick<Fixture, 'tool' | 'people' | 'cohortId'>;

/** A new module with one draft step (for discarding, publishing, removing steps). */
export async function freshDraftModule(tool: TestTool, admin: Who, cohortId: string): Promise<{ moduleId: string; stepId: string }> {
  const moduleId = ok('module', await call(tool, 'POST', `/api/cohorts/${cohortId}/modules`, admin, { title: 'Draft module' }), 201).body.moduleId as string;
  ok('step', await call(tool, 'POST', `/api/cohorts/${cohortId}/modules/${moduleId}/draft/steps`, admin, threeSteps[0]), 201);
  const draft = ok('draft', await call(tool, 'GET', `/api/cohorts/${cohortId}/modules/${moduleId}/draft`, admin), 200);
  return { moduleId, stepId: (draft.body.steps as { stepId: string }[])[0]!.stepId };
}

/** A file the participant uploaded (for reading and deleting). */
export async function freshAttachment(fx: Pick<Fixture, 'tool' | 'people'>): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new TextEncoder().encode('notes from a visit')], { type: 'text/plain' }), 'notes.txt');
  const res = await fetch(`${fx.tool.url}/api/attachments?purpose=${PURPOSE}`, { method: 'POST', body: form, headers: { authorization: `Bearer ${fx.people.participant.token}` } });
  const body = (await res.json()) as { attachment?: { id: string } };
  if (res.status !== 201 || !body.attachment) throw new Error(`fixture attachment: ${res.status} ${JSON.stringify(body)}`);
  return body.attachment.id;
}

/** A new join code of the cohort. */
export async function freshInvite(fx: Base): Promise<string> {
  return ok('invite', await call(fx.tool, 'POST', `/api/cohorts/${fx.cohortId}/network-invites`, fx.people.admin, {}), 201).body.id as string;
}

let partners = 0;
/** The id of a new partner course (same platform) that joined the cohort with a join code. */
export async function freshPartnerContext(fx: Base): Promise<string> {
  partners += 1;
  const code = ok('invite', await call(fx.tool, 'POST', `/api/cohorts/${fx.cohortId}/network-invites`, fx.people.admin, {}), 201).body.code as string;
  const partner = await launchInto(fx.tool, person(`authz-partner-${partners}`, 'Pat Partner', 'admin'), `authz-partner-course-${partners}`);
  ok('join', await call(fx.tool, 'POST', '/api/cohorts/join', partner, { code }), 200);
  return partner.contextId;
}

let erasable = 0;
/** A new participant launched into COURSE (for erasure); returns their user id. */
export async function freshPerson(fx: Pick<Fixture, 'tool'>): Promise<string> {
  erasable += 1;
  return (await launchInto(fx.tool, person(`authz-erasable-${erasable}`, 'Erin Erasable', 'participant'), COURSE)).userId;
}

/** A new framework (for deleting), or a new competency in the fixture's framework. */
export async function freshFramework(fx: Base): Promise<string> {
  return ok('framework', await call(fx.tool, 'POST', '/api/competency-frameworks', fx.people.admin, { title: 'To delete' }), 201).body.id as string;
}

let competencies = 0;
/** A new competency of `frameworkId`. */
export async function freshCompetency(fx: Base, frameworkId: string): Promise<string> {
  competencies += 1;
  const res = await call(fx.tool, 'POST', `/api/competency-frameworks/${frameworkId}/competencies`, fx.people.admin, { kind: 'domain', identifier: `DEL.${competencies}`, title: 'To delete' });
  return ok('competency', res, 201).body.competencyId as string;
}

/** A new link of the fixture's competency to the read step. */
export async function freshLink(fx: Fixture): Promise<string> {
  const res = await call(fx.tool, 'PUT', `/api/cohorts/${fx.cohortId}/competencies/${fx.competencyId}/links`, fx.people.admin, { targetKind: 'module_step', targetId: fx.steps.read });
  return linkIdOf(ok('link', res, 200).body, fx.steps.read);
}

/** A new audition in the audition module where the participant has nothing yet, a saved draft (revision 1) or a submitted version. */
export async function freshAuditionWithWork(fx: Fixture, state: 'none' | 'draft' | 'submitted'): Promise<string> {
  const auditionId = await createAudition(fx.tool, fx.people.admin, fx.cohortId, fx.auditionModuleId, { reviewersPerSubmission: 1 });
  const base = `/api/cohorts/${fx.cohortId}/auditions/${auditionId}`;
  if (state === 'none') return auditionId;
  if (state === 'draft') ok('draft', await call(fx.tool, 'PUT', `${base}/submission/draft`, fx.people.participant, draftBody(0)), 200);
  else ok('submit', await submitWork(fx.tool, fx.people.participant, base), 201);
  return auditionId;
}
