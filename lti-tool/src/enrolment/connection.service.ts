import { isIP } from 'node:net';
import type { Knex } from 'knex';
import type { SecretBox } from '../lti/secretBox';
import type { ConnectionRecord, ConnectionStore } from './connection.store';
import type { ConnectionBody } from './enrolment.schema';
import type { EnrolmentResult } from './enrolment.failures';
import type { LmsAdapterFactory, LmsCheck, LmsSettings } from './lms.adapter';
import type { SessionContext } from './people.store';

/** A connection as admins see it: never the token, only that one is set and its last characters. */
export interface ConnectionView {
  kind: ConnectionRecord['kind'];
  baseUrl: string;
  tokenSet: true;
  tokenLast4: string | null;
  allowCreateUsers: boolean;
  studentRoleId: number;
  teacherRoleId: number;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: { id: string; name: string | null } | null;
}

const MOODLE_STUDENT_ROLE = 5;
const MOODLE_EDITING_TEACHER_ROLE = 3;

/** Short tokens would give away too much of themselves. */
const last4 = (token: string) => (token.length >= 16 ? token.slice(-4) : null);

/** The last 4 characters of a sealed token; null when it cannot be opened (STAFFROOM_SECRET changed: save the token again). */
function sealedLast4(box: SecretBox, sealed: string): string | null {
  try {
    return last4(box.decrypt(sealed));
  } catch {
    return null;
  }
}

/** Hosts an admin must not point Staffroom at in production: the tool's own network. */
function privateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || host.endsWith('.local')) return true;
  if (isIP(host) === 4) {
    const [a, b] = host.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (isIP(host) === 6) return host === '::1' || host === '::' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith('::ffff:');
  return false;
}

/** Saving, reading and removing a platform's LMS connection; the token is checked against the LMS before it is stored. */
export function createConnectionService(deps: { db: Knex; store: ConnectionStore; box: SecretBox; adapters: LmsAdapterFactory; requireHttps: boolean }) {
  const view = (c: ConnectionRecord): ConnectionView => ({
    kind: c.kind,
    baseUrl: c.baseUrl,
    tokenSet: true,
    tokenLast4: sealedLast4(deps.box, c.tokenEncrypted),
    allowCreateUsers: c.allowCreateUsers,
    studentRoleId: c.studentRoleId,
    teacherRoleId: c.teacherRoleId,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    updatedBy: c.updatedBy,
  });

  const settingsOf = (c: ConnectionRecord): LmsSettings => ({
    kind: c.kind,
    baseUrl: c.baseUrl,
    token: deps.box.decrypt(c.tokenEncrypted),
    allowCreateUsers: c.allowCreateUsers,
    studentRoleId: c.studentRoleId,
    teacherRoleId: c.teacherRoleId,
  });

  return {
    async get(platformId: string): Promise<ConnectionView | null> {
      const c = await deps.store.find(platformId);
      return c ? view(c) : null;
    },

    /** The decrypted settings for the enrolment itself. */
    async settingsFor(platformId: string): Promise<LmsSettings | null> {
      const c = await deps.store.find(platformId);
      return c ? settingsOf(c) : null;
    },

    /**
     * Saves the connection after a cheap call proves the URL and token work. Leaving the token out
     * keeps the saved one, but only for the same LMS at the same address: otherwise an admin could
     * send the saved token to a server of their choosing without ever knowing it.
     */
    async save(ctx: SessionContext, body: ConnectionBody): Promise<EnrolmentResult<{ connection: ConnectionView; check: LmsCheck }>> {
      const url = new URL(body.baseUrl);
      if (deps.requireHttps && url.protocol !== 'https:') return { ok: false, error: { kind: 'insecure_url' } };
      if (deps.requireHttps && privateHost(url.hostname)) return { ok: false, error: { kind: 'private_url' } };
      const existing = await deps.store.find(ctx.platformId);
      const sameTarget = existing && existing.kind === body.kind && existing.baseUrl === body.baseUrl;
      const token = body.token ?? (sameTarget ? deps.box.decrypt(existing.tokenEncrypted) : null);
      if (!token) return { ok: false, error: { kind: 'token_required', changedTarget: !!existing } };

      const moodle = body.kind === 'moodle';
      const settings: LmsSettings = {
        kind: body.kind,
        baseUrl: body.baseUrl,
        token,
        allowCreateUsers: moodle && (body.allowCreateUsers ?? (sameTarget ? existing.allowCreateUsers : false)),
        studentRoleId: body.studentRoleId ?? (sameTarget ? existing.studentRoleId : MOODLE_STUDENT_ROLE),
        teacherRoleId: body.teacherRoleId ?? (sameTarget ? existing.teacherRoleId : MOODLE_EDITING_TEACHER_ROLE),
      };
      const check = await deps.adapters(settings).check();
      if (!check.ok) return { ok: false, error: { kind: 'lms', failure: check.failure } };

      await deps.db.transaction(async (trx) => {
        await deps.store.upsert({ platformId: ctx.platformId, ...settings, tokenEncrypted: deps.box.encrypt(token), userId: ctx.userId }, trx);
      });
      const saved = await deps.store.find(ctx.platformId);
      return { ok: true, value: { connection: view(saved!), check: check.value } };
    },

    async remove(platformId: string): Promise<boolean> {
      return deps.db.transaction((trx) => deps.store.remove(platformId, trx));
    },
  };
}

/** LMS connections per platform. */
export type ConnectionService = ReturnType<typeof createConnectionService>;
