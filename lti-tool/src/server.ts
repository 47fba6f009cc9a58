import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from '../../config/config';
import { createDb, targetFromConfig } from '../../db/connection';
import { migrateLatest } from '../../db/migrate';
import { createRequestListener, createServices, jobDefinitions, type Services } from './app';
import { createLogger } from './http/logger';
import { startJobs } from './jobs/jobDefinitions';
import { installStarterTemplates } from './cohorts/starterTemplates';
import { installStarterFramework } from './competencies/starterFramework';

/** A running tool process. */
export interface RunningTool {
  url: string;
  server: http.Server;
  services: Services;
  db: Knex;
  close(): Promise<void>;
}

/**
 * Starts the tool: migrate, make sure tool keys exist (rotating when due), register the sandbox
 * platform when it is on, then serve. With port 0 the public URL is learnt after listening.
 */
export async function startTool(options: { config: Config; db?: Knex; logger?: Logger; ownsDb?: boolean; uiDistDir?: string }): Promise<RunningTool> {
  const logger = options.logger ?? createLogger(options.config.logLevel);
  const db = options.db ?? createDb(targetFromConfig(options.config), logger);
  const ownsDb = options.ownsDb ?? !options.db;
  await migrateLatest(db);
  await installStarterTemplates(db); // idempotent: built-in cohort templates and their modules
  await installStarterFramework(db); // idempotent: the starter competency framework admins copy

  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.config.port, options.config.host, resolve));
  const port = (server.address() as AddressInfo).port;
  const config: Config = options.config.port === 0 ? { ...options.config, port, publicUrl: `http://localhost:${port}` } : options.config;

  const services = createServices({ config, db, logger });
  const rotation = await services.toolKeys.rotate();
  if (rotation.created.length || rotation.promoted) logger.info({ rotation }, 'tool keys rotated');
  if (services.sandbox) {
    const id = services.sandbox.identity;
    await services.platforms.register(
      { issuer: id.issuer, clientId: id.clientId, name: 'Sandbox LMS', authUrl: id.authUrl, tokenUrl: id.tokenUrl, jwksUrl: id.jwksUrl, deploymentIds: [id.deploymentId] },
      { checkJwks: false },
    );
  }
  await services.lti11.registerSandboxConsumer();
  await startJobs(services.jobs, jobDefinitions(services));
  services.ltiRateLimits.start();
  server.on('request', createRequestListener({ config, db, logger, uiDistDir: options.uiDistDir }, services));

  // Housekeeping that any instance may do: rotate keys when due, drop expired login states.
  const timer = setInterval(() => {
    services.toolKeys.rotate().catch((err) => logger.error({ err }, 'key rotation failed'));
    services.states.deleteExpired(new Date()).catch((err) => logger.error({ err }, 'state cleanup failed'));
    services.lti11.nonces.deleteExpired(new Date()).catch((err) => logger.error({ err }, 'LTI 1.1 nonce cleanup failed'));
    services.rateLimits.deleteExpired().catch((err) => logger.error({ err }, 'rate limit cleanup failed'));
  }, 3600_000);
  timer.unref();

  return {
    url: config.publicUrl,
    server,
    services,
    db,
    async close() {
      clearInterval(timer);
      await services.ltiRateLimits.stop();
      await services.jobs.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownsDb) await db.destroy();
    },
  };
}
