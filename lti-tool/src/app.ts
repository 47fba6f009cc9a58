import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from '../../config/config';
import { errors } from './http/errors';
import { errorMiddleware } from './http/errorMiddleware';
import { createSecurityHeaders, securityHeaders } from './http/securityHeaders';
import { createLaunchLane, type LaunchLane } from './http/launchLane';
import { requestLog } from './http/requestLog';
import { createAppShell } from './lti/lti.pages';
import { createIdentityStore } from './lti/identity.store';
import { createLaunchService, type LaunchFollowUp, type LaunchHook } from './lti/launch.service';
import { createLaunchServicesStore } from './lti/launchServices.store';
import { ltiLaneRoutes, ltiRoutes } from './lti/lti.routes';
import { createLoginService } from './lti/login.service';
import { createLoginStateStore } from './lti/loginState.store';
import { createLoginStateSeal } from './lti/loginState.seal';
import { createPlatformService, toolUrls } from './lti/platform.service';
import { createPlatformStore, type PlatformStore } from './lti/platform.store';
import { createPlatformKeys } from './lti/platformKeys';
import { createSecretBox } from './lti/secretBox';
import { createSessionTokens } from './lti/session';
import { createToolKeysService } from './lti/toolKeys.service';
import { createToolKeysStore } from './lti/toolKeys.store';
import { createMeStore } from './me/me.store';
import { meFromLaunch } from './me/me.present';
import { meRoutes } from './me/me.routes';
import { createDeepLinking } from './deepLinking/deepLinking.module';
import { deepLinkingRoutes } from './deepLinking/deepLinking.routes';
import { createCohorts } from './cohorts/cohorts.module';
import { cohortListLaneRoute, cohortRoutes } from './cohorts/cohorts.routes';
import { sandboxDeepLinkingRoutes } from './sandbox/sandbox.deepLinking';
import { createSandboxPlatform } from './sandbox/sandbox.platform';
import { sandboxRoutes } from './sandbox/sandbox.routes';
import { createSandboxTokenEndpoint } from './sandbox/sandbox.token';
import { createSandboxClientIds, sandboxRegistrationRoutes } from './sandbox/sandbox.registration';
import { createOperatorService } from './registration/operator.service';
import { operatorRoutes } from './registration/operator.routes';
import { registrationRoutes } from './registration/registration.routes';
import { createDynamicRegistrationService } from './registration/registration.service';
import { createRegistrationLogStore } from './registration/registration.store';
import { createLti11 } from './lti11/lti11.module';
import { lti11Routes } from './lti11/lti11.routes';
import { sandboxLti11Routes } from './sandbox/sandbox.lti11';
import { createJobQueue } from './jobs/jobQueue';
import { createReports } from './reports/reports.module';
import { reportsRoutes } from './reports/reports.routes';
import { createAuditStore } from './audit/audit.store';
import { auditRoutes } from './audit/audit.routes';
import { rateLimit } from './http/rateLimit';
import { createRateLimitStore } from './http/rateLimit.store';
import { createBatchedRateLimitStore } from './http/rateLimit.batched';
import { createServiceTokenClient } from './lti/serviceToken';
import { createRoster } from './roster/roster.module';
import { rosterRoutes } from './roster/roster.routes';
import { sandboxNrpsRoutes } from './sandbox/sandbox.nrps';
import type { JobDefinition } from './jobs/jobDefinitions';
import { createGrades } from './grades/grades.module';
import { gradesRoutes } from './grades/grades.routes';
import { sandboxAgsRoutes } from './sandbox/sandbox.ags';
import { createEnrolment } from './enrolment/enrolment.module';
import { enrolmentRoutes } from './enrolment/enrolment.routes';
import { createModules } from './modules/modules.module';
import { createAuditions } from './auditions/auditions.module';
import { createAttachments } from './attachments/attachments.module';
import { createCompetencies } from './competencies/competencies.module';
import { createPrivacy } from './privacy/privacy.module';

const LTI_RATE_HINT =
  'Staffroom limits launches per network address (RATE_LIMIT_LTI_PER_MINUTE). If a whole school shares one address, raise it; behind a load balancer, set TRUST_PROXY so each person\'s own address counts.';

