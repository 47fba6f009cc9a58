import { startTestTool, type TestTool } from '../helpers/testTool';
import { call, courseWithCohort, publishModule, type Who } from './moduleFlow';
import { expectSafeHtml, XSS_PAYLOADS } from './xssPayloads';

jest.setTimeout(300_000);

/** Every HTML string anywhere in a JSON answer (keys ending in "html" / "Html"). */
function htmlFields(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => htmlFields(v, found));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (/html$/i.test(k) && typeof v === 'string') found.push(v);
      else htmlFields(v, found);
    }
  }
  return found;
}

describe('XSS payloads through the API', () => {
  let tool: TestTool;
  let admin: Who;
  let teachers: [Who, Who, Who];
  let lead: Who;
  let cohortId: string;

  beforeAll(async () => {
    tool = await startTestTool();
    ({ admin, lead, teachers, cohortId } = await courseWithCohort(tool, 'xss-course'));
  });
  afterAll(async () => {
    await tool.stop();
  });

  it('stores payloads in every Markdown field of every step kind and serves only sanitised HTML to the player and preview', async () => {
    const joined = XSS_PAYLOADS.join('\n\n');
    const { moduleId } = await publishModule(tool, admin, cohortId, {
      title: 'Hostile content',
      steps: [
        { kind: 'read', title: 'Read', estimatedMinutes: 5, content: { markdown: joined } },
        { kind: 'reflect', title: 'Reflect', estimatedMinutes: 5, content: { prompt: joined, visibility: 'cohort' } },
        { kind: 'audition', title: 'Audition', estimatedMinutes: 5, content: { instructions: joined } },
        { kind: 'checkpoint', title: 'Meet', estimatedMinutes: 5, content: { agenda: joined } },
        { kind: 'inquiry', title: 'Inquiry', estimatedMinutes: 5, content: { question: joined } },
      ],
    });
    const player = await call(tool, 'GET', `/api/cohorts/${cohortId}/modules/${moduleId}`, teachers[0]);
    const preview = await call(tool, 'GET', `/api/cohorts/${cohortId}/modules/${moduleId}/draft/preview`, admin);
    const html = [...htmlFields(player.body), ...htmlFields(preview.body)];
    expect(html.length).toBeGreaterThanOrEqual(10);
    html.forEach(expectSafeHtml);
    // The editor gets the author's source back verbatim (to edit it), as JSON text, never as HTML.
    const draft = await call(tool, 'GET', `/api/cohorts/${cohortId}/modules/${moduleId}/draft`, admin);
    expect(draft.body.steps[0].content.markdown).toBe(joined);
  });

  it.each(XSS_PAYLOADS.map((p, i) => [i, p]))('sanitises payload %i in a shared reflection, an inquiry entry and a checkpoint record', async (i, payload) => {
    const { moduleId, stepIds } = await publishModule(tool, admin, cohortId, {
      title: `Payload ${i}`,
      steps: [
        { kind: 'reflect', title: 'Reflect', estimatedMinutes: 5, content: { prompt: 'Say anything', visibility: 'cohort' } },
        { kind: 'inquiry', title: 'Inquiry', estimatedMinutes: 5, content: { visibility: 'cohort' } },
        { kind: 'checkpoint', title: 'Meet', estimatedMinutes: 5, content: {} },
      ],
    });
    const step = (n: number, rest: string) => `/api/cohorts/${cohortId}/modules/${moduleId}/steps/${stepIds[n]}/${rest}`;
    const own = await call(tool, 'PUT', step(0, 'response'), teachers[0], { body: { text: payload }, visibility: 'cohort', revision: 0 });
    expect(own.status).toBe(200);
    expect(own.body.response.body.text).toBe(payload); // never lose text: the source is kept as written
    await call(tool, 'PUT', step(1, 'response'), teachers[0], { body: { stages: { plan: { text: payload }, review: { text: payload } } }, visibility: 'cohort', revision: 0 });
    await call(tool, 'PUT', step(2, 'agreement'), lead, { text: payload, revision: 0 });

    const seenByOthers = [
      await call(tool, 'GET', step(0, 'responses'), teachers[1]),
      await call(tool, 'GET', step(1, 'responses'), teachers[1]),
      await call(tool, 'GET', `/api/cohorts/${cohortId}/modules/${moduleId}`, teachers[1]),
    ];
    const html = seenByOthers.flatMap((a) => htmlFields(a.body));
    expect(html.length).toBeGreaterThanOrEqual(4);
    html.forEach(expectSafeHtml);
    // Others receive rendered HTML only, never the author's source text.
    for (const a of seenByOthers.slice(0, 2)) expect(JSON.stringify(a.body)).not.toMatch(/"text":/);
  });
});
