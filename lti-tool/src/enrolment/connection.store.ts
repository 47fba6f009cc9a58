import type { Knex } from 'knex';
import type { LmsKind } from './lms.adapter';

/** A platform's LMS connection as stored (the token only in its sealed form). */
export interface ConnectionRecord {
  platformId: string;
  kind: LmsKind;
  baseUrl: string;
  tokenEncrypted: string;
  allowCreateUsers: boolean;
  studentRoleId: number;
  teacherRoleId: number;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: { id: string; name: string | null } | null;
}

/** What a save writes. */
export type ConnectionWrite = Omit<ConnectionRecord, 'createdAt' | 'updatedAt' | 'updatedBy'> & { userId: string };

interface ConnectionRow {
  platform_id: string;
  kind: LmsKind;
  base_url: string;
  token_encrypted: string;
  allow_create_users: boolean;
  student_role_id: number;
  teacher_role_id: number;
  created_at: Date;
  updated_at: Date;
  updated_by: string | null;
  updated_by_name: string | null;
}

const toRecord = (r: ConnectionRow): ConnectionRecord => ({
  platformId: r.platform_id,
  kind: r.kind,
  baseUrl: r.base_url,
  tokenEncrypted: r.token_encrypted,
  allowCreateUsers: r.allow_create_users,
  studentRoleId: r.student_role_id,
  teacherRoleId: r.teacher_role_id,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
  updatedBy: r.updated_by ? { id: r.updated_by, name: r.updated_by_name } : null,
});

/** Reads and writes `lms_connections` (one per platform registration). */
export function createConnectionStore(db: Knex) {
  return {
    async find(platformId: string, trx: Knex = db): Promise<ConnectionRecord | null> {
      const row = await trx('lms_connections as c')
        .leftJoin('users as u', 'u.id', 'c.updated_by')
        .where('c.platform_id', platformId)
        .first<ConnectionRow | undefined>('c.*', 'u.name as updated_by_name');
      return row ? toRecord(row) : null;
    },
    async upsert(c: ConnectionWrite, trx: Knex): Promise<void> {
      const values = {
        kind: c.kind,
        base_url: c.baseUrl,
        token_encrypted: c.tokenEncrypted,
        allow_create_users: c.allowCreateUsers,
        student_role_id: c.studentRoleId,
        teacher_role_id: c.teacherRoleId,
        updated_by: c.userId,
      };
      await trx('lms_connections')
        .insert({ platform_id: c.platformId, ...values, created_by: c.userId })
        .onConflict('platform_id')
        .merge({ ...values, updated_at: trx.fn.now() });
    },
    async remove(platformId: string, trx: Knex = db): Promise<boolean> {
      // Row counts are not reliable on PGlite: count the returned rows instead.
      return (await trx('lms_connections').where({ platform_id: platformId }).delete().returning('platform_id')).length > 0;
    },
  };
}

/** Data access for LMS connections. */
export type ConnectionStore = ReturnType<typeof createConnectionStore>;