/** What the app is built from. */
export interface AppDeps {
  config: Config;
  db: Knex;
  logger: Logger;
  /** Where the built React app lives (ui/dist by default). */
  uiDistDir?: string;
}

/** The registered platforms' origins, allowed to frame the tool (CSP frame-ancestors). */
function frameAncestorOrigins(platformStore: PlatformStore) {
  return async () => {
    const platforms = await platformStore.list();
    return platforms.flatMap((p) => [new URL(p.issuer).origin, new URL(p.authUrl).origin]).filter((o) => o !== 'null'); // urn: issuers (LTI 1.1) have no origin
  };
}

/** Builds every store and service once; routes and CLIs share them. */
export function createServices({ config, db, logger }: AppDeps) {
  const box = createSecretBox(config.secret);
  const urls = toolUrls(config.publicUrl);
  const platformStore = createPlatformStore(db);
  const states = createLoginStateStore(db);
  const seal = createLoginStateSeal(config.secret);
  const toolKeys = createToolKeysService({ db, store: createToolKeysStore(db), box, ...config.toolKeys });
  const sessionTokens = createSessionTokens(config.secret, config.sessionTtlSeconds);
  const sandboxClients = createSandboxClientIds(config.secret);
  const sandbox = config.sandboxEnabled ? createSandboxPlatform({ db, box, publicUrl: config.publicUrl, dynamicClients: sandboxClients }) : null;
  const launchServices = createLaunchServicesStore(db);
  const registrationLog = createRegistrationLogStore(db);
  const audit = createAuditStore(db);
  // Features that react to launches push follow-ups here (after the launch commits), or hooks (inside its transaction).
  const launchHooks: LaunchHook[] = [];
  const launchFollowUps: LaunchFollowUp[] = [];
  const jobs = createJobQueue({ db, schema: config.jobs.schema, logger, pollingIntervalSeconds: config.jobs.pollingSeconds });
  const serviceTokens = createServiceTokenClient({ toolKeys });
  const roster = createRoster({ db, jobs, serviceTokens, platforms: platformStore, launchServices, logger, settings: config.roster });
  launchFollowUps.push(roster.service.firstSyncFollowUp);
  const lti11 = createLti11({ config, db, box, platformStore, sessionTokens });
  const basicOutcomes = config.lti11.enabled ? { credentialsForPlatform: (id: string) => lti11.consumers.credentialsForPlatform(id), sendOutcome: lti11.sendOutcome } : null;
  const grades = createGrades({ db, config: config.grades, logger, jobs, launchServices, platforms: platformStore, serviceTokens, basicOutcomes });
  const enrolment = createEnrolment({ db, box, logger, jobs, requireHttps: config.env === 'production' });
  launchFollowUps.push(enrolment.launchFollowUp);
  const attachments = createAttachments({ db, config: config.attachments, logger });
  return {
    urls,
    box,
    platformStore,
    /** The security headers of every response (Express and the launch lane share the memo of frame ancestors). */
    securityHeaders: createSecurityHeaders(frameAncestorOrigins(platformStore)),
    platforms: createPlatformService({ db, store: platformStore, requireHttps: config.env === 'production' }),
    toolKeys,
    sessionTokens,
    lti11,
    deepLinking: createDeepLinking({ db, toolKeys, launchUrl: urls.launchUrl }),
    cohorts: createCohorts({ db }),
    modules: createModules({ db, scores: grades.service }),
    auditions: createAuditions({ db, attachments }),
    competencies: createCompetencies({ db, scores: grades.service, publicUrl: config.publicUrl, signingKey: () => toolKeys.signingKey() }),
    login: createLoginService({ platforms: platformStore, seal, publicUrl: config.publicUrl, launchUrl: urls.launchUrl, stateTtlSeconds: config.lti.loginStateTtlSeconds }),
    launch: createLaunchService({
      db,
      platforms: platformStore,
      keys: createPlatformKeys({ cacheSeconds: config.lti.platformJwksCacheSeconds }),
      seal,
      identities: createIdentityStore(db),
      launchServices,
      hooks: launchHooks,
      followUps: launchFollowUps,
      logger,
      tokens: sessionTokens,
      clockSkewSeconds: config.lti.clockSkewSeconds,
      toolOrigin: new URL(config.publicUrl).origin,
      audit,
    }),
    states,
    launchServices,
    launchHooks,
    launchFollowUps,
    registrationLog,
    audit,
    reports: createReports({ db }),
    dynamicRegistration: createDynamicRegistrationService({ db, platformStore, log: registrationLog, urls, requireHttps: config.env === 'production', audit }),
    sandbox,
    sandboxTokens: sandbox ? createSandboxTokenEndpoint(sandbox.identity, urls.jwksUrl, config.secret, sandboxClients) : null,
    jobs,
    rateLimits: createRateLimitStore(db),
    // Login and launch counters, batched per process (ADR 0012): no round trip per request in a launch storm.
    ltiRateLimits: createBatchedRateLimitStore(db, { flushMs: 1000, logger }),
    serviceTokens,
    roster,
    grades,
    enrolment,
    attachments,
    privacy: createPrivacy({ db, storage: attachments.storage, logger, audit }),
  };
}

