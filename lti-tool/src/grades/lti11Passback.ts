import type { Platform } from '../lti/platform.store';
import type { ConsumerCredentials } from '../lti11/lti11.consumer.service';
import { lti11Issuer } from '../lti11/lti11.consumer.store';
import type { OutcomeRequest, OutcomeResult } from '../lti11/lti11.outcomes';
import { PassbackError } from './grades.errors';
import type { GradesStore, PassbackAttempt } from './grades.store';

/** What grade passback needs from the LTI 1.1 adapter (lti-tool/src/lti11). */
export interface BasicOutcomesPort {
  credentialsForPlatform(platformId: string): Promise<ConsumerCredentials | null>;
  sendOutcome(req: OutcomeRequest, options?: { timeoutMs?: number }): Promise<OutcomeResult>;
}

/** Whether a platform row stands for an LTI 1.1 consumer (its scores go through Basic Outcomes). */
export const isLti11Platform = (platform: Platform): boolean => platform.issuer === lti11Issuer(platform.clientId);

/**
 * Delivers a passback of an LTI 1.1 course through Basic Outcomes (replaceResult, a 0–1 score) to the
 * gradebook cell of the person's latest launch of the passback's resource link. LTI 1.1 has one cell per
 * link and no timestamps: newest-wins ordering rests on the passback queue alone.
 */
export function createLti11Passback(deps: { port: BasicOutcomesPort | null; store: GradesStore; timeoutMs: number }) {
  return {
    /** Sends the score; returns the outcome service URL it went to. */
    async deliver(p: PassbackAttempt, platform: Platform): Promise<string> {
      if (!deps.port) throw new PassbackError('ags_unavailable', false, 'This course was launched with LTI 1.1, and LTI 1.1 is turned off on this Staffroom server (LTI11_ENABLED).');
      if (!p.resourceLinkId) {
        throw new PassbackError('no_line_item', false, 'This course uses LTI 1.1, which has one gradebook cell per course link; this score is not tied to a link. Use LTI 1.3 for per-competency columns.');
      }
      const cell = await deps.store.basicOutcomeCell(p.contextId, p.userId, p.resourceLinkId);
      if (!cell) {
        throw new PassbackError('no_line_item', false, 'The LMS gave no gradebook cell (lis_result_sourcedid) for this person and link: it is not a graded activity, or they have not opened it yet. Make the link graded in the LMS and have them open it, then retry.');
      }
      const consumer = await deps.port.credentialsForPlatform(platform.id);
      if (!consumer) throw new PassbackError('platform_missing', false, 'The LTI 1.1 consumer of this course is no longer registered.');
      const { scoreGiven, scoreMaximum } = p.payload.score;
      const result = await deps.port.sendOutcome({ serviceUrl: cell.serviceUrl, sourcedId: cell.sourcedId, score: Math.min(1, scoreGiven / scoreMaximum), consumer }, { timeoutMs: deps.timeoutMs });
      if (result.kind === 'permanent_failure') throw new PassbackError('platform_rejected', false, `The LMS refused the score (Basic Outcomes): ${result.reason}`);
      if (result.kind === 'transient_failure') throw new PassbackError('platform_unavailable', true, `Basic Outcomes: ${result.reason}`);
      return cell.serviceUrl;
    },
  };
}

/** LTI 1.1 passback delivery. */
export type Lti11Passback = ReturnType<typeof createLti11Passback>;
