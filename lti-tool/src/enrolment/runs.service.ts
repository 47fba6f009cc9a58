import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { QueueDefinition } from '../jobs/jobQueue';
import type { ConnectionService } from './connection.service';
import { resolveCourseRef } from './courseRef';
import type { ListInput } from './enrolment.schema';
import type { EnrolmentResult } from './enrolment.failures';
import { lmsErrorId, type EnrolOutcome, type LmsAdapterFactory } from './lms.adapter';
import type { PeopleStore, SessionContext } from './people.store';
import type { RunItem, RunRecord, RunsStore } from './runs.store';
import { readStaffInput } from './staffInput';
import type { StaffListReport } from './staffList';

/** The background queue of large enrolment runs. A retried job carries on with the people not processed yet. */
export const ENROLMENT_QUEUE: QueueDefinition = {
  name: 'enrolment-runs',
  retryLimit: 5,
  retryDelaySeconds: 30,
  retryBackoff: true,
  expireInSeconds: 4 * 3600, // 5,000 people at a few LMS calls each
};

/** Puts a run on the background queue, inside `trx` when given (the job exists only if the run does). */
export type EnqueueRun = (runId: string, trx?: Knex.Transaction) => Promise<unknown>;

/** A preview: the checked list and where it would go. */
export interface Preview extends StaffListReport {
  target: { lmsKind: string; lmsCourseId: string } | null;
}

/** A started run: its report when it ran within the request, or just the run when it went to the background. */
export interface StartedRun {
  run: RunRecord;
  items: RunItem[] | null;
}

const SUCCESS: ReadonlySet<EnrolOutcome> = new Set(['enrolled', 'already_enrolled', 'created_and_enrolled']);
const BATCH = 100;

