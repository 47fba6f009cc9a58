import type { Knex } from 'knex';
import type { Config } from '../../../config/config';
import { createIdentityStore } from '../lti/identity.store';
import { createLaunchServicesStore } from '../lti/launchServices.store';
import type { PlatformStore } from '../lti/platform.store';
import type { SecretBox } from '../lti/secretBox';
import type { SessionTokens } from '../lti/session';
import { createSandboxLti11Consumer } from '../sandbox/sandbox.lti11';
import { createLti11ConsumerService } from './lti11.consumer.service';
import { createLti11ConsumerStore } from './lti11.consumer.store';
import { createLti11LaunchService } from './lti11.launch.service';
import { createLti11NonceStore } from './lti11.nonce.store';
import { sendOutcome } from './lti11.outcomes';
import { LTI11_LAUNCH_PATH } from './lti11.routes';

/** The legacy LTI 1.1 adapter, built once per process: consumers, launches, Basic Outcomes, and the sandbox consumer. */
export function createLti11(deps: { config: Config; db: Knex; box: SecretBox; platformStore: PlatformStore; sessionTokens: SessionTokens }) {
  const { config, db } = deps;
  const consumers = createLti11ConsumerService({ db, store: createLti11ConsumerStore(db, deps.platformStore), box: deps.box });
  const nonces = createLti11NonceStore(db);
  const launchUrl = `${config.publicUrl}${LTI11_LAUNCH_PATH}`;
  const sandbox = config.sandboxEnabled ? createSandboxLti11Consumer({ db, secret: config.secret, publicUrl: config.publicUrl }) : null;
  return {
    enabled: config.lti11.enabled,
    launchUrl,
    consumers,
    nonces,
    launch: createLti11LaunchService({ db, consumers, nonces, identities: createIdentityStore(db), launchServices: createLaunchServicesStore(db), tokens: deps.sessionTokens, launchUrl }),
    /** Replaces a score through LTI 1.1 Basic Outcomes (for the passback jobs). */
    sendOutcome,
    sandbox,
    /** At start-up: registers the sandbox consumer, as the sandbox LTI 1.3 platform is registered. */
    async registerSandboxConsumer(): Promise<void> {
      if (sandbox && config.lti11.enabled) await consumers.register(sandbox.registration);
    },
  };
}

/** The LTI 1.1 adapter of one tool process. */
export type Lti11 = ReturnType<typeof createLti11>;
