import type { Knex } from 'knex';
import type { CohortAccess } from '../cohorts/cohortAccess';
import type { SessionIdentity } from '../lti/session';
import { abort, runResult, type Result } from './modules.errors';
import { modulePolicy } from './moduleAccess';
import type { LiveModule, ProgressService } from './progress.service';
import type { ProgressStore } from './progress.store';
import { prepareAgreement, prepareResponseBody, presentAgreement, presentOwnResponse, presentSharedResponse } from './responseBody';
import type { ResponsesStore, StepResponse } from './responses.store';
import { responseRule } from './stepContent';

const encodeCursor = (c: { at: number; id: string }) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(value: string | undefined): { at: number; id: string } | null {
  if (!value) return null;
  try {
    const c = JSON.parse(Buffer.from(value, 'base64url').toString()) as { at?: unknown; id?: unknown };
    if (typeof c.at === 'number' && typeof c.id === 'string' && /^[0-9a-f-]{36}$/i.test(c.id)) return { at: c.at, id: c.id };
  } catch {
    /* a malformed cursor is a validation failure below */
  }
  return abort({ kind: 'invalid_input', issues: [{ field: 'cursor', message: 'is not a cursor this list gave out' }] });
}

/**
 * Written responses (reflections, inquiry-cycle entries) and checkpoint records. Private work is readable by
 * its author only: not by admins or leads either, since the issue promises participants that much. Saves
 * are compare-and-set on the revision the client last saw; a stale save answers 409 with the stored text.
 */
export function createResponsesService(deps: { db: Knex; responses: ResponsesStore; progressStore: ProgressStore; progress: ProgressService }) {
  const { db, responses } = deps;

  /** The step of the published module; `lock` (in a write) share-locks the module against a publish. */
  async function stepOf(trx: Knex, a: CohortAccess, moduleId: string, stepId: string, lock = false): Promise<LiveModule & { step: LiveModule['steps'][number] }> {
    const live = await deps.progress.live(trx, a.cohort.id, moduleId, lock);
    const step = live.steps.find((s) => s.stepId === stepId) ?? abort({ kind: 'step_not_found' });
    return { ...live, step };
  }

  const conflict = (current: StepResponse | null, present: (r: StepResponse) => unknown) => abort({ kind: 'response_conflict', current: current ? present(current) : null });

  return {
    /** The caller's own response to a step (null before the first save). */
    own: (a: CohortAccess, s: SessionIdentity, moduleId: string, stepId: string) =>
      runResult(async () => {
        await stepOf(db, a, moduleId, stepId);
        const r = await responses.findOwn(db, stepId, s.userId);
        return { response: r ? presentOwnResponse(r) : null };
      }),

    /** Autosaves the caller's response; also marks the step started. */
    save: (a: CohortAccess, s: SessionIdentity, moduleId: string, stepId: string, input: { body: unknown; visibility: 'private' | 'cohort'; revision: number }) =>
      runResult(() =>
        db.transaction(async (trx) => {
          const { module: m, step } = await stepOf(trx, a, moduleId, stepId, true);
          const rule = responseRule(step.kind, step.content);
          if (!rule || (step.kind !== 'reflect' && step.kind !== 'inquiry')) return abort({ kind: 'responses_not_accepted', stepKind: step.kind });
          if (rule !== 'choice' && input.visibility !== rule) return abort({ kind: 'visibility_not_allowed', allowed: rule });
          const prepared = prepareResponseBody(step.kind, input.body);
          if (!prepared.ok) return abort({ kind: 'invalid_input', issues: prepared.issues });
          await deps.progress.requireWorkable(trx, a, s.userId, m);
          const row = { stepId, userId: s.userId, cohortId: a.cohort.id, moduleId: m.id, kind: step.kind, body: prepared.body, visibility: input.visibility };
          const existing = await responses.findOwn(trx, stepId, s.userId);
          const saved = input.revision === 0
            ? existing === null && (await responses.insertFirst(trx, row))
            : existing !== null && (await responses.updateIfRevision(trx, existing.id, input.revision, { body: prepared.body, visibility: input.visibility, editorId: s.userId }));
          if (!saved) return conflict(await responses.findOwn(trx, stepId, s.userId), presentOwnResponse);
          await deps.progressStore.upsert(trx, { userId: s.userId, stepId, cohortId: a.cohort.id, moduleId: m.id, status: 'in_progress' });
          return { response: presentOwnResponse((await responses.findOwn(trx, stepId, s.userId))!) };
        }),
      ),

    /** Others' cohort-visible responses to a step (and the caller's own shared one), oldest first. */
    shared: (a: CohortAccess, s: SessionIdentity, moduleId: string, stepId: string, page: { limit: number; cursor?: string }) =>
      runResult(async () => {
        const after = decodeCursor(page.cursor);
        await stepOf(db, a, moduleId, stepId);
        if (!modulePolicy.canReadSharedWork(a, moduleId)) return abort({ kind: 'work_hidden' });
        const rows = await responses.listShared(db, a.cohort.id, stepId, page.limit + 1, after);
        const items = rows.slice(0, page.limit);
        return { responses: items.map((r) => presentSharedResponse(r, s.userId)), nextCursor: rows.length > page.limit ? encodeCursor(items[items.length - 1]!.cursor) : null };
      }),

    /** One response by id: the caller's own, or a shared one they may read. Anything else is a 404. */
    one: (a: CohortAccess, s: SessionIdentity, moduleId: string, stepId: string, responseId: string) =>
      runResult(async () => {
        await stepOf(db, a, moduleId, stepId);
        const r = await responses.findById(db, a.cohort.id, stepId, responseId);
        if (!r) return abort({ kind: 'response_not_found' });
        if (r.userId === s.userId) return { response: presentOwnResponse(r) };
        if (r.visibility !== 'cohort' || !modulePolicy.canReadSharedWork(a, moduleId)) return abort({ kind: 'response_not_found' });
        return { response: presentSharedResponse(r, s.userId) };
      }),

    /** Saves a checkpoint's "what we agreed" record (module leads only), with the same revision check. */
    saveAgreement: (a: CohortAccess, s: SessionIdentity, moduleId: string, stepId: string, input: { text: string; revision: number }): Promise<Result<unknown>> =>
      runResult(() =>
        db.transaction(async (trx) => {
          const { module: m, step } = await stepOf(trx, a, moduleId, stepId, true);
          if (!modulePolicy.hasLeadRights(a, m.id)) return abort({ kind: 'not_module_lead' });
          if (step.kind !== 'checkpoint') return abort({ kind: 'responses_not_accepted', stepKind: step.kind });
          const closed = modulePolicy.closedReason(a);
          if (closed) return abort({ kind: 'cohort_closed', reason: closed });
          const body = prepareAgreement(input.text);
          const existing = await responses.findRecord(trx, stepId);
          const saved = input.revision === 0
            ? existing === null && (await responses.insertFirst(trx, { stepId, userId: s.userId, cohortId: a.cohort.id, moduleId: m.id, kind: 'checkpoint', body, visibility: 'cohort' }))
            : existing !== null && (await responses.updateIfRevision(trx, existing.id, input.revision, { body, visibility: 'cohort', editorId: s.userId }));
          if (!saved) return conflict(await responses.findRecord(trx, stepId), presentAgreement);
          return { agreement: presentAgreement((await responses.findRecord(trx, stepId))!) };
        }),
      ),
  };
}

/** Responses and checkpoint records. */
export type ResponsesService = ReturnType<typeof createResponsesService>;
