import { ConfigError, loadConfig } from '../config/config';
import { createDb, targetFromConfig } from './connection';
import { migrateLatest } from './migrate';

/** `npm run migrate`: brings the configured database (PGlite under DATA_DIR, or DATABASE_URL) to the latest schema. */
async function main(): Promise<number> {
  const config = loadConfig();
  const db = createDb(targetFromConfig(config));
  try {
    await migrateLatest(db);
    console.log(`Database is at the latest schema (${config.databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}).`);
    return 0;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  },
);
