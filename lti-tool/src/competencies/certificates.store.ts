import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/** An issued certificate. */
export interface Certificate {
  id: string;
  cohortId: string;
  userId: string;
  title: string;
  competencies: Array<{ id: string; identifier: string; title: string; level: string }>;
  pdMinutes: number;
  issuedAt: Date;
}

/* eslint-disable-next-line @typescript-eslint/no-explicit-any */
const toCertificate = (r: any): Certificate => ({
  id: r.id,
  cohortId: r.cohort_id,
  userId: r.user_id,
  title: r.title,
  competencies: typeof r.competencies === 'string' ? JSON.parse(r.competencies) : r.competencies,
  pdMinutes: r.pd_minutes,
  issuedAt: new Date(r.issued_at),
});

/** Certificates: at most one per person and cohort, never withdrawn by a later rating. */
export const certificatesStore = {
  /** Issues the certificate unless the person already has one; true when issued now. */
  async issue(trx: Knex, c: Omit<Certificate, 'id' | 'issuedAt'>): Promise<boolean> {
    const rows = await trx('competency_certificates')
      .insert({ id: randomUUID(), cohort_id: c.cohortId, user_id: c.userId, title: c.title, competencies: JSON.stringify(c.competencies), pd_minutes: c.pdMinutes })
      .onConflict(['cohort_id', 'user_id'])
      .ignore()
      .returning('id');
    return rows.length > 0;
  },

  async find(db: Knex, cohortId: string, userId: string): Promise<Certificate | null> {
    const row = await db('competency_certificates').where({ cohort_id: cohortId, user_id: userId }).first();
    return row ? toCertificate(row) : null;
  },
};
