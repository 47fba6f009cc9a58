import { toCsv } from './csv';
import type { FeedbackHealth } from './feedback.store';
import type { GrowthData } from './growth';
import type { IMPACT_SECTIONS } from './reports.schema';
import type { FeedbackReport, HoursReport, ImpactReport, OverviewReport, ParticipationReport } from './reports.service';

/** Column headers of the CSV downloads (documented in docs/api/reports.md). */
export const PARTICIPATION_CSV = ['section', 'key', 'label', 'participants', 'started', 'completed', 'active_people', 'steps_completed', 'pd_minutes'] as const;
export const HOURS_CSV = ['user_id', 'name', 'email', 'school', 'status', 'modules_completed', 'pd_minutes', 'pd_hours', 'last_completed_at', 'estimated_minutes', 'measured_minutes'] as const;
export const FEEDBACK_CSV = [
  'section', 'audition_id', 'audition', 'submissions', 'submitters', 'reviews_submitted', 'reviewed_versions', 'awaiting_versions',
  'median_hours_to_first_feedback', 'p90_hours_to_first_feedback', 'reviews_given', 'people', 'answer', 'specific', 'supportive',
] as const;
export const GROWTH_CSV = ['section', 'competency_id', 'identifier', 'title', 'level_position', 'level_label', 'people_at_from', 'people_at_to', 'moved_up', 'moved_down', 'newly_rated'] as const;
export const OVERVIEW_CSV = ['cohort_id', 'title', 'status', 'modules', 'participants', 'started', 'completed_all', 'module_completions', 'pd_minutes', 'pd_hours'] as const;
export const IMPACT_CSV = ['section', 'key', 'label', 'value'] as const;

type Cell = string | number | null;
const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

export function participationCsv(r: ParticipationReport): string {
  return toCsv(PARTICIPATION_CSV, [
    ...r.modules.map((m) => ['module', m.moduleId, m.title, null, m.started, m.completed, null, null, m.pdMinutes]),
    ...r.schools.map((s) => ['school', s.school ?? '', s.school ?? 'Not recorded', s.participants, s.started, s.moduleCompletions, null, null, s.pdMinutes]),
    ...r.weeks.map((w) => ['week', w.weekStart, `Week of ${w.weekStart}`, null, null, w.modulesCompleted, w.activePeople, w.stepsCompleted, null]),
  ]);
}

export function hoursCsv(r: HoursReport): string {
  return toCsv(
    HOURS_CSV,
    r.people.map((p) => [p.userId, p.name, p.email, p.school, p.status, p.modulesCompleted, p.pdMinutes, hoursOf(p.pdMinutes), p.lastCompletedAt?.toISOString() ?? null, p.estimatedMinutes, p.measuredMinutes]),
  );
}

function feedbackRows(auditionId: string, title: string, h: FeedbackHealth): Cell[][] {
  const f = h.firstFeedback;
  return [
    ['summary', auditionId, title, h.submissions, h.submitters, h.reviewsSubmitted, f.reviewed, f.awaiting, f.medianHours, f.p90Hours, null, null, null, null, null],
    ...h.reviewsGiven.map((b) => ['reviews_given', auditionId, title, null, null, null, null, null, null, null, b.reviews, b.people, null, null, null]),
    ...[0, 1, 2, 3].map((i) => ['ratings', auditionId, title, null, null, null, null, null, null, null, null, null, i + 1, h.ratings.specific[i]!, h.ratings.supportive[i]!]),
  ];
}

export function feedbackCsv(r: FeedbackReport): string {
  return toCsv(FEEDBACK_CSV, [...feedbackRows('', 'All auditions', r.overall), ...r.auditions.flatMap((a) => feedbackRows(a.auditionId, a.title, a))]);
}

export function growthCsv(g: GrowthData): string {
  return toCsv(GROWTH_CSV, [
    ...g.competencies.map((c) => ['growth', c.id, c.identifier, c.title, null, null, c.ratedAtFrom, c.ratedAtTo, c.movedUp, c.movedDown, c.newlyRated]),
    ...g.competencies.flatMap((c) => g.scale.map((l) => ['heatmap', c.id, c.identifier, c.title, l.position, l.label, c.levelsAtFrom[l.position] ?? 0, c.levelsAtTo[l.position] ?? 0, null, null, null])),
  ]);
}

