import pino from 'pino';
import { loadConfig, type Config } from '../../config/config';
import { startTool, type RunningTool } from '../../lti-tool/src/server';
import { UI_DIST_DIR } from './uiDist';
import { createTestDb, type TestDb } from './testDb';

/** A real tool server on a random loopback port, with its own database and the sandbox platform. */
export interface TestTool extends RunningTool {
  config: Config;
  stop(): Promise<void>;
}

/** Starts Staffroom for one test file: isolated database, port 0, sandbox on, quiet logs. */
export async function startTestTool(env: Record<string, string> = {}): Promise<TestTool> {
  const testDb: TestDb = await createTestDb();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    JOB_SCHEMA: testDb.jobSchema,
    JOB_POLLING_SECONDS: '0.5',
    ...env,
  });
  // TEST_LOG_LEVEL=error shows the tool's own log when a test needs explaining.
  const tool = await startTool({ config, db: testDb.db, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), ownsDb: false, uiDistDir: UI_DIST_DIR });
  return {
    ...tool,
    config: { ...config, port: Number(new URL(tool.url).port), publicUrl: tool.url },
    async stop() {
      await tool.close();
      await testDb.destroy();
    },
  };
}
