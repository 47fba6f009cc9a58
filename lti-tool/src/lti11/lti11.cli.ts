import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import type { Config } from '../../../config/config';
import { runAsMain } from '../cli/runCommand';
import { AppError } from '../http/errors';
import type { CliOut } from '../lti/platform.cli';
import { createPlatformStore } from '../lti/platform.store';
import { createSecretBox } from '../lti/secretBox';
import { createLti11ConsumerService } from './lti11.consumer.service';
import { createLti11ConsumerStore, type Lti11Consumer } from './lti11.consumer.store';
import { LTI11_LAUNCH_PATH } from './lti11.routes';

const USAGE = `Usage:
  npm run lti11:add -- --key KEY (--secret SECRET | --generate-secret) [--name TEXT]
  npm run lti11:list`;

const describe = (c: Lti11Consumer) => `${c.name ?? '(unnamed)'}  consumer key ${c.consumerKey}  registered ${c.createdAt.toISOString()}`;

function switchNote(config: Config): string[] {
  return config.lti11.enabled ? [] : ['Note: LTI 1.1 launches are turned off on this server. Set LTI11_ENABLED=on to accept them.'];
}

/** Runs `lti11:add` or `lti11:list`; returns the process exit code. Secrets are never listed. */
export async function runLti11Cli(argv: string[], deps: { db: Knex; config: Config; out: CliOut }): Promise<number> {
  const [command, ...rest] = argv;
  const service = createLti11ConsumerService({
    db: deps.db,
    store: createLti11ConsumerStore(deps.db, createPlatformStore(deps.db)),
    box: createSecretBox(deps.config.secret),
  });
  const launchUrl = `${deps.config.publicUrl}${LTI11_LAUNCH_PATH}`;
  if (command === 'list') {
    const consumers = await service.list();
    if (consumers.length === 0) deps.out.log('No LTI 1.1 consumers are registered yet.');
    consumers.forEach((c) => deps.out.log(describe(c)));
    deps.out.log(`LTI 1.1 launch URL: ${launchUrl}`);
    switchNote(deps.config).forEach((l) => deps.out.log(l));
    return 0;
  }
  if (command !== 'add') {
    deps.out.error(USAGE);
    return 2;
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { key: { type: 'string' }, secret: { type: 'string' }, 'generate-secret': { type: 'boolean', default: false }, name: { type: 'string' } },
    }));
  } catch (e) {
    deps.out.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.secret !== undefined && values['generate-secret']) {
    deps.out.error(`Give either --secret or --generate-secret, not both.\n${USAGE}`);
    return 2;
  }
  const secret = values['generate-secret'] ? randomBytes(24).toString('base64url') : values.secret;
  try {
    const { consumer, created } = await service.register({ consumerKey: values.key, secret, name: values.name ?? null });
    deps.out.log(created ? 'Registered LTI 1.1 consumer:' : 'Updated LTI 1.1 consumer (its secret is replaced):');
    deps.out.log(`  ${describe(consumer)}`);
    deps.out.log('Enter these in the LMS tool configuration (LTI 1.0/1.1):');
    deps.out.log(`  Tool URL / launch URL: ${launchUrl}`);
    deps.out.log(`  Consumer key:          ${consumer.consumerKey}`);
    deps.out.log(values['generate-secret'] ? `  Shared secret:         ${secret} (shown once: copy it now)` : '  Shared secret:         the one you gave with --secret');
    switchNote(deps.config).forEach((l) => deps.out.log(l));
    return 0;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    deps.out.error(`Not registered: ${e.message}\n${USAGE}`);
    return 1;
  }
}

if (require.main === module) runAsMain(runLti11Cli);