/** The services of one tool process. */
export type Services = ReturnType<typeof createServices>;

/** Every kind of background work the tool does; each feature adds its definition here. */
export function jobDefinitions(services: Services): JobDefinition[] {
  return [...services.roster.jobDefinitions, ...services.grades.jobDefinitions(), services.enrolment.jobDefinition, services.attachments.jobDefinition, ...services.auditions.jobDefinitions(), ...services.competencies.jobDefinitions(), services.privacy.jobDefinition];
}

/** The tool's request listener: the launch lane's routes, then the Express app for everything else. */
export type ToolRequestListener = RequestListener & { app: Express; lane: LaunchLane };

/**
 * Builds the tool's HTTP handling: the launch lane (http/launchLane.ts, ADR 0014) for login, launch and the home
 * screens' first calls, and the Express app (createApp) for every other route.
 */
export function createRequestListener(deps: AppDeps, services: Services = createServices(deps)): ToolRequestListener {
  const { config, logger } = deps;
  const uiDistDir = deps.uiDistDir ?? path.resolve(__dirname, '../../ui/dist');
  const ltiLimit = (name: string) => ({
    store: services.ltiRateLimits,
    rule: { name, limit: config.rateLimits.ltiPerMinute, windowSeconds: 60, adminHint: LTI_RATE_HINT },
  });
  const firstScreen = (o: Parameters<typeof meFromLaunch>[1]) => meFromLaunch(services.deepLinking.catalogue, o);
  const lane = createLaunchLane({
    logger,
    securityHeaders: services.securityHeaders,
    trustProxy: config.trustProxy,
    routes: [
      ...ltiLaneRoutes({
        login: services.login,
        launch: services.launch,
        launchUrl: services.urls.launchUrl,
        stateTtlSeconds: config.lti.loginStateTtlSeconds,
        uiDistDir,
        limits: { login: ltiLimit('lti-login'), launch: ltiLimit('lti-launch') },
        firstScreen,
      }),
      ...services.modules.laneRoutes(services.sessionTokens),
      cohortListLaneRoute({ tokens: services.sessionTokens, cohorts: services.cohorts.cohorts }),
    ],
  });
  const app = createApp({ ...deps, uiDistDir }, services);
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    if (!lane.serve(req, res)) app(req, res);
  };
  return Object.assign(listener, { app, lane });
}

