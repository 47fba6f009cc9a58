import type { Knex } from 'knex';
import { personalDataContextIds, type CohortAccess } from '../cohorts/cohortAccess';
import { abort, fail, runResult, type Result } from './modules.errors';
import type { ProgressMatrixStore } from './progressMatrix.store';

const encodeCursor = (c: { k: string; id: string }) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(value: string | undefined): { k: string; id: string } | null {
  if (!value) return null;
  try {
    const c = JSON.parse(Buffer.from(value, 'base64url').toString()) as { k?: unknown; id?: unknown };
    if (typeof c.k === 'string' && typeof c.id === 'string' && /^[0-9a-f-]{36}$/i.test(c.id)) return { k: c.k, id: c.id };
  } catch {
    /* answered below */
  }
  return abort({ kind: 'invalid_input', issues: [{ field: 'cursor', message: 'is not a cursor this list gave out' }] });
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.floor((part * 100) / whole) : 0);

/**
 * The cohort progress matrix for admins and leads: members of the caller's own course only (in a network
 * cohort each school sees its own staff), person × module, a page of people at a time, plus per-module totals.
 */
export function createProgressMatrixService(deps: { db: Knex; store: ProgressMatrixStore }) {
  const { db, store } = deps;
  return {
    async matrix(a: CohortAccess, q: { limit: number; cursor?: string; role?: string }): Promise<Result<unknown>> {
      const [contextId] = personalDataContextIds(a);
      if (!contextId) return fail({ kind: 'not_module_lead' });
      return runResult(async () => {
        const after = decodeCursor(q.cursor);
        const rows = await store.page(db, { cohortId: a.cohort.id, contextId, role: q.role, limit: q.limit + 1, after });
        const { modules, members } = rows;
        const people = rows.people.slice(0, q.limit);
        // Keyed lookups: a page is 50 people × 20 modules, so no scanning of lists per cell.
        const cellOf = new Map(rows.cells.map((c) => [`${c.userId}:${c.moduleId}`, c]));
        const completionOf = new Map(rows.completions.map((c) => [`${c.userId}:${c.moduleId}`, c]));
        const totalsOf = new Map(rows.totals.map((t) => [t.moduleId, t]));
        const pdMinutesOf = new Map<string, number>();
        for (const c of rows.completions) pdMinutesOf.set(c.userId, (pdMinutesOf.get(c.userId) ?? 0) + c.pdMinutes);
        return {
          cohort: { id: a.cohort.id, title: a.cohort.title },
          contextId,
          members,
          modules: modules.map((m) => {
            const t = totalsOf.get(m.id) ?? { started: 0, completed: 0 };
            const inProgress = Math.max(0, t.started - t.completed);
            return {
              id: m.id, title: m.title, position: m.position, pdMinutes: m.pdMinutes, totalSteps: m.totalSteps,
              totals: { completed: t.completed, inProgress, notStarted: Math.max(0, members - t.completed - inProgress), percentCompleted: percent(t.completed, members) },
            };
          }),
          people: people.map((p) => ({
            userId: p.userId,
            name: p.name,
            email: p.email,
            role: p.role,
            lastLaunchAt: p.lastLaunchAt?.toISOString() ?? null,
            pdMinutesEarned: pdMinutesOf.get(p.userId) ?? 0,
            modules: modules.map((m) => {
              const cell = cellOf.get(`${p.userId}:${m.id}`);
              const done = completionOf.get(`${p.userId}:${m.id}`);
              const completedSteps = cell?.completedSteps ?? 0;
              return {
                moduleId: m.id,
                status: done ? 'complete' : cell ? 'in_progress' : 'not_started',
                completedSteps,
                percent: done ? 100 : percent(completedSteps, m.totalSteps),
                completedAt: done?.completedAt.toISOString() ?? null,
                lastActivityAt: cell?.lastActivityAt?.toISOString() ?? null,
              };
            }),
          })),
          nextCursor: rows.people.length > q.limit ? encodeCursor({ k: people[people.length - 1]!.sortKey, id: people[people.length - 1]!.userId }) : null,
        };
      });
    },
  };
}

/** The progress matrix. */
export type ProgressMatrixService = ReturnType<typeof createProgressMatrixService>;
