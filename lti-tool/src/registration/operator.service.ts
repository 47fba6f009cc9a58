import type { Knex } from 'knex';
import type { AuditStore } from '../audit/audit.store';
import { AppError, errors } from '../http/errors';
import type { PlatformService } from '../lti/platform.service';
import type { Platform, PlatformStore } from '../lti/platform.store';
import { addDeploymentSchema } from './registration.schema';
import type { RegistrationLogStore, RegistrationRecord } from './registration.store';

/** A registered platform with its latest Dynamic Registration, if it came about that way. */
export interface PlatformOverview {
  platform: Platform;
  latestRegistration: RegistrationRecord | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the tool operator can do over the operator API: list and register platforms, add deployments. */
export function createOperatorService(deps: { db: Knex; platforms: PlatformService; platformStore: PlatformStore; log: RegistrationLogStore; audit?: AuditStore }) {
  async function find(platformId: string): Promise<Platform> {
    const platform = UUID.test(platformId) ? await deps.platformStore.findById(platformId) : null;
    if (!platform) throw errors.notFound('That platform');
    return platform;
  }

  return {
    async list(): Promise<PlatformOverview[]> {
      const [platforms, latest] = await Promise.all([deps.platformStore.list(), deps.log.latestByPlatform()]);
      return platforms.map((platform) => ({ platform, latestRegistration: latest.get(platform.id) ?? null }));
    },
    /** Manual registration with the same validation as `platform:add` (https outside development, JWKS with keys). */
    register: (input: unknown) => deps.platforms.register(input, { checkJwks: true }),
    /** Adds a deployment id (e.g. the one Canvas shows once the app is installed). */
    async addDeployment(platformId: string, input: unknown): Promise<{ platform: Platform; created: boolean }> {
      const platform = await find(platformId);
      const parsed = addDeploymentSchema.safeParse(input ?? {});
      if (!parsed.success) {
        const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
        throw errors.validation(fields.map((f) => `${f.field}: ${f.message}`).join('; '), { fields });
      }
      const { deploymentId } = parsed.data;
      const created = !platform.deploymentIds.includes(deploymentId);
      if (created) {
        // upsert rewrites the same URLs and adds the deployment; existing deployments are kept
        await deps.db.transaction(async (trx) => {
          await deps.platformStore.upsert({ ...platform, deploymentIds: [deploymentId] }, trx);
          await deps.audit?.record({ action: 'platform.deployment_added', actorKind: 'operator', platformId: platform.id, subjectType: 'platform', subjectId: platform.id, details: { deploymentId } }, trx);
        });
      }
      const updated = await deps.platformStore.findById(platform.id);
      if (!updated) throw new AppError(500, 'internal', 'Platform vanished after saving');
      return { platform: updated, created };
    },
    async registrations(platformId: string): Promise<RegistrationRecord[]> {
      const platform = await find(platformId);
      return deps.log.listForPlatform(platform.id);
    },
  };
}

/** Operator use cases. */
export type OperatorService = ReturnType<typeof createOperatorService>;
