import type { Router } from 'express';
import type { Knex } from 'knex';
import { loadCohortAccess } from '../cohorts/cohortAccess';
import type { SessionTokens } from '../lti/session';
import { completionReporter, type ScoreQueue } from './gradebook';
import { learningRoutes, myLearningLaneRoute } from './learning.routes';
import type { LaneRoute } from '../http/launchLane';
import { moduleEditorRoutes, type AccessLoader } from './moduleEditor.routes';
import { createModuleEditor } from './moduleEditor.service';
import { modulesStore } from './modules.store';
import { createMyLearningService } from './myLearning.service';
import { myLearningStore } from './myLearning.store';
import { createPlayerService } from './player.service';
import { createProgressService } from './progress.service';
import { progressStore } from './progress.store';
import { createProgressMatrixService } from './progressMatrix.service';
import { progressMatrixStore } from './progressMatrix.store';
import { createResponsesService } from './responses.service';
import { responsesStore } from './responses.store';
import { createStepTimeService } from './stepTime.service';
import { stepTimeStore } from './stepTime.store';
import { createSurveyService } from './survey.service';
import { surveyStore } from './survey.store';

/**
 * Builds the modules feature for one tool process. `scores` is grade passback (module completions of
 * modules set to report to the gradebook are enqueued in the completing transaction); without it,
 * completions are recorded and nothing is sent.
 */
export function createModules(deps: { db: Knex; scores?: ScoreQueue | null }) {
  const { db } = deps;
  const progress = createProgressService({ db, modules: modulesStore, progress: progressStore, report: completionReporter(deps.scores ?? null) });
  const services = {
    access: ((s, cohortId) => loadCohortAccess(db, s, cohortId)) as AccessLoader,
    editor: createModuleEditor({ db, store: modulesStore, progress }),
    player: createPlayerService({ db, modules: modulesStore, progressStore, responses: responsesStore, survey: surveyStore, progress }),
    progress,
    responses: createResponsesService({ db, responses: responsesStore, progressStore, progress }),
    myLearning: createMyLearningService({ db, store: myLearningStore }),
    matrix: createProgressMatrixService({ db, store: progressMatrixStore }),
    survey: createSurveyService({ db, survey: surveyStore, progress }),
    time: createStepTimeService({ db, time: stepTimeStore, progress }),
  };
  return {
    ...services,
    /** The feature's HTTP routes (editing, and learning). */
    routes(tokens: SessionTokens): Router[] {
      return [moduleEditorRoutes({ tokens, ...services }), learningRoutes({ tokens, ...services })];
    },
    /** Routes of the launch lane (http/launchLane.ts): a participant's first call after a launch. */
    laneRoutes(tokens: SessionTokens): LaneRoute[] {
      return [myLearningLaneRoute({ tokens, myLearning: services.myLearning })];
    },
  };
}

/** The modules feature. */
export type Modules = ReturnType<typeof createModules>;
