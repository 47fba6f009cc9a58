import type { Knex } from 'knex';
import { hasModuleLeadRights, loadCohortAccess } from '../cohorts/cohortAccess';
import { cohortCompetenciesStore } from '../competencies/cohortCompetencies.store';
import type { SessionIdentity } from '../lti/session';
import { loadAudition, requireLead, requireOpen } from './auditionAccess';
import { abort, type FieldIssue } from './auditions.errors';
import { presentAudition } from './auditions.presenter';
import type { CreateAuditionInput, UpdateAuditionInput } from './auditions.schema';
import type { AuditionFields, AuditionsStore } from './auditions.store';
import type { Audition } from './auditions.types';
import { checkAnswers, checkCriterionCompetencies, checkSubmission, criterionCompetencyIds, normaliseProtocol } from './protocol';
import type { SubmissionsStore } from './submissions.store';

/** Checks settings as a whole (protocol ids, fixed-mode deadline, calibration example) and stores them in domain form. */
function prepare(input: Omit<CreateAuditionInput, 'moduleId'>, moduleId: string): Omit<AuditionFields, never> {
  const { protocol, issues } = normaliseProtocol(input.protocol);
  const all: FieldIssue[] = [...issues];
  if (input.mode === 'fixed' && !input.deadline) all.push({ field: 'deadline', message: 'a fixed-deadline audition needs a deadline' });
  if (input.calibration) {
    all.push(...checkAnswers(protocol, input.calibration.answers, true, 'calibration.answers'));
    all.push(...checkSubmission({ acceptedParts: input.acceptedParts }, input.calibration.work, input.calibration.context, 'calibration'));
  }
  if (all.length) abort({ kind: 'invalid_input', issues: all });
  return { ...input, moduleId, protocol, deadline: input.deadline ? new Date(input.deadline) : null };
}

/** 422 unless every competency a criterion names is one the cohort's framework rates directly (read in `db`, the caller's transaction). */
async function requireLinkableCriteria(db: Knex, cohortId: string, fields: AuditionFields): Promise<void> {
  if (criterionCompetencyIds(fields.protocol).length === 0) return;
  const framework = await cohortCompetenciesStore.cohortFramework(db, cohortId);
  const issues = checkCriterionCompetencies(fields.protocol, framework?.nodes ?? null);
  if (issues.length) abort({ kind: 'criterion_competency_invalid', issues });
}

/** Setting auditions up (admins, leads and the module's facilitators) and listing them (everyone in the cohort). */
export function createSetupService(deps: { db: Knex; auditions: AuditionsStore; submissions: SubmissionsStore }) {
  const { db, auditions } = deps;
  return {
    async create(s: SessionIdentity, cohortId: string, input: CreateAuditionInput) {
      const access = await loadCohortAccess(db, s, cohortId);
      if (!(await auditions.moduleInCohort(db, cohortId, input.moduleId))) return abort({ kind: 'module_not_found' });
      if (!hasModuleLeadRights(access, input.moduleId)) return abort({ kind: 'not_audition_lead' });
      requireOpen(access);
      const { moduleId, ...rest } = input;
      const fields = prepare(rest, moduleId);
      const created = await db.transaction(async (trx) => {
        await requireLinkableCriteria(trx, cohortId, fields);
        return auditions.insert(trx, cohortId, s.userId, fields);
      });
      return { audition: presentAudition(created, true) };
    },

    async update(s: SessionIdentity, cohortId: string, auditionId: string, input: UpdateAuditionInput) {
      return db.transaction(async (trx) => {
        const scope = await loadAudition(trx, auditions, s, cohortId, auditionId, true);
        requireLead(scope);
        requireOpen(scope.access);
        const a = scope.audition;
        if (input.anonymity && input.anonymity !== a.anonymity && (await trx('audition_reviews').where({ audition_id: a.id }).first('id'))) return abort({ kind: 'anonymity_locked' });
        const merged = { ...a, ...input, protocol: input.protocol ?? { criteria: a.protocol.criteria, prompts: a.protocol.prompts }, deadline: input.deadline === undefined ? a.deadline?.toISOString() ?? null : input.deadline };
        const fields = prepare(merged as Omit<CreateAuditionInput, 'moduleId'>, a.moduleId);
        // Only a protocol sent now is checked: a framework changed since must not block editing the title.
        if (input.protocol) await requireLinkableCriteria(trx, a.cohortId, fields);
        const updated: Audition = await auditions.update(trx, a.id, fields);
        return { audition: presentAudition(updated, true) };
      });
    },

    async get(s: SessionIdentity, cohortId: string, auditionId: string) {
      const scope = await loadAudition(db, auditions, s, cohortId, auditionId);
      return { audition: presentAudition(scope.audition, scope.lead) };
    },

    /** The cohort's auditions, each with the caller's own submission status. */
    async list(s: SessionIdentity, cohortId: string) {
      const access = await loadCohortAccess(db, s, cohortId);
      const list = await auditions.listInCohort(db, cohortId);
      const out = [];
      for (const a of list) {
        const mine = await deps.submissions.findOwn(db, a.id, s.userId);
        const lead = hasModuleLeadRights(access, a.moduleId);
        out.push({ ...presentAudition(a, lead), mySubmission: mine ? { status: mine.status, currentVersion: mine.currentVersion } : null });
      }
      return { auditions: out };
    },
  };
}

/** Audition set-up. */
export type SetupService = ReturnType<typeof createSetupService>;
