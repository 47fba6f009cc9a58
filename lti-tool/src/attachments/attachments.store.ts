import type { Knex } from 'knex';
import { kindOfMime } from './attachments.kinds';
import type { Attachment, Tenant } from './attachments.types';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const toAttachment = (r: Row): Attachment => ({
  id: r.id,
  platformId: r.platform_id,
  deploymentId: r.deployment_id,
  contextId: r.context_id,
  ownerId: r.owner_id,
  purpose: r.purpose,
  filename: r.filename,
  kind: kindOfMime(r.mime_type) ?? 'text',
  mimeType: r.mime_type,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256,
  storageKey: r.storage_key,
  createdAt: r.created_at,
});

/** Data access for attachments and their references (the only knex user of the feature). */
export const attachmentsStore = {
  async insert(trx: Knex, a: Omit<Attachment, 'createdAt' | 'kind'>): Promise<Attachment> {
    const [row] = await trx('attachments')
      .insert({
        id: a.id,
        platform_id: a.platformId,
        deployment_id: a.deploymentId,
        context_id: a.contextId,
        owner_id: a.ownerId,
        purpose: a.purpose,
        filename: a.filename,
        mime_type: a.mimeType,
        size_bytes: a.sizeBytes,
        sha256: a.sha256,
        storage_key: a.storageKey,
      })
      .returning('*');
    return toAttachment(row);
  },

  /** An attachment of a tenant (null for another tenant's: they are indistinguishable from missing ones). */
  async findInTenant(trx: Knex, id: string, tenant: Tenant, opts: { lock?: boolean } = {}): Promise<Attachment | null> {
    const q = trx('attachments').where({ id, platform_id: tenant.platformId, deployment_id: tenant.deploymentId });
    if (opts.lock) q.forUpdate();
    const row = await q.first();
    return row ? toAttachment(row) : null;
  },

  async isReferenced(trx: Knex, id: string): Promise<boolean> {
    return Boolean(await trx('attachment_references').where({ attachment_id: id }).first());
  },

  /**
   * Records that `referrer` uses the attachment; false when the attachment does not exist (or is deleted at
   * this moment: its foreign key then fails inside a savepoint, leaving the caller's transaction usable). Idempotent.
   */
  async addReference(trx: Knex, id: string, referrer: string): Promise<boolean> {
    try {
      return await trx.transaction(async (sp) => {
        const { rows } = await sp.raw(
          `INSERT INTO attachment_references (attachment_id, referrer)
           SELECT id, ? FROM attachments WHERE id = ?
           ON CONFLICT (attachment_id, referrer) DO UPDATE SET referrer = EXCLUDED.referrer RETURNING attachment_id`,
          [referrer, id],
        );
        return rows.length === 1;
      });
    } catch (e) {
      if ((e as { code?: string }).code === '23503') return false;
      throw e;
    }
  },

  async removeReference(trx: Knex, id: string, referrer: string): Promise<void> {
    await trx('attachment_references').where({ attachment_id: id, referrer }).delete();
  },

  /** Deletes a locked attachment unless referenced; returns whether it went. */
  async deleteUnreferenced(trx: Knex, id: string): Promise<boolean> {
    // `returning` gives the same answer on PostgreSQL and PGlite (a bare delete count does not).
    const gone: Row[] = await trx('attachments')
      .where({ id })
      .whereNotExists((q) => q.select(trx.raw('1')).from('attachment_references').whereRaw('attachment_references.attachment_id = attachments.id'))
      .delete()
      .returning('id');
    return gone.length === 1;
  },

  /**
   * Locks up to `limit` attachments created before `before` that nothing references (skipping rows another
   * transaction holds), deletes them in a second statement that sees references committed meanwhile, and
   * returns their storage keys.
   */
  async deleteAbandoned(trx: Knex, before: Date, limit: number): Promise<string[]> {
    const unreferenced = (q: Knex.QueryBuilder) =>
      q.whereNotExists((s) => s.select(trx.raw('1')).from('attachment_references').whereRaw('attachment_references.attachment_id = attachments.id'));
    const locked: Row[] = await unreferenced(trx('attachments').select('id').where('created_at', '<', before))
      .orderBy('created_at')
      .limit(limit)
      .forUpdate()
      .skipLocked();
    if (locked.length === 0) return [];
    const gone: Row[] = await unreferenced(trx('attachments').whereIn('id', locked.map((r) => r.id))).delete().returning('storage_key');
    return gone.map((r) => r.storage_key as string);
  },
};

/** Data access for attachments. */
export type AttachmentsStore = typeof attachmentsStore;
