import type { Knex } from 'knex';
import { errors } from '../http/errors';
import type { SecretBox } from '../lti/secretBox';
import type { Lti11Consumer, Lti11ConsumerStore } from './lti11.consumer.store';
import { consumerRegistrationSchema } from './lti11.schema';

/** A consumer key and its plaintext shared secret, for signing or checking one request. */
export interface ConsumerCredentials {
  key: string;
  secret: string;
}

/** Registering LTI 1.1 consumers and reading their secrets (decrypted only when a request needs them). */
export function createLti11ConsumerService(deps: { db: Knex; store: Lti11ConsumerStore; box: SecretBox }) {
  const credentials = (consumer: Lti11Consumer): ConsumerCredentials => ({ key: consumer.consumerKey, secret: deps.box.decrypt(consumer.secretEncrypted) });
  return {
    async register(input: unknown): Promise<{ consumer: Lti11Consumer; created: boolean }> {
      const parsed = consumerRegistrationSchema.safeParse(input);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
        throw errors.validation(fields.map((f) => f.message).join('; '), { fields });
      }
      const { consumerKey, secret, name } = parsed.data;
      return deps.db.transaction((trx) => deps.store.upsert({ consumerKey, secretEncrypted: deps.box.encrypt(secret), name }, trx));
    },
    list: () => deps.store.list(),
    findByKey: (key: string) => deps.store.findByKey(key),
    credentials,
    /** The credentials to sign Basic Outcomes with for a session's platform; null when it is not an LTI 1.1 consumer. */
    async credentialsForPlatform(platformId: string): Promise<ConsumerCredentials | null> {
      const consumer = await deps.store.findByPlatformId(platformId);
      return consumer ? credentials(consumer) : null;
    },
  };
}

/** LTI 1.1 consumer registration use cases. */
export type Lti11ConsumerService = ReturnType<typeof createLti11ConsumerService>;
