import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import type { Config } from '../../../config/config';
import { runAsMain, type CommandOut } from '../cli/runCommand';
import { AppError } from '../http/errors';
import { createPlatformService, toolUrls } from './platform.service';
import { createPlatformStore, type Platform } from './platform.store';
import { createRegistrationLogStore, type RegistrationRecord } from '../registration/registration.store';

const USAGE = `Usage:
  npm run platform:add -- --issuer URL --client-id ID --auth-url URL --token-url URL --jwks-url URL --deployment ID [--deployment ID…] [--name TEXT] [--skip-jwks-check]
  npm run platform:list`;

/** Output sink, so tests can read what the CLI prints. */
export type CliOut = CommandOut;

function describe(p: Platform): string[] {
  return [
    `${p.name ?? '(unnamed)'}  issuer ${p.issuer}  client id ${p.clientId}`,
    `    auth ${p.authUrl}`,
    `    token ${p.tokenUrl}`,
    `    jwks ${p.jwksUrl}`,
    `    deployments ${p.deploymentIds.join(', ') || '(none)'}`,
  ];
}

/** How a dynamically registered platform came about (product, time, scopes granted). */
function registrationLine(r: RegistrationRecord | undefined): string[] {
  if (!r) return [];
  const product = `${r.productFamilyCode}${r.platformVersion ? ` ${r.platformVersion}` : ''}`;
  return [`    registered dynamically by ${product} at ${r.registeredAt.toISOString()}; scopes granted: ${r.scopesGranted.join(' ') || '(none)'}`];
}

function toolDetails(config: Config): string[] {
  const urls = toolUrls(config.publicUrl);
  return [
    'Paste these into the LMS tool configuration:',
    `  Tool URL / target link URI and redirect URI: ${urls.launchUrl}`,
    `  Initiate login URL:                          ${urls.loginUrl}`,
    `  Public keyset (JWKS) URL:                    ${urls.jwksUrl}`,
    `  Domain:                                      ${urls.domain}`,
    'Or let the LMS register Staffroom itself:',
    `  Dynamic Registration URL (Moodle, Canvas):   ${config.publicUrl}/lti/register`,
    `  Canvas developer key JSON URL:               ${config.publicUrl}/lti/canvas.json`,
  ];
}

/** Runs `platform:add` or `platform:list`; returns the process exit code. */
export async function runPlatformCli(argv: string[], deps: { db: Knex; config: Config; out: CliOut }): Promise<number> {
  const [command, ...rest] = argv;
  const service = createPlatformService({ db: deps.db, store: createPlatformStore(deps.db), requireHttps: deps.config.env === 'production' });
  if (command === 'list') {
    const platforms = await service.list();
    if (platforms.length === 0) deps.out.log('No platforms are registered yet.');
    const registrations = await createRegistrationLogStore(deps.db).latestByPlatform();
    for (const p of platforms) [...describe(p), ...registrationLine(registrations.get(p.id))].forEach((l) => deps.out.log(l));
    toolDetails(deps.config).forEach((l) => deps.out.log(l));
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
      options: {
        issuer: { type: 'string' },
        'client-id': { type: 'string' },
        'auth-url': { type: 'string' },
        'token-url': { type: 'string' },
        'jwks-url': { type: 'string' },
        deployment: { type: 'string', multiple: true },
        name: { type: 'string' },
        'skip-jwks-check': { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    deps.out.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    const { platform, created } = await service.register(
      {
        issuer: values.issuer,
        clientId: values['client-id'],
        name: values.name ?? null,
        authUrl: values['auth-url'],
        tokenUrl: values['token-url'],
        jwksUrl: values['jwks-url'],
        deploymentIds: values.deployment ?? [],
      },
      { checkJwks: !values['skip-jwks-check'] },
    );
    deps.out.log(created ? 'Registered platform:' : 'Updated platform:');
    describe(platform).forEach((l) => deps.out.log(l));
    toolDetails(deps.config).forEach((l) => deps.out.log(l));
    return 0;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    deps.out.error(`Not registered: ${e.message}\n${USAGE}`);
    return 1;
  }
}

if (require.main === module) runAsMain(runPlatformCli);