/** Enrolment runs: checks the list, records each person's outcome, runs small lists at once and large ones as a job. */
export function createRunService(deps: {
  db: Knex;
  runs: RunsStore;
  people: PeopleStore;
  connections: ConnectionService;
  adapters: LmsAdapterFactory;
  logger: Logger;
  /** Lists up to this size run within the request. */
  syncLimit: number;
  /** A request-time run hands the rest to the background after this long. */
  syncBudgetMs: number;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;

  async function target(ctx: SessionContext) {
    const settings = await deps.connections.settingsFor(ctx.platformId);
    return settings ? { lmsKind: settings.kind, lmsCourseId: resolveCourseRef(settings.kind, ctx) } : null;
  }

  async function fail(runId: string, error: { id: string; message: string }): Promise<'done'> {
    await deps.db.transaction((trx) => deps.runs.failPending(runId, error.message, trx));
    await deps.runs.setState(runId, { status: 'failed', finished: true, error });
    return 'done';
  }

  /** Works through the run's unprocessed people until done or past the deadline (null: no deadline). */
  async function process(runId: string, deadline: number | null): Promise<'done' | 'paused'> {
    const run = await deps.runs.find(runId);
    if (!run || run.status === 'completed' || run.status === 'failed') return 'done';
    const settings = await deps.connections.settingsFor(run.platformId);
    if (!settings || settings.kind !== run.lmsKind) {
      return fail(runId, { id: 'lms_connection_missing', message: 'The LMS connection was removed or changed to another LMS before these people were enrolled.' });
    }
    await deps.runs.setState(runId, { status: 'running', started: true });
    const course = await deps.adapters(settings).openCourse(run.lmsCourseId);
    if (!course.ok) return fail(runId, { id: lmsErrorId(course.failure.kind), message: course.failure.message });

    for (;;) {
      const batch = await deps.runs.items(runId, { afterPosition: -1, limit: BATCH, outcome: 'pending' });
      if (batch.length === 0) break;
      for (const item of batch) {
        if (deadline !== null && now() >= deadline) return 'paused';
        const result = await course.value.enrol({ email: item.email.toLowerCase(), emailAsWritten: item.email, name: item.name, role: item.role });
        await deps.db.transaction(async (trx) => {
          await deps.runs.recordOutcome(runId, item.position, result, trx);
          if (SUCCESS.has(result.outcome) && item.school) await deps.people.setSchool(run, item.email.toLowerCase(), item.school, trx);
        });
        if (result.fatal) return fail(runId, { id: lmsErrorId(result.fatal.kind), message: result.fatal.message });
      }
    }
    await deps.runs.setState(runId, { status: 'completed', finished: true });
    return 'done';
  }

  return {
    process,

    async preview(ctx: SessionContext, input: ListInput): Promise<EnrolmentResult<Preview>> {
      const list = await readStaffInput(deps.people, ctx, input);
      if (!list.ok) return list;
      const t = await target(ctx);
      return { ok: true, value: { ...list.value, target: t?.lmsCourseId ? { lmsKind: t.lmsKind, lmsCourseId: t.lmsCourseId } : null } };
    },

    /** Starts a run: nothing is written unless the whole list is valid, the LMS is connected and the course is known. */
    async start(ctx: SessionContext, input: ListInput, enqueue: EnqueueRun): Promise<EnrolmentResult<StartedRun>> {
      const list = await readStaffInput(deps.people, ctx, input);
      if (!list.ok) return list;
      if (list.value.problems.length > 0) return { ok: false, error: { kind: 'list_has_problems', problems: list.value.problems } };
      const t = await target(ctx);
      if (!t) return { ok: false, error: { kind: 'no_connection' } };
      if (!t.lmsCourseId) return { ok: false, error: { kind: 'course_unknown' } };

      const background = list.value.people.length > deps.syncLimit;
      const runId = randomUUID();
      const busy = await deps.db.transaction(async (trx) => {
        await deps.runs.lockContext(ctx.contextId, trx);
        const active = await deps.runs.activeRun(ctx.contextId, new Date(now()), trx);
        if (active) return active;
        await deps.runs.create(
          {
            id: runId,
            contextId: ctx.contextId,
            lmsKind: t.lmsKind,
            lmsCourseId: t.lmsCourseId!,
            source: 'csv' in input ? 'csv' : 'members',
            mode: background ? 'background' : 'sync',
            status: background ? 'queued' : 'running',
            createdBy: ctx.userId,
            items: list.value.people.map((p, position) => ({ position, row: p.row, email: p.emailAsWritten, name: p.name, school: p.school, role: p.role })),
          },
          trx,
        );
        if (background) await enqueue(runId, trx);
        return null;
      });
      if (busy) return { ok: false, error: { kind: 'run_in_progress', runId: busy } };

      if (!background) {
        let outcome: 'done' | 'paused';
        try {
          outcome = await process(runId, now() + deps.syncBudgetMs);
        } catch (err) {
          deps.logger.error({ err, runId }, 'enrolment run failed unexpectedly; handing it to the background queue');
          outcome = 'paused';
        }
        if (outcome === 'paused') {
          await deps.runs.setState(runId, { mode: 'background', status: 'queued' });
          await enqueue(runId);
        }
      }
      const run = (await deps.runs.find(runId))!;
      const finished = run.status === 'completed' || run.status === 'failed';
      const items = finished ? await deps.runs.items(runId, { afterPosition: -1, limit: deps.syncLimit + 1 }) : null;
      return { ok: true, value: { run, items } };
    },

    async report(ctx: SessionContext, runId: string, q: { limit: number; cursor?: number; outcome?: EnrolOutcome | 'pending' }) {
      const run = await deps.runs.findInContext(ctx.contextId, runId);
      if (!run) return null;
      const items = await deps.runs.items(runId, { afterPosition: q.cursor ?? -1, limit: q.limit, outcome: q.outcome });
      return { run, items, nextCursor: items.length === q.limit ? items.at(-1)!.position : null };
    },

    async list(ctx: SessionContext, q: { limit: number; cursor?: string }) {
      const runs = await deps.runs.list(ctx.contextId, { limit: q.limit, beforeId: q.cursor ?? null });
      return { runs, nextCursor: runs.length === q.limit ? runs.at(-1)!.id : null };
    },
  };
}

/** Enrolment runs. */
export type RunService = ReturnType<typeof createRunService>;
