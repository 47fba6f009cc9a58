import { api } from '../helpers/ltiFlow';
import type { TestTool } from '../helpers/testTool';
import { call, type Who } from '../modules/moduleFlow';

export { call, courseWithCohort, launchInto, otherPlatform, person, publishModule, type Who } from '../modules/moduleFlow';

/** A small framework made through the API: two domains, three competencies (one with two indicators). */
export async function buildFramework(tool: TestTool, admin: Who, title = 'Team framework') {
  const created = await call(tool, 'POST', '/api/competency-frameworks', admin, { title });
  if (created.status !== 201) throw new Error(`framework: ${created.status} ${JSON.stringify(created.body)}`);
  const frameworkId = created.body.id as string;
  const add = async (parentId: string | null, kind: string, identifier: string, t: string) => {
    const res = await call(tool, 'POST', `/api/competency-frameworks/${frameworkId}/competencies`, admin, { parentId, kind, identifier, title: t, levelDescriptions: { Proficient: `${t}, consistently.` } });
    if (res.status !== 201) throw new Error(`competency: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.competencyId as string;
  };
  const col = await add(null, 'domain', 'COL', 'Collaboration');
  const plan = await add(col, 'competency', 'COL.1', 'Plans with colleagues');
  const feedback = await add(col, 'competency', 'COL.2', 'Gives feedback');
  const des = await add(null, 'domain', 'DES', 'Design');
  const goals = await add(des, 'competency', 'DES.1', 'Sets goals');
  const goalsA = await add(goals, 'indicator', 'DES.1.a', 'Shares goals');
  const goalsB = await add(goals, 'indicator', 'DES.1.b', 'Uses criteria');
  return { frameworkId, ids: { col, plan, feedback, des, goals, goalsA, goalsB } };
}

/** Links a framework to a cohort with settings (every competency of it unless listed). */
export async function linkFramework(tool: TestTool, admin: Who, cohortId: string, body: Record<string, unknown>) {
  const res = await call(tool, 'PUT', `/api/cohorts/${cohortId}/competencies`, admin, body);
  if (res.status !== 200) throw new Error(`link: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Rates a person through the API. */
export const rate = (tool: TestTool, rater: Who, cohortId: string, userId: string, competencyId: string, level: string, comment = '', evidenceIds: string[] = []) =>
  call(tool, 'POST', `/api/cohorts/${cohortId}/people/${userId}/competencies/${competencyId}/ratings`, rater, { level, comment, evidenceIds });

/** Sends a raw body (CSV or JSON text) to an import endpoint. */
export async function upload(tool: TestTool, path: string, who: Who, body: string, type: string): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await api(tool, path, who.token, { method: 'POST', body, headers: { 'content-type': type } });
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text };
}

/** GETs a text answer (CSV, HTML). */
export async function getText(tool: TestTool, path: string, who: Who): Promise<{ status: number; type: string; text: string }> {
  const res = await api(tool, path, who.token);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}
