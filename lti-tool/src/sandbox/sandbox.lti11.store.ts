import type { Knex } from 'knex';

/** A score the sandbox LTI 1.1 consumer received through Basic Outcomes. */
export interface SandboxOutcome {
  consumerKey: string;
  sourcedId: string;
  score: number;
  messageIdentifier: string | null;
  receivedAt: Date;
}

interface OutcomeRow {
  consumer_key: string;
  sourced_id: string;
  score: number;
  message_identifier: string | null;
  received_at: Date;
}

const toOutcome = (r: OutcomeRow): SandboxOutcome => ({
  consumerKey: r.consumer_key,
  sourcedId: r.sourced_id,
  score: Number(r.score),
  messageIdentifier: r.message_identifier,
  receivedAt: new Date(r.received_at),
});

/** The sandbox gradebook for LTI 1.1: every replaceResult it accepted, in arrival order. */
export function createSandboxOutcomeStore(db: Knex) {
  return {
    async record(o: Omit<SandboxOutcome, 'receivedAt'>): Promise<void> {
      await db.transaction((trx) =>
        trx('sandbox_outcomes').insert({ consumer_key: o.consumerKey, sourced_id: o.sourcedId, score: o.score, message_identifier: o.messageIdentifier }),
      );
    },
    async list(sourcedId?: string): Promise<SandboxOutcome[]> {
      const q = db<OutcomeRow>('sandbox_outcomes').orderBy('id', 'asc');
      if (sourcedId !== undefined) q.where({ sourced_id: sourcedId });
      return (await q).map(toOutcome);
    },
    async latest(sourcedId: string): Promise<SandboxOutcome | null> {
      const row = await db<OutcomeRow>('sandbox_outcomes').where({ sourced_id: sourcedId }).orderBy('id', 'desc').first();
      return row ? toOutcome(row) : null;
    },
  };
}

/** Data access for the sandbox's received LTI 1.1 scores. */
export type SandboxOutcomeStore = ReturnType<typeof createSandboxOutcomeStore>;
