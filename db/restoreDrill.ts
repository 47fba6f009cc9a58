import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createDb } from './connection';

const run = promisify(execFile);

/** What the drill did, for the operator (and the test) to check. */
export interface DrillReport {
  dumpBytes: number;
  /** Row counts per table in the source and in the restored database (they must match). */
  tables: Array<{ table: string; source: number; restored: number }>;
  dumpMs: number;
  restoreMs: number;
}

const withDatabase = (url: string, database: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

/** Row counts of every table of the public and job schemas (exact counts: a drill is not a hot path). */
async function tableCounts(url: string): Promise<Map<string, number>> {
  const db = createDb({ kind: 'postgres', url, poolMax: 1 });
  try {
    const { rows } = await db.raw(
      "SELECT table_schema || '.' || table_name AS t FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
    );
    const counts = new Map<string, number>();
    for (const { t } of rows as Array<{ t: string }>) {
      const [schema, table] = t.split('.');
      const { rows: n } = await db.raw('SELECT count(*)::int AS n FROM ??.??', [schema!, table!]);
      counts.set(t, (n[0] as { n: number }).n);
    }
    return counts;
  } finally {
    await db.destroy();
  }
}

/**
 * A backup-and-restore drill: `pg_dump -Fc` of the source database, `pg_restore` into a fresh database, and a
 * comparison of every table's row count. The restored database is returned to the caller for a smoke launch and is
 * dropped by `cleanup`. Needs the PostgreSQL client tools (pg_dump, pg_restore) of the server's major version.
 */
export async function restoreDrill(sourceUrl: string): Promise<{ report: DrillReport; restoredUrl: string; cleanup: () => Promise<void> }> {
  const target = `restore_drill_${randomBytes(4).toString('hex')}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'staffroom-drill-'));
  const dumpFile = path.join(dir, 'staffroom.dump');
  const admin = createDb({ kind: 'postgres', url: sourceUrl, poolMax: 1 });
  const restoredUrl = withDatabase(sourceUrl, target);
  const cleanup = async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [target]);
    await admin.destroy();
  };
  try {
    let t = Date.now();
    await run('pg_dump', ['--format=custom', '--no-owner', '--file', dumpFile, sourceUrl]);
    const dumpMs = Date.now() - t;
    await admin.raw('CREATE DATABASE ??', [target]);
    t = Date.now();
    await run('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', restoredUrl, dumpFile]);
    const restoreMs = Date.now() - t;
    const [source, restored] = [await tableCounts(sourceUrl), await tableCounts(restoredUrl)];
    const tables = [...source].map(([table, n]) => ({ table, source: n, restored: restored.get(table) ?? -1 }));
    return { report: { dumpBytes: fs.statSync(dumpFile).size, tables, dumpMs, restoreMs }, restoredUrl, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
