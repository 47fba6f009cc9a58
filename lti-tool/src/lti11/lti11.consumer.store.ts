import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { PlatformStore } from '../lti/platform.store';

/** The issuer of the `platforms` row that stands for an LTI 1.1 consumer. */
export const lti11Issuer = (consumerKey: string) => `urn:lti11:${consumerKey}`;
/** The one deployment id every LTI 1.1 consumer has (1.1 has no deployments). */
export const LTI11_DEPLOYMENT_ID = 'lti11';
/**
 * What the LTI 1.3 URL columns of a consumer's platform row hold: not a network address, so an
 * LTI 1.3 login or launch naming this issuer can never fetch keys or tokens.
 */
export const NO_LTI13_ENDPOINT = 'urn:lti11:no-lti13-endpoint';

/** A registered LTI 1.1 consumer, with the tenant rows its launches use. */
export interface Lti11Consumer {
  id: string;
  consumerKey: string;
  secretEncrypted: string;
  name: string | null;
  platformId: string;
  /** The `deployments` row id (not the LTI deployment id string). */
  deploymentRowId: string;
  createdAt: Date;
}

interface ConsumerRow {
  id: string;
  consumer_key: string;
  secret_encrypted: string;
  name: string | null;
  platform_id: string;
  deployment_id: string;
  created_at: Date;
  updated_at: Date;
}

const toConsumer = (r: ConsumerRow): Lti11Consumer => ({
  id: r.id,
  consumerKey: r.consumer_key,
  secretEncrypted: r.secret_encrypted,
  name: r.name,
  platformId: r.platform_id,
  deploymentRowId: r.deployment_id,
  createdAt: new Date(r.created_at),
});

/** Reads and writes LTI 1.1 consumers and the platform/deployment rows that stand for them. */
export function createLti11ConsumerStore(db: Knex, platforms: PlatformStore) {
  return {
    async findByKey(consumerKey: string, trx: Knex = db): Promise<Lti11Consumer | null> {
      const row = await trx<ConsumerRow>('lti11_consumers').where({ consumer_key: consumerKey }).first();
      return row ? toConsumer(row) : null;
    },
    async findByPlatformId(platformId: string, trx: Knex = db): Promise<Lti11Consumer | null> {
      const row = await trx<ConsumerRow>('lti11_consumers').where({ platform_id: platformId }).first();
      return row ? toConsumer(row) : null;
    },
    async list(): Promise<Lti11Consumer[]> {
      const rows = await db<ConsumerRow>('lti11_consumers').orderBy('created_at', 'asc');
      return rows.map(toConsumer);
    },
    /** Creates the consumer (with its platform and deployment rows) or replaces its secret and name. */
    async upsert(c: { consumerKey: string; secretEncrypted: string; name: string | null }, trx: Knex): Promise<{ consumer: Lti11Consumer; created: boolean }> {
      const { id: platformId } = await platforms.upsert(
        {
          issuer: lti11Issuer(c.consumerKey),
          clientId: c.consumerKey,
          name: c.name,
          authUrl: NO_LTI13_ENDPOINT,
          tokenUrl: NO_LTI13_ENDPOINT,
          jwksUrl: NO_LTI13_ENDPOINT,
          deploymentIds: [LTI11_DEPLOYMENT_ID],
        },
        trx,
      );
      const deployment = await platforms.findDeployment(platformId, LTI11_DEPLOYMENT_ID, trx);
      if (!deployment) throw new Error(`deployment ${LTI11_DEPLOYMENT_ID} missing after upsert`);
      const existing = await trx<ConsumerRow>('lti11_consumers').where({ consumer_key: c.consumerKey }).first('id');
      const [row] = await trx<ConsumerRow>('lti11_consumers')
        .insert({
          id: existing?.id ?? randomUUID(),
          consumer_key: c.consumerKey,
          secret_encrypted: c.secretEncrypted,
          name: c.name,
          platform_id: platformId,
          deployment_id: deployment.id,
        })
        .onConflict('consumer_key')
        .merge({ secret_encrypted: c.secretEncrypted, name: c.name, updated_at: trx.fn.now() })
        .returning('*');
      return { consumer: toConsumer(row as ConsumerRow), created: !existing };
    },
  };
}

/** Data access for LTI 1.1 consumers. */
export type Lti11ConsumerStore = ReturnType<typeof createLti11ConsumerStore>;
