import { api, launchAs } from '../helpers/ltiFlow';
import { startTestTool, type TestTool } from '../helpers/testTool';

describe('valid launches through the sandbox platform', () => {
  let tool: TestTool;
  beforeAll(async () => {
    tool = await startTestTool();
  });
  afterAll(() => tool.stop());

  it('opens a session for a Learner and /api/me answers with their role and course', async () => {
    const { res, token } = await launchAs(tool, 'teacher-1');
    expect(res.status).toBe(200);
    expect(token).toBeTruthy();
    const me = await api(tool, '/api/me', token);
    expect(me.status).toBe(200);
    const body = await me.json();
    expect(body.role).toBe('participant');
    expect(body.user.name).toBe('Sam Okafor');
    expect(body.context.title).toBe('Demo PL cohort: learning visits');
  });
});
