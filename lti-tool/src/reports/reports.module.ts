import type { Knex } from 'knex';
import { createFeedbackStore } from './feedback.store';
import { createReportsService } from './reports.service';
import { createReportsStore } from './reports.store';

/** The reports feature: participation, PD hours, feedback health, competency growth, the impact summary and the tenant overview (issue 7). */
export function createReports(deps: { db: Knex }) {
  return createReportsService({ db: deps.db, store: createReportsStore(deps.db), feedback: createFeedbackStore(deps.db) });
}
