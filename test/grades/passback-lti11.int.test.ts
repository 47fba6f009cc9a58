import { DEMO_CONTEXT } from '../../lti-tool/src/sandbox/sandbox.personas';
import { startTestTool, type TestTool } from '../helpers/testTool';
import { lti11LaunchAs, sandboxConsumer } from '../lti11/lti11Flow';
import { enqueue, PASSBACK_TEST_ENV, score, settled } from './gradesFlow';

jest.setTimeout(120_000);

describe('grade passback for courses launched with LTI 1.1 (Basic Outcomes through the same durable job)', () => {
  let tool: TestTool;
  let who: { contextId: string; userId: string };
  let sourcedId: string;
  beforeAll(async () => {
    tool = await startTestTool(PASSBACK_TEST_ENV);
    const { res } = await lti11LaunchAs(tool, 'teacher-1');
    expect(res.status).toBe(200);
    const session = await tool.db('sessions').whereRaw(`launch->>'ltiVersion' = 'LTI-1p0'`).orderBy('created_at', 'desc').first();
    who = { contextId: session.context_id, userId: session.user_id };
    sourcedId = session.launch.basicOutcome.lis_result_sourcedid;
  });
  afterAll(() => tool.stop());

  it('replaces the result of the launch’s gradebook cell with scoreGiven / scoreMaximum', async () => {
    const [row] = await settled(tool, await enqueue(tool, score(who, { resourceLinkId: DEMO_CONTEXT.resourceLinkId, scoreGiven: 3, lineItem: { resourceId: 'competency-questioning', label: 'Questioning', scoreMaximum: 4 } })));
    expect(row).toMatchObject({ status: 'delivered', line_item_url: sandboxConsumer(tool).identity.outcomesUrl });
    expect((await sandboxConsumer(tool).outcomes.list(sourcedId)).map((o) => o.score)).toEqual([0.75]);
  });

  it('fails clearly (no_line_item) for a score that names no course link: LTI 1.1 has one cell per link', async () => {
    const [row] = await settled(tool, await enqueue(tool, score(who, { lineItem: { resourceId: 'competency-planning', label: 'Planning', scoreMaximum: 4 } })));
    expect(row).toMatchObject({ status: 'failed', failure_kind: 'no_line_item' });
    expect((await sandboxConsumer(tool).outcomes.list(sourcedId)).map((o) => o.score)).toEqual([0.75]);
  });
});
