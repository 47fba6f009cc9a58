/**
 * Set-ups of the sandbox's demo course that browser tests share: cohorts its admin makes, an audition to work on,
 * and the competency world of the competency screens.
 */
import { PASSBACK_TEST_ENV } from '../grades/gradesFlow';
import { buildFramework } from '../competencies/competencyFlow';
import { publishModule } from '../modules/moduleFlow';
import { call, sandboxSession, type Launched } from './courseFlow';
import { startTestTool, type TestTool } from './testTool';

/** A cohort of the demo course made by its admin through the API, from a built-in template when named; its id. */
export async function demoCohort(tool: TestTool, admin: Launched, title: string, templateKey?: string): Promise<string> {
  let templateId: string | undefined;
  if (templateKey) {
    const templates = (await call(tool, 'GET', '/api/cohort-templates', admin)).body.templates as { id: string; key: string | null }[];
    templateId = templates.find((t) => t.key === templateKey)!.id;
  }
  const created = await call(tool, 'POST', '/api/cohorts', admin, templateId ? { templateId, title } : { title });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

/**
 * Publishes "Plans worth sharing", a module of one audition step, in the cohort, and the lead creates the audition
 * (`audition`: its title, prompt, protocol and settings) on that step; returns the audition's id.
 */
export async function demoAudition(tool: TestTool, admin: Launched, lead: Launched, cohortId: string, audition: Record<string, unknown>): Promise<string> {
  const { moduleId, stepIds } = await publishModule(tool, admin, cohortId, {
    title: 'Plans worth sharing',
    steps: [{ kind: 'audition', title: 'Audition your plan', estimatedMinutes: 60, content: { auditionId: null, instructions: 'Share a plan' } }],
  });
  const created = await call(tool, 'POST', `/api/cohorts/${cohortId}/auditions`, lead, { moduleId, stepId: stepIds[0], ...audition });
  expect(created.status).toBe(201);
  return created.body.audition.id as string;
}

/** The demo course ready for the competency screens: its people, their schools, and a framework. */
export interface CompetencyWorld {
  tool: TestTool;
  admin: Launched;
  lead: Launched;
  /** Sam Okafor (teacher-1), of Riverside Primary. */
  sam: Launched;
  /** Lena Fischer (teacher-2), of Hillcrest Secondary. */
  lena: Launched;
  frameworkId: string;
  ids: Awaited<ReturnType<typeof buildFramework>>['ids'];
}

/** Starts a tool that passes grades back to the sandbox's gradebook, with the "Collaborative practice" framework. */
export async function startCompetencyWorld(): Promise<CompetencyWorld> {
  const tool = await startTestTool(PASSBACK_TEST_ENV);
  const admin = await sandboxSession(tool, 'admin');
  const lead = await sandboxSession(tool, 'lead');
  const sam = await sandboxSession(tool, 'teacher-1');
  const lena = await sandboxSession(tool, 'teacher-2');
  // Schools come from enrolment (docs/enrolment.md); the sandbox course has none, so the test records them.
  await tool.db('memberships').where({ user_id: sam.userId }).update({ school: 'Riverside Primary' });
  await tool.db('memberships').where({ user_id: lena.userId }).update({ school: 'Hillcrest Secondary' });
  const { frameworkId, ids } = await buildFramework(tool, admin, 'Collaborative practice');
  return { tool, admin, lead, sam, lena, frameworkId, ids };
}
