import { Router, type RequestHandler } from 'express';
import type { Knex } from 'knex';
import type { JobDefinition } from '../jobs/jobDefinitions';
import type { SessionTokens } from '../lti/session';
import type { SigningKey } from '../lti/toolKeys.service';
import type { ScoreQueue } from '../modules/gradebook';
import { createCertificateService } from './certificates.service';
import { cohortCompetencyRoutes } from './cohortCompetencies.routes';
import { createCohortCompetencyService } from './cohortCompetencies.service';
import { cohortCompetenciesStore } from './cohortCompetencies.store';
import { createEvidenceService } from './evidence.service';
import { evidenceStore } from './evidence.store';
import { frameworkImportRoutes, frameworkRoutes } from './frameworks.routes';
import { createFrameworkService } from './frameworks.service';
import { frameworksStore } from './frameworks.store';
import { createRatingsService } from './ratings.service';
import { ratingsStore } from './ratings.store';
import { syncResponseEvidence } from './responseEvidence.store';
import { installStarterFramework } from './starterFramework';
import { createCompetencyViews } from './views.service';

export { recordEvidence, type AutomaticEvidence } from './evidence.record';

/** The queue of the sweep that turns linked module responses into evidence. */
export const RESPONSE_EVIDENCE_QUEUE = 'competency-response-evidence';

/**
 * Builds the competency feature (issue 6) for one tool process. `scores` is grade passback (mastery of
 * competencies a cohort reports is enqueued in the rating's transaction); `signingKey` signs certificates.
 */
export function createCompetencies(deps: { db: Knex; scores?: ScoreQueue | null; publicUrl: string; signingKey: () => Promise<SigningKey> }) {
  const { db } = deps;
  const ratings = createRatingsService({ db, ratings: ratingsStore, evidence: evidenceStore, scores: deps.scores ?? null });
  const services = {
    frameworks: createFrameworkService({ db, store: frameworksStore }),
    cohortCompetencies: createCohortCompetencyService({ db, store: cohortCompetenciesStore, frameworks: frameworksStore, ratings }),
    evidence: createEvidenceService({ db, store: evidenceStore }),
    ratings,
    views: createCompetencyViews({ db, ratings: ratingsStore, evidence: evidenceStore, ratingsService: ratings }),
    certificates: createCertificateService({ db, publicUrl: deps.publicUrl, signingKey: deps.signingKey }),
  };
  // The built-in starter framework is installed on first use of the frameworks API (idempotent, locked).
  let starter: Promise<string> | null = null;
  const ensureStarter = (): Promise<string> => (starter ??= installStarterFramework(db).catch((e: unknown) => ((starter = null), Promise.reject(e))));
  const starterReady: RequestHandler = (_req, _res, next) => void ensureStarter().then(() => next(), next);
  return {
    ...services,
    ensureStarter,
    /** Import routes: mount before the app's JSON parser (they read bodies up to 5 MB). */
    importRoutes(tokens: SessionTokens): Router {
      return frameworkImportRoutes({ tokens, frameworks: services.frameworks });
    },
    /** Module reflections and inquiry entries → evidence, every minute (the modules feature has no save hook). */
    jobDefinitions(): JobDefinition[] {
      return [
        {
          queue: { name: RESPONSE_EVIDENCE_QUEUE, retryLimit: 0, retryDelaySeconds: 60, retryBackoff: false, expireInSeconds: 300 },
          schedule: { cron: '* * * * *' },
          handle: async () => void (await syncResponseEvidence(db)),
        },
      ];
    },
    /** Every other competency route. */
    routes(tokens: SessionTokens): Router {
      const router = Router();
      router.use('/api/competency-frameworks', starterReady);
      router.use(frameworkRoutes({ tokens, frameworks: services.frameworks, publicUrl: deps.publicUrl }));
      router.use(cohortCompetencyRoutes({ tokens, ...services }));
      return router;
    },
  };
}

/** The competency feature. */
export type Competencies = ReturnType<typeof createCompetencies>;