export function overviewCsv(r: OverviewReport): string {
  return toCsv(
    OVERVIEW_CSV,
    r.cohorts.map((c) => [c.cohortId, c.title, c.status, c.modules, c.participants, c.started, c.completedAll, c.moduleCompletions, c.pdMinutes, hoursOf(c.pdMinutes)]),
  );
}

/** The impact summary as rows of (section, key, label, value): every section, or only one. */
export function impactCsv(r: ImpactReport, only?: (typeof IMPACT_SECTIONS)[number]): string {
  const p = r.participation;
  const h = r.hours;
  const f = r.feedback;
  const sections: Record<(typeof IMPACT_SECTIONS)[number], Cell[][]> = {
    goals: [
      ['goals', 'title', 'Cohort', r.cohort.title],
      ['goals', 'description', 'Goals', r.cohort.description],
      ['goals', 'starts_on', 'Starts', r.cohort.startsOn],
      ['goals', 'ends_on', 'Ends', r.cohort.endsOn],
    ],
    participation: [
      ['participation', 'participants', 'Participants', p.participants],
      ['participation', 'started', 'Started', p.started],
      ['participation', 'completed_all', 'Completed every module', p.completedAll],
      ['participation', 'module_completions', 'Module completions', p.moduleCompletions],
      ...p.modules.flatMap((m) => [
        ['participation', `module_started:${m.moduleId}`, `${m.title}: started`, m.started],
        ['participation', `module_completed:${m.moduleId}`, `${m.title}: completed`, m.completed],
      ]),
    ],
    hours: [
      ['hours', 'pd_minutes', 'PD minutes', h.totalMinutes],
      ['hours', 'pd_hours', 'PD hours', hoursOf(h.totalMinutes)],
      ['hours', 'earners', 'People who earned PD hours', h.earners],
      ['hours', 'estimated_minutes', 'Estimated minutes of completed steps', h.estimatedMinutes],
      ['hours', 'measured_people', 'People with measured time', h.measured.people],
      ['hours', 'measured_estimated_minutes', 'Estimated minutes (people with measured time)', h.measured.estimatedMinutes],
      ['hours', 'measured_minutes', 'Measured minutes (people with measured time)', h.measured.measuredMinutes],
    ],
    feedback: [
      ['feedback', 'submissions', 'Versions submitted', f.submissions],
      ['feedback', 'submitters', 'People who submitted', f.submitters],
      ['feedback', 'reviews_submitted', 'Reviews submitted', f.reviewsSubmitted],
      ['feedback', 'reviewed_versions', 'Versions with feedback', f.firstFeedback.reviewed],
      ['feedback', 'awaiting_versions', 'Versions awaiting feedback', f.firstFeedback.awaiting],
      ['feedback', 'median_hours_to_first_feedback', 'Median hours to first feedback', f.firstFeedback.medianHours],
      ['feedback', 'p90_hours_to_first_feedback', '90th percentile hours to first feedback', f.firstFeedback.p90Hours],
      ...f.reviewsGiven.map((b) => ['feedback', `reviews_given:${b.reviews}`, `People who gave ${b.reviews} reviews`, b.people]),
      ...[0, 1, 2, 3].flatMap((i) => [
        ['feedback', `specific:${i + 1}`, `Reviews rated ${i + 1} for specific and actionable`, f.ratings.specific[i]!],
        ['feedback', `supportive:${i + 1}`, `Reviews rated ${i + 1} for supportive`, f.ratings.supportive[i]!],
      ]),
    ],
    growth: r.growth.competencies.flatMap((c) => [
      ['growth', `moved_up:${c.identifier}`, `${c.identifier} ${c.title}: moved up a level`, c.movedUp],
      ['growth', `rated:${c.identifier}`, `${c.identifier} ${c.title}: rated at the end`, c.ratedAtTo],
    ]),
    survey: [
      ['survey', 'responses', 'Survey responses', r.survey.responses],
      ...[0, 1, 2, 3].flatMap((i) => [
        ['survey', `useful:${i + 1}`, `Answered ${i + 1} to “Was this useful?”`, r.survey.useful[i] ?? 0],
        ['survey', `relevant:${i + 1}`, `Answered ${i + 1} to “Was it relevant to your work?”`, r.survey.relevant[i] ?? 0],
      ]),
      ...r.survey.suggestions.map((text) => ['survey', 'suggestion', 'What should change?', text]),
    ],
  };
  const rows = only ? sections[only] : Object.values(sections).flat();
  return toCsv(IMPACT_CSV, rows);
}
