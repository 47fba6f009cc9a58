import type { Persona } from '../../lti-tool/src/sandbox/sandbox.personas';
import { call, launchIn, person, type Launched, type Tenant } from '../helpers/courseFlow';
import type { TestTool } from '../helpers/testTool';
import { buildCohort } from './factories';

export { call, otherPlatform, person, type Answer, type Tenant } from '../helpers/courseFlow';

/** A signed-in person: their token and who/where the tool says they are. */
export type Who = Launched;

/** Launches a persona into a course by LTI context id (titled "Course <id>"); see launchIn. */
export function launchInto(tool: TestTool, who: string | Persona, courseId: string, tenant: Tenant = {}): Promise<Who> {
  return launchIn(tool, who, { id: courseId, title: `Course ${courseId}`, label: courseId }, tenant);
}

/** A course with an admin, a lead and three teachers launched into it, and a cohort it holds. */
export async function courseWithCohort(tool: TestTool, courseId: string, o: { workVisibility?: 'cohort' | 'leads_only' } = {}) {
  const admin = await launchInto(tool, person(`${courseId}-admin`, 'Ada Admin', 'admin'), courseId);
  const lead = await launchInto(tool, person(`${courseId}-lead`, 'Lee Lead', 'lead'), courseId);
  const teachers = [];
  for (const [i, name] of ['Tess One', 'Theo Two', 'Tia Three'].entries()) teachers.push(await launchInto(tool, person(`${courseId}-t${i + 1}`, name, 'participant'), courseId));
  const cohortId = await buildCohort(tool.db, admin.contextId, { title: `Cohort of ${courseId}`, workVisibility: o.workVisibility });
  return { admin, lead, teachers: teachers as [Who, Who, Who], cohortId };
}

/** A step as the editor API takes it. */
export interface StepInput {
  kind: 'read' | 'reflect' | 'audition' | 'checkpoint' | 'inquiry' | 'survey';
  title: string;
  estimatedMinutes: number;
  content?: unknown;
}

/** Creates and publishes a module through the editor API; returns its id and step ids (in order). */
export async function publishModule(
  tool: TestTool,
  admin: Who,
  cohortId: string,
  m: { title: string; pdMinutes?: number; unlockRule?: 'open' | 'after_previous'; reportsToGradebook?: boolean; steps: StepInput[] },
): Promise<{ moduleId: string; stepIds: string[] }> {
  const created = await call(tool, 'POST', `/api/cohorts/${cohortId}/modules`, admin, { title: m.title, pdMinutes: m.pdMinutes ?? 60, unlockRule: m.unlockRule ?? 'open', reportsToGradebook: m.reportsToGradebook ?? false });
  if (created.status !== 201) throw new Error(`create module: ${created.status} ${JSON.stringify(created.body)}`);
  const moduleId = created.body.moduleId as string;
  for (const s of m.steps) {
    const added = await call(tool, 'POST', `/api/cohorts/${cohortId}/modules/${moduleId}/draft/steps`, admin, s);
    if (added.status !== 201) throw new Error(`add step: ${added.status} ${JSON.stringify(added.body)}`);
  }
  const published = await call(tool, 'POST', `/api/cohorts/${cohortId}/modules/${moduleId}/publish`, admin);
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  return { moduleId, stepIds: (published.body.steps as { stepId: string }[]).map((s) => s.stepId) };
}

/** Three quick steps: read, reflect (author chooses visibility), checkpoint. */
export const threeSteps: StepInput[] = [
  { kind: 'read', title: 'Read the idea', estimatedMinutes: 10, content: { markdown: 'Why **visits** help.' } },
  { kind: 'reflect', title: 'Reflect', estimatedMinutes: 15, content: { prompt: 'What did you notice?', visibility: 'choice' } },
  { kind: 'checkpoint', title: 'Meet', estimatedMinutes: 30, content: { date: '2026-12-01', linkUrl: 'https://meet.example.org/abc', mode: 'live' } },
];
