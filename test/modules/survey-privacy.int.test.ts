import { startAttachmentTool } from '../attachments/attachmentFlow';
import { api } from '../helpers/ltiFlow';
import { readZip } from '../privacy/zipReader';
import { call, courseWithCohort, publishModule, threeSteps, type Who } from './moduleFlow';

jest.setTimeout(300_000);

const SUBJECT_SUGGESTION = 'Subject-suggestion-about-lemurs';
const OTHER_SUGGESTION = 'Other-suggestion-about-tapirs';

describe('survey answers and time on task in the personal export and in erasure', () => {
  let tool: Awaited<ReturnType<typeof startAttachmentTool>>;
  let admin: Who;
  let subject: Who;
  let other: Who;
  let surveyStepId: string;
  let readStepId: string;

  beforeAll(async () => {
    tool = await startAttachmentTool();
    const c = await courseWithCohort(tool, 'survey-privacy-course');
    admin = c.admin;
    [subject, other] = c.teachers;
    const m = await publishModule(tool, admin, c.cohortId, { title: 'Visits', steps: [threeSteps[0]!, { kind: 'survey', title: 'Your view', estimatedMinutes: 5 }] });
    [readStepId, surveyStepId] = m.stepIds as [string, string];
    const step = (id: string) => `/api/cohorts/${c.cohortId}/modules/${m.moduleId}/steps/${id}`;
    expect((await call(tool, 'PUT', `${step(surveyStepId)}/survey`, subject, { useful: 4, relevant: 2, suggestion: SUBJECT_SUGGESTION })).status).toBe(200);
    expect((await call(tool, 'PUT', `${step(surveyStepId)}/survey`, other, { useful: 1, relevant: 3, suggestion: OTHER_SUGGESTION })).status).toBe(200);
    expect((await call(tool, 'POST', `${step(readStepId)}/time`, subject, { seconds: 40 })).status).toBe(200);
    expect((await call(tool, 'POST', `${step(readStepId)}/time`, other, { seconds: 50 })).status).toBe(200);
  });
  afterAll(async () => {
    await tool.stopAll();
  });

  it('exports the person’s own survey answers and measured time, and nothing of anyone else’s', async () => {
    const res = await api(tool, '/api/me/export', subject.token);
    expect(res.status).toBe(200);
    const entries = readZip(Buffer.from(await res.arrayBuffer()));
    const answers = JSON.parse(entries.get('modules/survey-answers.json')!.toString('utf8')) as Record<string, unknown>[];
    expect(answers).toEqual([expect.objectContaining({ user_id: subject.userId, step_id: surveyStepId, useful: 4, relevant: 2, suggestion: SUBJECT_SUGGESTION })]);
    const time = JSON.parse(entries.get('modules/time-on-task.json')!.toString('utf8')) as Record<string, unknown>[];
    expect(time).toEqual([expect.objectContaining({ user_id: subject.userId, step_id: readStepId, seconds: 40 })]);
    const everything = [...entries.values()].map((b) => b.toString('utf8')).join('\n');
    expect(everything).not.toContain(OTHER_SUGGESTION);
    expect(everything).not.toContain(other.userId);
    expect(entries.get('README.txt')!.toString('utf8')).toContain('modules/survey-answers.json');
  });

  it('erases the person’s survey answers and measured time, and keeps everyone else’s', async () => {
    const erased = await call(tool, 'DELETE', `/api/admin/people/${subject.userId}`, admin, { confirm: subject.userId });
    expect(erased.status).toBe(200);
    // The summary's counts are not asserted: on PGlite knex's delete() answers a result object, not a count (reported).
    expect(erased.body.erased.deleted).toHaveProperty('surveyAnswers');
    expect(await tool.db('survey_responses').where({ user_id: subject.userId })).toEqual([]);
    expect(await tool.db('step_time').where({ user_id: subject.userId })).toEqual([]);
    expect(await tool.db('survey_responses').where('suggestion', 'like', '%lemurs%')).toEqual([]);
    expect(await tool.db('survey_responses').where({ user_id: other.userId }).pluck('suggestion')).toEqual([OTHER_SUGGESTION]);
    expect(await tool.db('step_time').where({ user_id: other.userId }).pluck('seconds')).toEqual([50]);
  });
});
