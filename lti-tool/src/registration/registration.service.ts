import type { Knex } from 'knex';
import type { AuditStore } from '../audit/audit.store';
import { AppError } from '../http/errors';
import type { ToolUrls } from '../lti/platform.service';
import type { Platform, PlatformStore } from '../lti/platform.store';
import { callPlatform } from './platformHttp';
import { registrationErrors } from './registration.errors';
import {
  PLATFORM_CONFIGURATION,
  TOOL_CONFIGURATION,
  TOOL_SCOPES,
  platformConfigurationSchema,
  registerQuerySchema,
  registrationResponseSchema,
  type PlatformConfiguration,
} from './registration.schema';
import type { RegistrationLogStore, RegistrationRecord } from './registration.store';
import { buildToolRegistration } from './toolConfiguration';

const CANVAS_ACCOUNT_NAME = 'https://canvas.instructure.com/lti/account_name';

/** A finished Dynamic Registration, for the completion page. */
export interface DynamicRegistration {
  platform: Platform;
  /** False when the same issuer and client id were registered before (the LMS updated its tool). */
  created: boolean;
  record: RegistrationRecord;
  /** Scopes Staffroom uses that the platform did not grant (or does not offer at all). */
  scopesNotGranted: string[];
}

/** zod issues as "member problem" phrases an LMS admin can act on. */
const issuesOf = (issues: readonly { path: PropertyKey[]; message: string }[]) =>
  issues.map((i) => {
    const message = /received undefined$/.test(i.message) ? 'is missing' : i.message;
    return i.path.length ? `${i.path.map(String).join('.')} ${message}` : message;
  });

/** The URL as shown and stored: no query string, which may carry the registration token (Canvas). */
const withoutQuery = (url: URL) => `${url.origin}${url.pathname}`;

function platformName(config: PlatformConfiguration): string {
  const platform = config[PLATFORM_CONFIGURATION];
  const family = platform.product_family_code;
  const label = family === 'moodle' ? 'Moodle' : family === 'canvas' ? 'Canvas' : family;
  const account = platform[CANVAS_ACCOUNT_NAME];
  const where = typeof account === 'string' && account.trim() ? account.trim() : new URL(config.issuer).host;
  return `${label}: ${where}`.slice(0, 255);
}

/**
 * LTI Advantage Dynamic Registration (1EdTech LTI-DR 1.0): read the platform's OpenID configuration,
 * register Staffroom at its registration endpoint, then store the registration. Every call to the
 * platform happens before the single transaction that writes the platform and its log row.
 */
export function createDynamicRegistrationService(deps: {
  db: Knex;
  platformStore: PlatformStore;
  log: RegistrationLogStore;
  urls: ToolUrls;
  requireHttps: boolean;
  /** Records the registration in the audit log (optional so unit-level callers need not). */
  audit?: AuditStore;
  timeoutMs?: number;
  maxBytes?: number;
}) {
  const limits = { timeoutMs: deps.timeoutMs ?? 10_000, maxBytes: deps.maxBytes ?? 1024 * 1024 };

  function requireSecure(what: string, url: string): void {
    if (deps.requireHttps && new URL(url).protocol !== 'https:') throw registrationErrors.insecureUrl(what, url);
  }

  async function readConfiguration(configUrl: URL, token: string | undefined): Promise<PlatformConfiguration> {
    const shown = withoutQuery(configUrl);
    const answer = await callPlatform(configUrl.href, { bearer: token, ...limits });
    if (answer.kind !== 'json') throw registrationErrors.configurationFailed(shown, answer);
    const parsed = platformConfigurationSchema.safeParse(answer.body);
    if (!parsed.success) throw registrationErrors.configurationInvalid(shown, issuesOf(parsed.error.issues));
    const config = parsed.data;
    if (new URL(config.issuer).origin !== configUrl.origin) throw registrationErrors.issuerMismatch(config.issuer, shown);
    requireSecure('issuer', config.issuer);
    requireSecure('authorization endpoint', config.authorization_endpoint);
    requireSecure('token endpoint', config.token_endpoint);
    requireSecure('JWKS URL', config.jwks_uri);
    requireSecure('registration endpoint', config.registration_endpoint);
    return config;
  }

  return {
    /** Runs a registration from the LMS's query (openid_configuration, registration_token). */
    async register(query: unknown): Promise<DynamicRegistration> {
      const q = registerQuerySchema.safeParse(query ?? {});
      if (!q.success) throw registrationErrors.badRequest(issuesOf(q.error.issues).join('; '));
      let configUrl: URL;
      try {
        configUrl = new URL(q.data.openid_configuration);
      } catch {
        throw registrationErrors.badRequest('openid_configuration is not a URL');
      }
      if (configUrl.protocol !== 'https:' && configUrl.protocol !== 'http:') throw registrationErrors.badRequest('openid_configuration is not an http(s) URL');
      requireSecure('OpenID configuration URL', withoutQuery(configUrl));
      const token = q.data.registration_token;

      const config = await readConfiguration(configUrl, token);
      const document = buildToolRegistration(deps.urls, config);
      const scopesRequested = String(document.scope).split(' ').filter(Boolean);
      const answer = await callPlatform(config.registration_endpoint, { method: 'POST', bearer: token, json: document, ...limits });
      const endpointShown = withoutQuery(new URL(config.registration_endpoint));
      if (answer.kind !== 'json') throw registrationErrors.registrationFailed(endpointShown, answer);
      const response = registrationResponseSchema.safeParse(answer.body);
      if (!response.success) throw registrationErrors.registrationResponseInvalid(endpointShown, issuesOf(response.error.issues));

      const clientId = response.data.client_id;
      const toolConfiguration = response.data[TOOL_CONFIGURATION] ?? null;
      const deploymentId = toolConfiguration?.deployment_id ?? null;
      const scopesGranted = response.data.scope === undefined ? scopesRequested : response.data.scope.split(/\s+/).filter(Boolean);
      const platformConfig = config[PLATFORM_CONFIGURATION];

      const { id, created, record } = await deps.db.transaction(async (trx) => {
        const saved = await deps.platformStore.upsert(
          {
            issuer: config.issuer,
            clientId,
            name: platformName(config),
            authUrl: config.authorization_endpoint,
            tokenUrl: config.token_endpoint,
            jwksUrl: config.jwks_uri,
            deploymentIds: deploymentId ? [deploymentId] : [],
            adoptsNewDeployments: deploymentId === null,
          },
          trx,
        );
        const logged = await deps.log.insert(
          {
            platformId: saved.id,
            productFamilyCode: platformConfig.product_family_code,
            platformVersion: platformConfig.version === undefined ? null : String(platformConfig.version).slice(0, 255),
            openidConfigurationUrl: withoutQuery(configUrl),
            deploymentId,
            scopesRequested,
            scopesGranted,
            toolConfiguration: toolConfiguration ?? {},
          },
          trx,
        );
        await deps.audit?.record(
          { action: 'platform.registered', actorKind: 'lms', platformId: saved.id, subjectType: 'platform', subjectId: saved.id, details: { dynamic: true, created: saved.created, productFamilyCode: platformConfig.product_family_code, deploymentId, scopesGranted } },
          trx,
        );
        return { ...saved, record: logged };
      });
      const platform = await deps.platformStore.findById(id);
      if (!platform) throw new AppError(500, 'internal', 'Registration vanished after saving');
      return { platform, created, record, scopesNotGranted: TOOL_SCOPES.filter((s) => !scopesGranted.includes(s)) };
    },
  };
}

/** LTI Dynamic Registration. */
export type DynamicRegistrationService = ReturnType<typeof createDynamicRegistrationService>;
