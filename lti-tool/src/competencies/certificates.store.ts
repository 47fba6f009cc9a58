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

  /** Who holds the cohort's certificate among the active members of a course, by name. */
  async holders(db: Knex, cohortId: string, contextId: string): Promise<Array<{ userId: string; name: string | null; school: string | null; id: string; title: string; issuedAt: Date }>> {
    const rows = await db('competency_certificates as k')
      .join('memberships as m', (j) => j.on('m.user_id', 'k.user_id').andOnVal('m.context_id', contextId).andOnVal('m.status', 'active'))
      .join('users as u', 'u.id', 'k.user_id')
      .where('k.cohort_id', cohortId)
      .orderByRaw(`lower(coalesce(u.name, '')), k.user_id`)
      .select('k.id', 'k.user_id', 'k.title', 'k.issued_at', 'u.name', 'm.school');
    return rows.map((r) => ({ id: r.id, userId: r.user_id, name: r.name, school: r.school, title: r.title, issuedAt: new Date(r.issued_at) }));
  },

  /** A person's certificates from the cohorts a course takes part in, newest first. */
  async ofPerson(db: Knex, userId: string, contextId: string): Promise<Array<{ id: string; cohortId: string; cohortTitle: string; title: string; issuedAt: Date }>> {
    const rows = await db('competency_certificates as k')
      .join('cohort_contexts as cc', (j) => j.on('cc.cohort_id', 'k.cohort_id').andOnVal('cc.context_id', contextId))
      .join('cohorts as c', 'c.id', 'k.cohort_id')
      .where('k.user_id', userId)
      .orderBy([{ column: 'k.issued_at', order: 'desc' }, 'k.id'])
      .select('k.id', 'k.cohort_id', 'k.title', 'k.issued_at', 'c.title as cohort_title');
    return rows.map((r) => ({ id: r.id, cohortId: r.cohort_id, cohortTitle: r.cohort_title, title: r.title, issuedAt: new Date(r.issued_at) }));
  },

  async find(db: Knex, cohortId: string, userId: string): Promise<Certificate | null> {
    const row = await db('competency_certificates').where({ cohort_id: cohortId, user_id: userId }).first();
    return row ? toCertificate(row) : null;
  },
};
