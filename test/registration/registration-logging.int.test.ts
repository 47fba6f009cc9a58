import { loadConfig } from '../../config/config';
import { startTool, type RunningTool } from '../../lti-tool/src/server';
import { captureLog } from '../helpers/logCapture';
import { createTestDb, type TestDb } from '../helpers/testDb';
import type { TestTool } from '../helpers/testTool';
import { registerThroughSandbox } from './registrationFlow';

describe('request logs during Dynamic Registration', () => {
  let testDb: TestDb;
  let tool: RunningTool;
  const { lines, logger } = captureLog();
  beforeAll(async () => {
    testDb = await createTestDb();
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' });
    tool = await startTool({ config, db: testDb.db, logger, ownsDb: false });
  });
  afterAll(async () => {
    await tool.close();
    await testDb.destroy();
  });

  it('record the registration request with its registration token redacted', async () => {
    const { start, res } = await registerThroughSandbox(tool as unknown as TestTool, { as: 'canvas' });
    expect(res.status).toBe(200);
    const logged = lines.filter((l) => l.includes('/lti/register?'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('registration_token=[redacted]');
    const signature = start.token.split('.')[2]!;
    expect(lines.filter((l) => l.includes(signature))).toEqual([]);
  });
});
