type Row = Record<string, unknown>;

const ANONYMITY: Record<string, string> = {
  anonymous: 'reviewers and authors do not see each other\'s names; leads and admins do',
  named: 'authors see their reviewers\' names and reviewers see the author\'s name',
  leads_only: 'only leads and admins see who reviewed whom; reviewers do not see the author\'s name',
};

const VISIBILITY: Record<string, string> = {
  cohort: 'responses you share with the cohort are visible to its members; private reflections only to you',
  leads_only: 'your work is visible to you, the cohort\'s leads, facilitators and admins only',
};

/** README.txt of an export: what each file holds and, from the cohort settings, who can see what. */
export function exportReadme(o: { cohorts: Row[]; auditions: Row[]; fileCount: number }): string {
  const lines = [
    'Your Staffroom data',
    '===================',
    '',
    'Files in this archive (JSON, UTF-8; times in UTC):',
    '  profile.json                            your name, email and LMS identifier as Staffroom received them',
    '  memberships.json                        the courses you are a member of, your role and school',
    '  modules/progress.json                   your progress through each module step',
    '  modules/responses.json                  your reflections, inquiry and checkpoint answers (all revisions kept)',
    '  modules/survey-answers.json             your end-of-module survey answers (leads and admins see them only as totals)',
    '  modules/time-on-task.json               seconds you had each step open and visible (capped)',
    '  pd-hours.json                           completed modules and the PD minutes/hours they earned',
    '  auditions/submissions.json              your audition submissions and drafts',
    '  auditions/versions.json                 every version you submitted (work, classroom context, what changed)',
    '  auditions/reviews-given.json            feedback you wrote for colleagues, in your own words',
    '  auditions/reviews-received.json         feedback you received; reviewer names only where the audition is named',
    '  auditions/feedback-ratings-*.json       "feedback on feedback" you gave and received (without the other person)',
    '  auditions/calibrations.json             your calibration answers',
    '  competencies/*.json                     your evidence, review requests, ratings received and given, mastery, certificates',
    '  notifications.json                      notifications Staffroom sent you',
    `  files.json and files/                   the ${o.fileCount} file(s) you uploaded, as uploaded`,
    '',
    'Who can see what',
    '----------------',
    'You always see your own data. Admins of your course see your membership, progress, PD hours and ratings.',
    'Leads rate competencies from your evidence and see your evidence and ratings.',
  ];
  if (o.cohorts.length === 0) lines.push('', 'You are not in any cohort.');
  for (const c of o.cohorts) {
    lines.push('', `Cohort "${String(c.title)}":`, `  - ${VISIBILITY[String(c.work_visibility)] ?? String(c.work_visibility)}`);
    const days = c.student_file_retention_days;
    lines.push(days == null ? '  - files marked as student material are kept until deleted' : `  - files marked as student material are deleted ${String(days)} days after upload`);
    for (const a of o.auditions.filter((x) => x.cohort_id === c.id)) lines.push(`  - audition "${String(a.title)}": ${ANONYMITY[String(a.anonymity)] ?? String(a.anonymity)}`);
  }
  lines.push('', 'Ask an admin of your course to erase your personal data; your reviews of others then stay, anonymised.', '');
  return lines.join('\n');
}
