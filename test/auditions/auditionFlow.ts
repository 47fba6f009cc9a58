import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { SessionIdentity } from '../../lti-tool/src/lti/session';
import type { TestTool } from '../helpers/testTool';
import { buildCohort, buildContext, buildMember } from '../modules/factories';
import { call, launchInto, person, publishModule, type Who } from '../modules/moduleFlow';

/** A protocol with one rubric criterion and three comment prompts. */
export const protocol = {
  criteria: [
    {
      id: 'clarity',
      title: 'Clear learning goal',
      levels: [
        { score: 1, label: 'Beginning', descriptor: 'No goal stated' },
        { score: 2, label: 'Developing', descriptor: 'Goal stated' },
        { score: 3, label: 'Secure', descriptor: 'Goal stated and shared with students' },
        { score: 4, label: 'Leading', descriptor: 'Students can explain the goal' },
      ],
    },
  ],
  prompts: [
    { id: 'strength', kind: 'strength', label: 'A strength' },
    { id: 'suggestion', kind: 'suggestion', label: 'A suggestion' },
    { id: 'question', kind: 'question', label: 'A question', required: false },
  ],
};

/** Complete answers to `protocol`. */
export const answers = (score = 3, note = 'Nice') => ({ ratings: { clarity: score }, comments: { strength: `${note}: strength`, suggestion: `${note}: suggestion` } });

/** A complete draft. */
export const draftBody = (revision: number, o: { text?: string; whatChanged?: string } = {}) => ({
  work: { text: o.text ?? 'My lesson plan on fractions', links: [{ url: 'https://example.org/plan', title: 'Slides' }], attachmentIds: [] },
  context: { gradeLevel: 'Grade 5', subject: 'Maths', students: '28 students, 4 EAL', tried: 'Fraction walls', feedbackWanted: 'Is the exit ticket useful?' },
  whatChanged: o.whatChanged ?? '',
  revision,
});

/** A course with an admin, a lead, `n` teachers, a cohort and a published module with an audition step. */
export async function auditionCourse(tool: TestTool, courseId: string, n = 4) {
  const admin = await launchInto(tool, person(`${courseId}-admin`, 'Ada Admin', 'admin'), courseId);
  const lead = await launchInto(tool, person(`${courseId}-lead`, 'Lee Lead', 'lead'), courseId);
  const names = ['Tess Ash', 'Theo Birch', 'Tia Cedar', 'Tom Dogwood', 'Tara Elm', 'Ted Fir', 'Tina Gum', 'Toby Hazel'];
  const teachers: Who[] = [];
  for (let i = 0; i < n; i++) teachers.push(await launchInto(tool, person(`${courseId}-t${i + 1}`, names[i] ?? `Teacher ${i + 1}`, 'participant'), courseId));
  const cohortId = await buildCohort(tool.db, admin.contextId, { title: `Cohort of ${courseId}` });
  const { moduleId, stepIds } = await publishModule(tool, admin, cohortId, { title: 'Auditions', steps: [{ kind: 'audition', title: 'Audition your plan', estimatedMinutes: 60, content: { auditionId: null, instructions: 'Share a plan' } }] });
  return { admin, lead, teachers, cohortId, moduleId, stepId: stepIds[0]! };
}

/** Creates an audition through the API (as `who`); returns its id. */
export async function createAudition(tool: TestTool, who: Who, cohortId: string, moduleId: string, o: Record<string, unknown> = {}): Promise<string> {
  const res = await call(tool, 'POST', `/api/cohorts/${cohortId}/auditions`, who, { moduleId, title: 'Audition a lesson plan', prompt: 'Share a plan you will teach next week.', protocol, ...o });
  if (res.status !== 201) throw new Error(`create audition: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.audition.id as string;
}

/** Saves a complete draft and submits it as version 1; returns the submit answer. */
export async function submitWork(tool: TestTool, who: Who, base: string, text = 'My lesson plan') {
  const saved = await call(tool, 'PUT', `${base}/submission/draft`, who, draftBody(0, { text }));
  if (saved.status !== 200) throw new Error(`draft: ${saved.status} ${JSON.stringify(saved.body)}`);
  return call(tool, 'POST', `${base}/submission/versions`, who, { revision: saved.body.submission.revision });
}

/** The caller's open reviews in the audition (from the feedback-to-give queue). */
export async function queueOf(tool: TestTool, who: Who, auditionId?: string): Promise<{ id: string; auditionId: string; kind: string }[]> {
  const res = await call(tool, 'GET', '/api/feedback-to-give', who);
  return (res.body.reviews as { id: string; auditionId: string; kind: string }[]).filter((r) => !auditionId || r.auditionId === auditionId);
}

/**
 * A cohort of `schools.length` people made directly in the database (no launches), for service-level tests of
 * allocation over many cohorts. Returns each person's session and school.
 */
export async function directCohort(db: Knex, schools: (string | null)[]) {
  const { platformId, deploymentId, contextId } = await buildContext(db);
  const adminId = await buildMember(db, platformId, contextId, 'admin', 'Admin');
  const cohortId = await buildCohort(db, contextId);
  const moduleId = randomUUID();
  await db('modules').insert({ id: moduleId, cohort_id: cohortId, position: 0, title: 'M', summary: '', pd_minutes: 0, unlock_rule: 'open' });
  const session = (userId: string, role: 'admin' | 'participant'): SessionIdentity => ({ sessionId: randomUUID(), userId, contextId, platformId, deploymentId, role });
  const people: { session: SessionIdentity; school: string | null }[] = [];
  for (const [i, school] of schools.entries()) {
    const userId = await buildMember(db, platformId, contextId, 'participant', `Person ${i}`);
    if (school) await db('memberships').where({ user_id: userId }).update({ school });
    people.push({ session: session(userId, 'participant'), school });
  }
  return { cohortId, moduleId, contextId, admin: session(adminId, 'admin'), people };
}
