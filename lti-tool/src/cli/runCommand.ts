import type { Knex } from 'knex';
import { ConfigError, loadConfig, type Config } from '../../../config/config';
import { createDb, targetFromConfig } from '../../../db/connection';
import { migrateLatest } from '../../../db/migrate';

/** Where a command writes (console in use, an array in tests). */
export interface CommandOut {
  log(line: string): void;
  error(line: string): void;
}

/** A command-line entry point: arguments and what it needs in, exit code out. */
export type Command = (argv: string[], deps: { db: Knex; config: Config; out: CommandOut }) => Promise<number>;

/**
 * Runs a command as `npm run …` does: validated configuration (a bad variable is named, exit 1), the configured
 * database migrated to the latest schema, then the command; the process exits with its code.
 */
export function runAsMain(command: Command): void {
  (async () => {
    let config: Config;
    try {
      config = loadConfig();
    } catch (e) {
      console.error(e instanceof ConfigError ? e.message : e);
      process.exit(1);
    }
    const db = createDb(targetFromConfig(config));
    await migrateLatest(db);
    const code = await command(process.argv.slice(2), { db, config, out: console });
    await db.destroy();
    process.exit(code);
  })().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
