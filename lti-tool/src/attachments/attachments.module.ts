import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Router } from 'express';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { AttachmentsConfig } from '../../../config/config';
import type { JobDefinition } from '../jobs/jobDefinitions';
import type { SessionTokens } from '../lti/session';
import { createPurposeRegistry } from './attachments.purposes';
import { attachmentsRoutes } from './attachments.routes';
import { createAttachmentsService } from './attachments.service';
import { attachmentsStore } from './attachments.store';
import { createLocalDiskStorage, ensurePrivateDir } from './storage/localDisk.storage';
import { createS3Storage } from './storage/s3.storage';
import type { AttachmentStorage } from './storage/storage';

/** The queue of the hourly cleanup of abandoned uploads. */
export const CLEANUP_QUEUE = 'attachments-cleanup';

/**
 * Builds the attachments feature: the purpose registry features add to at start-up, the storage chosen by
 * configuration, the service (for routes and for features' `attach`/`markReferenced`), routes and cleanup job.
 * Folders are made on first use, so a process that never takes an upload writes nothing to disk.
 */
export function createAttachments(deps: { db: Knex; config: AttachmentsConfig; logger: Logger; storage?: AttachmentStorage }) {
  const { config, logger } = deps;
  const storage = deps.storage ?? (config.s3 ? createS3Storage(config.s3) : createLocalDiskStorage(config.dir));
  const purposes = createPurposeRegistry();
  const incoming = path.join(config.dir, 'incoming');
  let ready: Promise<string> | null = null;
  const tmpDir = (): Promise<string> =>
    (ready ??= (async () => {
      await ensurePrivateDir(config.dir);
      await ensurePrivateDir(incoming);
      return incoming;
    })().catch((err) => {
      ready = null;
      throw err;
    }));
  const service = createAttachmentsService({ db: deps.db, store: attachmentsStore, storage, purposes, maxBytes: config.maxBytes, logger });

  /** Removes abandoned uploads and temporary files a crashed process left behind. */
  async function cleanup(now = new Date()): Promise<{ attachments: number; partials: number }> {
    const before = new Date(now.getTime() - config.unreferencedTtlHours * 3600_000);
    const attachments = await service.cleanup(before);
    let partials = 0;
    const names = await readdir(incoming).catch(() => [] as string[]);
    for (const name of names) {
      const file = path.join(incoming, name);
      const info = await stat(file).catch(() => null);
      if (info && info.mtime < before) {
        await rm(file, { force: true });
        partials++;
      }
    }
    return { attachments, partials };
  }

  const jobDefinition: JobDefinition = {
    queue: { name: CLEANUP_QUEUE, retryLimit: 2, retryDelaySeconds: 300, retryBackoff: false, expireInSeconds: 1800 },
    schedule: { cron: '23 * * * *' },
    async handle() {
      const removed = await cleanup();
      if (removed.attachments || removed.partials) logger.info(removed, 'abandoned attachments removed');
    },
  };

  return {
    /** Features register their purpose (accepted kinds, size, access policy) here at start-up. */
    purposes,
    storage,
    service,
    cleanup,
    jobDefinition,
    tmpDir,
    /** The feature's HTTP routes; mount them before the JSON body parser (uploads stream). */
    routes(tokens: SessionTokens): Router {
      return attachmentsRoutes({ tokens, service, tmpDir });
    },
  };
}

/** The attachments feature. */
export type Attachments = ReturnType<typeof createAttachments>;
