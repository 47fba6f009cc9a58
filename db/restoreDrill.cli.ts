import pino from 'pino';
import { ConfigError, loadConfig } from '../config/config';
import { startTool } from '../lti-tool/src/server';
import { restoreDrill } from './restoreDrill';

/**
 * `npm run db:restore-drill`: dumps DATABASE_URL, restores it into a fresh database, compares every table's row
 * count, starts the tool on the copy and checks it is ready. Nothing is written to the source database.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.databaseUrl) {
    console.error('Set DATABASE_URL: the drill backs up and restores a PostgreSQL database.');
    return 1;
  }
  const { report, restoredUrl, cleanup } = await restoreDrill(config.databaseUrl);
  try {
    console.log(`dump ${report.dumpBytes} bytes in ${report.dumpMs} ms; restore in ${report.restoreMs} ms`);
    const mismatched = report.tables.filter((t) => t.source !== t.restored);
    for (const t of report.tables) console.log(`${t.source === t.restored ? 'ok  ' : 'DIFF'} ${t.table}: ${t.source} → ${t.restored}`);
    // The copy must serve: migrations are current and the job queue starts on it.
    const tool = await startTool({ config: { ...config, databaseUrl: restoredUrl, port: 0, host: '127.0.0.1', sandboxEnabled: false }, logger: pino({ level: 'warn' }) });
    const ready = await fetch(`${tool.url}/readyz`);
    console.log(`tool on the restored copy: /readyz ${ready.status} ${JSON.stringify(await ready.json())}`);
    await tool.close();
    const ok = mismatched.length === 0 && ready.status === 200;
    console.log(ok ? 'RESULT restore-drill PASS' : `RESULT restore-drill FAIL (${mismatched.length} tables differ)`);
    return ok ? 0 : 1;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  },
);
