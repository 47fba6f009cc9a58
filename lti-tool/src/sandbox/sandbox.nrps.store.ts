import type { Knex } from 'knex';
import { DEMO_CONTEXT, PERSONAS } from './sandbox.personas';

/** A fault the sandbox NRPS endpoint injects, for tests of hostile platforms. */
export interface NrpsFault {
  kind: 'status' | 'unauthorized' | 'html' | 'invalid_json' | 'wrong_content_type' | 'not_a_container' | 'foreign_next' | 'redirect' | 'slow' | 'huge' | 'endless';
  /** HTTP status for `status` and `html`. */
  status?: number;
  /** Delay for `slow`. */
  delayMs?: number;
  /** Only on this page (1-based); every page when absent. */
  page?: number;
  /** How many more times it fires; always when absent. */
  times?: number;
  /** How many times it fired (kept by the sandbox). */
  hits?: number;
}

/** How the sandbox NRPS endpoint behaves for one course. */
export interface NrpsSettings {
  /** `short` role names like Moodle (`Instructor`), or `full` LIS URIs like Canvas. */
  roleFormat: 'short' | 'full';
  /** The most members per page, whatever `limit` the tool asks for. */
  pageSize: number;
  /** Leave names and emails out, like a privacy setting. */
  anonymous: boolean;
  faults: NrpsFault[];
}

/** A member of a sandbox course. */
export interface SandboxMember {
  userId: string;
  name: string | null;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  /** Full LIS role URIs. */
  roles: string[];
  status: 'Active' | 'Inactive';
}

const DEFAULTS: NrpsSettings = { roleFormat: 'short', pageSize: 100, anonymous: false, faults: [] };
const MEMBERSHIP = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';

type Row = Record<string, unknown>;
const toMember = (r: Row): SandboxMember => ({
  userId: r.user_id as string,
  name: (r.name as string | null) ?? null,
  givenName: (r.given_name as string | null) ?? null,
  familyName: (r.family_name as string | null) ?? null,
  email: (r.email as string | null) ?? null,
  roles: (r.roles as string[]) ?? [],
  status: r.status === 'Inactive' ? 'Inactive' : 'Active',
});
const personaRow = (contextId: string, position: number, p: (typeof PERSONAS)[number]) => ({
  context_id: contextId, user_id: p.sub, position, name: p.name, given_name: p.givenName, family_name: p.familyName, email: p.email, roles: p.roles, status: 'Active',
});
const parseFaults = (v: unknown): NrpsFault[] => (typeof v === 'string' ? JSON.parse(v) : (v as NrpsFault[] | null)) ?? [];
const toSettings = (row: Row) => ({
  roleFormat: row.role_format as NrpsSettings['roleFormat'],
  pageSize: Number(row.page_size),
  anonymous: Boolean(row.anonymous),
  faults: parseFaults(row.faults),
  revokedTokens: (row.revoked_tokens as string[] | null) ?? [],
});

/**
 * The sandbox LMS's course rosters. A course exists once it has a settings row; the demo course is created on
 * first use with the demo personas as its first members, so tests can change or remove them like anyone else.
 * Sandbox only.
 */