/** Builds the Express app from its dependencies (no module-level state). */
export function createApp(deps: AppDeps, services: Services = createServices(deps)): Express {
  const { config, db, logger } = deps;
  const uiDistDir = deps.uiDistDir ?? path.resolve(__dirname, '../../ui/dist');
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(requestLog(logger));
  app.use(securityHeaders(services.securityHeaders));

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  // Readiness for a load balancer: the database answers and the job queue's tables are reachable.
  app.get('/readyz', async (_req, res) => {
    const database = await db.raw('select 1').then(() => 'ok' as const, () => 'unreachable' as const);
    const queue = database === 'ok' && (await services.jobs.reachable()) ? 'ok' : 'unreachable';
    const ready = database === 'ok' && queue === 'ok';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', database, queue });
  });

  // First of the API routers: every reload of the app calls GET /api/me (no body to parse), so it skips the others' layers.
  app.use(meRoutes({ tokens: services.sessionTokens, store: createMeStore(db), catalogue: services.deepLinking.catalogue }));
  app.use(ltiRoutes({ toolKeys: services.toolKeys }));
  app.use(lti11Routes({ enabled: services.lti11.enabled, launch: services.lti11.launch, uiDistDir }));
  app.use(registrationRoutes({ registration: services.dynamicRegistration, urls: services.urls }));
  // Before the 256 kB JSON parser: staff lists may be up to 1 MB (its routes parse their own bodies).
  app.use(enrolmentRoutes({ tokens: services.sessionTokens, enrolment: services.enrolment }));
  // Before the JSON parser too: uploads stream through busboy with their own size limit.
  // Uploads per client address per minute, before a byte of the body is read (RATE_LIMIT_UPLOADS_PER_MINUTE).
  app.post('/api/attachments', rateLimit(services.rateLimits, { name: 'uploads', limit: config.rateLimits.uploadsPerMinute, windowSeconds: 60 }, logger));
  app.post('/api/attachments', services.privacy.uploadReminder());
  app.use(services.attachments.routes(services.sessionTokens));
  // Before the JSON parser too: framework imports (CSV, CASE JSON) read bodies up to 5 MB.
  app.use(services.competencies.importRoutes(services.sessionTokens));
  app.use(express.json({ limit: '256kb' }));
  if (config.operatorToken) {
    const operator = createOperatorService({ db, platforms: services.platforms, platformStore: services.platformStore, log: services.registrationLog, audit: services.audit });
    app.use(operatorRoutes({ token: config.operatorToken, operator }));
  }
  app.use(reportsRoutes({ tokens: services.sessionTokens, reports: services.reports }));
  app.use(auditRoutes({ tokens: services.sessionTokens, store: services.audit, operatorToken: config.operatorToken }));
  app.use(deepLinkingRoutes({ tokens: services.sessionTokens, service: services.deepLinking.service }));
  app.use(cohortRoutes({ tokens: services.sessionTokens, ...services.cohorts }));
  app.use(...services.modules.routes(services.sessionTokens));
  app.use(...services.auditions.routes(services.sessionTokens));
  app.use(services.competencies.routes(services.sessionTokens));
  app.use(services.privacy.routes(services.sessionTokens));
  app.use(rosterRoutes({ tokens: services.sessionTokens, roster: services.roster.service }));
  app.use(gradesRoutes({ tokens: services.sessionTokens, service: services.grades.service }));
  if (services.sandbox && services.sandboxTokens) {
    app.use(sandboxRoutes({ platform: services.sandbox, tokens: services.sandboxTokens, loginUrl: services.urls.loginUrl }));
    app.use(sandboxRegistrationRoutes({ platform: services.sandbox, secret: config.secret, toolRegisterUrl: `${config.publicUrl}/lti/register` }));
    app.use(sandboxNrpsRoutes({ db, tokens: services.sandboxTokens }));
    app.use(sandboxAgsRoutes({ db, tokens: services.sandboxTokens, issuer: services.sandbox.identity.issuer }));
    app.use(sandboxDeepLinkingRoutes({ identity: services.sandbox.identity, links: services.sandbox.links, toolJwksUrl: services.urls.jwksUrl, loginUrl: services.urls.loginUrl }));
  }
  if (services.lti11.sandbox) app.use(sandboxLti11Routes({ consumer: services.lti11.sandbox }));
  // The SPA's page itself always comes from the shell (its style nonce, no caching); only its assets are static.
  const appShell = createAppShell(uiDistDir);
  app.get(['/app', '/app/', '/app/index.html'], (_req, res) => {
    res.set('cache-control', 'no-store');
    res.type('html').send(appShell(res));
  });
  app.use('/app', express.static(uiDistDir, { maxAge: '1h', index: false }));
  app.get('/', (_req, res) => void res.redirect(302, config.sandboxEnabled ? '/sandbox' : '/app/'));

  app.use((_req, _res, next) => next(errors.notFound('That page')));
  app.use(errorMiddleware(logger));
  return app;
}
