import path from 'node:path';
import express, { type Express } from 'express';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config/config';
import { errors } from './http/errors';
import { errorMiddleware } from './http/errorMiddleware';
import { securityHeaders } from './http/securityHeaders';
import { createIdentityStore } from './lti/identity.store';
import { createLaunchService, type LaunchHook } from './lti/launch.service';
import { createLaunchServicesStore } from './lti/launchServices.store';
import { ltiRoutes } from './lti/lti.routes';
import { createLoginService } from './lti/login.service';
import { createLoginStateStore } from './lti/loginState.store';
import { createPlatformService, toolUrls } from './lti/platform.service';
import { createPlatformStore } from './lti/platform.store';
import { createPlatformKeys } from './lti/platformKeys';
import { createSecretBox } from './lti/secretBox';
import { createSessionTokens } from './lti/session';
import { createToolKeysService } from './lti/toolKeys.service';
import { createToolKeysStore } from './lti/toolKeys.store';
import { createMeStore } from './me/me.store';
import { meRoutes } from './me/me.routes';
import { createSandboxPlatform } from './sandbox/sandbox.platform';
import { sandboxRoutes } from './sandbox/sandbox.routes';
import { createSandboxTokenEndpoint } from './sandbox/sandbox.token';
import { createJobQueue } from './jobs/jobQueue';
import type { JobDefinition } from './jobs/jobDefinitions';

/** What the app is built from. */
export interface AppDeps {
  config: Config;
  db: Knex;
  logger: Logger;
  /** Where the built React app lives (ui/dist by default). */
  uiDistDir?: string;
}

/** Builds every store and service once; routes and CLIs share them. */
export function createServices({ config, db, logger }: AppDeps) {
  const box = createSecretBox(config.secret);
  const urls = toolUrls(config.publicUrl);
  const platformStore = createPlatformStore(db);
  const states = createLoginStateStore(db);
  const toolKeys = createToolKeysService({ db, store: createToolKeysStore(db), box, ...config.toolKeys });
  const sessionTokens = createSessionTokens(config.secret, config.sessionTtlSeconds);
  const sandbox = config.sandboxEnabled ? createSandboxPlatform({ db, box, publicUrl: config.publicUrl }) : null;
  const launchServices = createLaunchServicesStore(db);
  // Features that react to launches (roster sync on the first launch in a course) push hooks here.
  const launchHooks: LaunchHook[] = [];
  return {
    urls,
    box,
    platformStore,
    platforms: createPlatformService({ db, store: platformStore, requireHttps: config.env === 'production' }),
    toolKeys,
    sessionTokens,
    login: createLoginService({ platforms: platformStore, states, publicUrl: config.publicUrl, launchUrl: urls.launchUrl, stateTtlSeconds: config.lti.loginStateTtlSeconds }),
    launch: createLaunchService({
      db,
      platforms: platformStore,
      keys: createPlatformKeys({ cacheSeconds: config.lti.platformJwksCacheSeconds }),
      states,
      identities: createIdentityStore(db),
      launchServices,
      hooks: launchHooks,
      tokens: sessionTokens,
      clockSkewSeconds: config.lti.clockSkewSeconds,
      toolOrigin: new URL(config.publicUrl).origin,
    }),
    states,
    launchServices,
    launchHooks,
    sandbox,
    sandboxTokens: sandbox ? createSandboxTokenEndpoint(sandbox.identity, urls.jwksUrl, config.secret) : null,
    jobs: createJobQueue({ db, schema: config.jobs.schema, logger, pollingIntervalSeconds: config.jobs.pollingSeconds }),
  };
}

/** The services of one tool process. */
export type Services = ReturnType<typeof createServices>;

/** Every kind of background work the tool does; each feature adds its definition here. */
export function jobDefinitions(_services: Services): JobDefinition[] {
  return [];
}

/** Builds the Express app from its dependencies (no module-level state). */
export function createApp(deps: AppDeps, services: Services = createServices(deps)): Express {
  const { config, db, logger } = deps;
  const uiDistDir = deps.uiDistDir ?? path.resolve(__dirname, '../../ui/dist');
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.use(
    pinoHttp({
      logger,
      genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : randomUUID()),
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      autoLogging: { ignore: (req) => req.url === '/healthz' },
    }),
  );
  app.use(
    securityHeaders(async () => {
      const platforms = await services.platformStore.list();
      return platforms.flatMap((p) => [new URL(p.issuer).origin, new URL(p.authUrl).origin]);
    }),
  );

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    try {
      await db.raw('select 1');
      res.json({ status: 'ready', database: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });

  app.use(ltiRoutes({ ...services, toolKeys: services.toolKeys, launchUrl: services.urls.launchUrl, stateTtlSeconds: config.lti.loginStateTtlSeconds, uiDistDir }));
  app.use(express.json({ limit: '256kb' }));
  app.use(meRoutes({ tokens: services.sessionTokens, store: createMeStore(db) }));
  if (services.sandbox && services.sandboxTokens) {
    app.use(sandboxRoutes({ platform: services.sandbox, tokens: services.sandboxTokens, loginUrl: services.urls.loginUrl }));
  }
  app.use('/app', express.static(uiDistDir, { maxAge: '1h' }));
  app.get('/', (_req, res) => void res.redirect(302, config.sandboxEnabled ? '/sandbox' : '/app/'));

  app.use((_req, _res, next) => next(errors.notFound('That page')));
  app.use(errorMiddleware(logger));
  return app;
}
