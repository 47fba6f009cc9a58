import type { SessionIdentity } from '../lti/session';
import type { ExportStore } from './export.store';

/** One line of "who can see what": a kind of data, where it applies, and who can see it, in plain words. */
export interface VisibilityItem {
  /** Stable key of the kind of data (for tests and styling). */
  topic: 'profile' | 'progress_hours' | 'competency_ratings' | 'module_work' | 'student_files' | 'audition_work' | 'reviews_given' | 'reviews_received' | 'feedback_ratings';
  what: string;
  /** The cohort or audition the line is about; null for the whole course. */
  where: string | null;
  who: string;
}

const WORK_VISIBILITY: Record<string, string> = {
  cohort: 'You; members of the cohort see responses you choose to share with it; private reflections only you',
  leads_only: 'You, the cohort’s leads, facilitators and admins',
};

// Anonymity as each side of a review experiences it (see auditions.presenter: reviewer and author fields).
const REVIEWS_GIVEN: Record<string, string> = {
  anonymous: 'The author reads your feedback without your name; the audition’s leads and admins see that you wrote it',
  named: 'The author reads your feedback with your name; the audition’s leads and admins too',
  leads_only: 'The author reads your feedback without your name; only the audition’s leads and admins see who reviewed whom',
};
const WORK_IN_AUDITION: Record<string, string> = {
  anonymous: 'The colleagues assigned to review it (they see your name), the audition’s leads and admins',
  named: 'The colleagues assigned to review it (they see your name), the audition’s leads and admins',
  leads_only: 'The colleagues assigned to review it (without your name), the audition’s leads and admins',
};
const REVIEWS_RECEIVED: Record<string, string> = {
  anonymous: 'You (without the reviewers’ names), the audition’s leads and admins',
  named: 'You (with the reviewers’ names), the audition’s leads and admins',
  leads_only: 'You (without the reviewers’ names), the audition’s leads and admins',
};

/**
 * "Who can see what" for the caller, derived from the real settings of their cohorts (work visibility,
 * retention of student material) and of each audition there (anonymity). Other people are never named.
 */
export function createVisibilityService(deps: { store: Pick<ExportStore, 'cohorts' | 'auditionsOf'> }) {
  return {
    async forMe(session: SessionIdentity): Promise<{ items: VisibilityItem[] }> {
      const cohorts = await deps.store.cohorts(session.userId);
      const auditions = cohorts.length ? await deps.store.auditionsOf(cohorts.map((c) => String(c.id))) : [];
      const items: VisibilityItem[] = [
        { topic: 'profile', what: 'Your name and email (from your LMS)', where: null, who: 'You, and the people in your courses and cohorts' },
        { topic: 'progress_hours', what: 'Your module progress, time spent on steps and PD hours', where: null, who: 'You, your course’s leads and admins' },
        { topic: 'competency_ratings', what: 'Your competency evidence and ratings', where: null, who: 'You, your course’s leads (who rate it) and admins' },
      ];
      for (const c of cohorts) {
        const title = String(c.title);
        items.push({ topic: 'module_work', what: 'Your reflections and answers in modules', where: `Cohort “${title}”`, who: WORK_VISIBILITY[String(c.work_visibility)] ?? String(c.work_visibility) });
        const days = c.student_file_retention_days;
        items.push({
          topic: 'student_files',
          what: 'Files you mark as showing students or their work',
          where: `Cohort “${title}”`,
          who: days == null ? 'Kept until you or an admin delete them' : `Deleted automatically ${String(days)} days after upload`,
        });
        for (const a of auditions.filter((x) => x.cohort_id === c.id)) {
          const where = `Audition “${String(a.title)}”`;
          const anonymity = String(a.anonymity);
          items.push({ topic: 'audition_work', what: 'Your work, its files and classroom context', where, who: WORK_IN_AUDITION[anonymity] ?? anonymity });
          items.push({ topic: 'reviews_given', what: 'Feedback you give colleagues', where, who: REVIEWS_GIVEN[anonymity] ?? anonymity });
          items.push({ topic: 'reviews_received', what: 'Feedback you receive', where, who: REVIEWS_RECEIVED[anonymity] ?? anonymity });
          items.push({ topic: 'feedback_ratings', what: 'How authors rate your feedback (specific, supportive)', where, who: 'You, the audition’s leads and admins; the author who rated it' });
        }
      }
      return { items };
    },
  };
}

/** "Who can see what". */
export type VisibilityService = ReturnType<typeof createVisibilityService>;
