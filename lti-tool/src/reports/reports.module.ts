import type { Knex } from 'knex';
import { createReportsService } from './reports.service';
import { createReportsStore } from './reports.store';

/** The reports feature: participation and PD hours per cohort (issue 7's first reports). */
export function createReports(deps: { db: Knex }) {
  return createReportsService({ db: deps.db, store: createReportsStore(deps.db) });
}
