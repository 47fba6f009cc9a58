import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/** One Dynamic Registration of a platform, as the platform answered it. */
export interface RegistrationRecord {
  id: string;
  platformId: string;
  productFamilyCode: string;
  platformVersion: string | null;
  /** Without its query string: Canvas puts the registration token there. */
  openidConfigurationUrl: string;
  deploymentId: string | null;
  scopesRequested: string[];
  scopesGranted: string[];
  /** The lti-tool-configuration the platform returned, unchanged. */
  toolConfiguration: unknown;
  registeredAt: Date;
}

interface RegistrationRow {
  id: string;
  platform_id: string;
  product_family_code: string;
  platform_version: string | null;
  openid_configuration_url: string;
  deployment_id: string | null;
  scopes_requested: string[];
  scopes_granted: string[];
  tool_configuration: unknown;
  registered_at: Date | string;
}

const toRecord = (r: RegistrationRow): RegistrationRecord => ({
  id: r.id,
  platformId: r.platform_id,
  productFamilyCode: r.product_family_code,
  platformVersion: r.platform_version,
  openidConfigurationUrl: r.openid_configuration_url,
  deploymentId: r.deployment_id,
  scopesRequested: r.scopes_requested,
  scopesGranted: r.scopes_granted,
  toolConfiguration: r.tool_configuration,
  registeredAt: new Date(r.registered_at),
});

/** The log of Dynamic Registrations (platform_registrations_log). */
export function createRegistrationLogStore(db: Knex) {
  return {
    async insert(r: Omit<RegistrationRecord, 'id' | 'registeredAt'>, trx: Knex): Promise<RegistrationRecord> {
      const [row] = (await trx('platform_registrations_log')
        .insert({
          id: randomUUID(),
          platform_id: r.platformId,
          product_family_code: r.productFamilyCode,
          platform_version: r.platformVersion,
          openid_configuration_url: r.openidConfigurationUrl,
          deployment_id: r.deploymentId,
          // jsonb columns get JSON text: a bare JS array would be sent as a PostgreSQL array
          scopes_requested: JSON.stringify(r.scopesRequested),
          scopes_granted: JSON.stringify(r.scopesGranted),
          tool_configuration: JSON.stringify(r.toolConfiguration ?? {}),
        })
        .returning('*')) as RegistrationRow[];
      return toRecord(row!);
    },
    /** A platform's registrations, newest first. */
    async listForPlatform(platformId: string): Promise<RegistrationRecord[]> {
      const rows: RegistrationRow[] = await db('platform_registrations_log').where({ platform_id: platformId }).orderBy('registered_at', 'desc');
      return rows.map(toRecord);
    },
    /** The latest registration of every platform that has one, by platform id. */
    async latestByPlatform(): Promise<Map<string, RegistrationRecord>> {
      const rows: RegistrationRow[] = await db('platform_registrations_log')
        .distinctOn('platform_id')
        .orderBy([{ column: 'platform_id' }, { column: 'registered_at', order: 'desc' }]);
      return new Map(rows.map((r) => [r.platform_id, toRecord(r)]));
    },
  };
}

/** Data access for the registration log. */
export type RegistrationLogStore = ReturnType<typeof createRegistrationLogStore>;