export function createSandboxNrpsStore(db: Knex) {
  /** The course's settings row, creating the course (and seeding the demo personas) when `create` or for the demo. */
  async function course(contextId: string, create: boolean): Promise<Row | null> {
    const row = await db('sandbox_nrps_settings').where({ context_id: contextId }).first();
    if (row || (!create && contextId !== DEMO_CONTEXT.id)) return row ?? null;
    await db.transaction(async (trx) => {
      const inserted = await trx('sandbox_nrps_settings').insert({ context_id: contextId }).onConflict('context_id').ignore().returning('context_id');
      if (inserted.length && contextId === DEMO_CONTEXT.id) {
        await trx('sandbox_nrps_members').insert(PERSONAS.map((p, i) => personaRow(contextId, i + 1, p))).onConflict(['context_id', 'user_id']).ignore();
      }
    });
    return db('sandbox_nrps_settings').where({ context_id: contextId }).first();
  }
  const nextPosition = async (contextId: string) => Number((await db('sandbox_nrps_members').where({ context_id: contextId }).max({ p: 'position' }).first())?.p ?? 0);

  return {
    /** The course's settings; `exists` is false for a course the sandbox knows nothing about. */
    async settings(contextId: string): Promise<NrpsSettings & { exists: boolean; revokedTokens: string[] }> {
      const row = await course(contextId, false);
      return row ? { ...toSettings(row), exists: true } : { ...DEFAULTS, exists: false, revokedTokens: [] };
    },
    async saveSettings(contextId: string, s: Partial<NrpsSettings>): Promise<void> {
      await course(contextId, true);
      const row: Row = { updated_at: db.fn.now() };
      if (s.roleFormat) row.role_format = s.roleFormat;
      if (s.pageSize) row.page_size = s.pageSize;
      if (s.anonymous !== undefined) row.anonymous = s.anonymous;
      if (s.faults) row.faults = JSON.stringify(s.faults.map((f) => ({ ...f, hits: 0 })));
      await db('sandbox_nrps_settings').where({ context_id: contextId }).update(row);
    },
    /** The first fault that applies to this page, counted as fired (atomically, so parallel requests agree). */
    async takeFault(contextId: string, page: number): Promise<NrpsFault | null> {
      return db.transaction(async (trx) => {
        const row = await trx('sandbox_nrps_settings').where({ context_id: contextId }).forUpdate().first('faults');
        if (!row) return null;
        const faults = parseFaults(row.faults);
        const fault = faults.find((f) => (f.page === undefined || f.page === page) && (f.times === undefined || f.times > 0));
        if (!fault) return null;
        fault.hits = (fault.hits ?? 0) + 1;
        if (fault.times !== undefined) fault.times -= 1;
        await trx('sandbox_nrps_settings').where({ context_id: contextId }).update({ faults: JSON.stringify(faults) });
        return { ...fault };
      });
    },
    async revokeToken(contextId: string, fingerprint: string): Promise<void> {
      await db('sandbox_nrps_settings').where({ context_id: contextId }).update({ revoked_tokens: db.raw('array_append(revoked_tokens, ?)', [fingerprint]) });
    },
    /**
     * At most `limit` members in course order, from offset `from` or (faster for big courses) after the position
     * cursor `after`; with the cursor to continue from and whether more follow. One query.
     */
    async page(contextId: string, at: { from: number; after: number | null }, limit: number): Promise<{ members: SandboxMember[]; more: boolean; last: number | null }> {
      const q = db('sandbox_nrps_members').where({ context_id: contextId, removed: false }).orderBy('position').limit(limit + 1);
      const rows: Row[] = at.after === null ? await q.offset(at.from) : await q.where('position', '>', at.after);
      const served = rows.slice(0, limit);
      return { members: served.map(toMember), more: rows.length > limit, last: served.length ? Number(served.at(-1)!.position) : null };
    },
    /** Adds or changes members (a removed member who is added again comes back). A persona keeps their profile unless given. */
    async upsert(contextId: string, members: Array<Partial<SandboxMember> & { userId: string }>): Promise<void> {
      await course(contextId, true);
      const personas = new Map(PERSONAS.map((p) => [p.sub, p]));
      let position = await nextPosition(contextId);
      for (const m of members) {
        const p = personas.get(m.userId);
        const values = {
          name: m.name ?? p?.name ?? null,
          given_name: m.givenName ?? p?.givenName ?? null,
          family_name: m.familyName ?? p?.familyName ?? null,
          email: m.email ?? p?.email ?? null,
          roles: m.roles ?? p?.roles ?? [`${MEMBERSHIP}Learner`],
          status: m.status ?? 'Active',
          removed: false,
        };
        await db('sandbox_nrps_members').insert({ context_id: contextId, user_id: m.userId, position: ++position, ...values }).onConflict(['context_id', 'user_id']).merge(values);
      }
    },
    /** Generates `count` members `${prefix}-1…` (one statement, for rosters of thousands). */
    async generate(contextId: string, g: { count: number; prefix: string; role: string }): Promise<void> {
      await course(contextId, true);
      await db.raw(
        `INSERT INTO sandbox_nrps_members (context_id, user_id, position, name, given_name, family_name, email, roles, status)
         SELECT CAST(? AS text), CAST(? AS text) || '-' || n, CAST(? AS integer) + n, 'Staff member ' || n, 'Staff', 'Member ' || n,
           CAST(? AS text) || '-' || n || '@example.edu', ARRAY[CAST(? AS text)], 'Active'
         FROM generate_series(1, CAST(? AS integer)) AS n
         ON CONFLICT (context_id, user_id) DO UPDATE SET removed = false, roles = excluded.roles`,
        [contextId, g.prefix, await nextPosition(contextId), g.prefix, `${MEMBERSHIP}${g.role}`, g.count],
      );
    },
    /** Takes someone out of the course; their row stays so they can come back. */
    async remove(contextId: string, userId: string): Promise<boolean> {
      await course(contextId, false);
      return (await db('sandbox_nrps_members').where({ context_id: contextId, user_id: userId }).update({ removed: true })) > 0;
    },
    /** Forgets the course (the demo course starts again from its personas). */
    async reset(contextId: string): Promise<void> {
      await db('sandbox_nrps_members').where({ context_id: contextId }).delete();
      await db('sandbox_nrps_settings').where({ context_id: contextId }).delete();
    },
  };
}

/** The sandbox course rosters. */
export type SandboxNrpsStore = ReturnType<typeof createSandboxNrpsStore>;
