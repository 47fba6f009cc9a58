import type { Knex } from 'knex';
import { createCohortModulesView } from './cohortModules.store';
import { createCohortMemberStore } from './cohortMembers.store';
import { createCohortService } from './cohorts.service';
import { createCohortStore } from './cohorts.store';
import { createJoinCodeStore } from './joinCodes.store';
import { createMembersService } from './members.service';
import { createNetworkService } from './network.service';

/** Builds the cohort feature's services for one tool process. */
export function createCohorts(deps: { db: Knex; now?: () => Date }) {
  const { db } = deps;
  const store = createCohortStore(db);
  const members = createCohortMemberStore(db);
  return {
    cohorts: createCohortService({ db, store, modules: createCohortModulesView(db) }),
    network: createNetworkService({ db, cohorts: store, members, joinCodes: createJoinCodeStore(db), now: deps.now }),
    members: createMembersService({ db, members }),
  };
}

/** The cohort feature's services. */
export type Cohorts = ReturnType<typeof createCohorts>;
