import type { Knex } from 'knex';
import { AppError, errors } from '../http/errors';
import { platformRegistrationSchema, type PlatformRegistration } from './platform.schema';
import type { Platform, PlatformStore } from './platform.store';

/** The tool's own URLs an LMS admin pastes into the platform. */
export interface ToolUrls {
  loginUrl: string;
  launchUrl: string;
  jwksUrl: string;
  domain: string;
}

/** Derives the tool's endpoints from its public URL. */
export function toolUrls(publicUrl: string): ToolUrls {
  return {
    loginUrl: `${publicUrl}/lti/login`,
    launchUrl: `${publicUrl}/lti/launch`,
    jwksUrl: `${publicUrl}/.well-known/jwks.json`,
    domain: new URL(publicUrl).host,
  };
}

async function checkJwksReachable(jwksUrl: string): Promise<void> {
  let body: unknown;
  try {
    const res = await fetch(jwksUrl, { signal: AbortSignal.timeout(5000), headers: { 'user-agent': 'Staffroom LTI tool' } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = await res.json();
  } catch (e) {
    throw errors.unprocessable('jwks_unreachable', `The platform's JWKS URL ${jwksUrl} could not be read (${(e as Error).message}).`);
  }
  const keys = (body as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0) {
    throw errors.unprocessable('jwks_invalid', `The platform's JWKS URL ${jwksUrl} did not return a key set with keys.`);
  }
}

/** Registering LTI platforms by hand (CLI today, admin screen later). */
export function createPlatformService(deps: { db: Knex; store: PlatformStore; requireHttps: boolean }) {
  const schema = platformRegistrationSchema(deps.requireHttps);
  return {
    async register(input: unknown, options: { checkJwks: boolean }): Promise<{ platform: Platform; created: boolean }> {
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
        throw errors.validation(fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
      }
      const registration: PlatformRegistration = parsed.data;
      if (options.checkJwks) await checkJwksReachable(registration.jwksUrl);
      const { id, created } = await deps.db.transaction((trx) => deps.store.upsert(registration, trx));
      const platform = await deps.store.findById(id);
      if (!platform) throw new AppError(500, 'internal', 'Registration vanished after saving');
      return { platform, created };
    },
    list: () => deps.store.list(),
  };
}

/** Platform registration use cases. */
export type PlatformService = ReturnType<typeof createPlatformService>;
