import type { ListInput } from './enrolment.schema';
import type { EnrolmentResult } from './enrolment.failures';
import type { PeopleStore, SessionContext } from './people.store';
import { parseStaffList, type RowProblem, type StaffListReport, type StaffMember } from './staffList';

/**
 * Turns what an admin sent into a checked list: a CSV is parsed row by row; picked people must be
 * known in this deployment and have an email (the LMS finds people by email).
 */
export async function readStaffInput(people: PeopleStore, ctx: SessionContext, input: ListInput): Promise<EnrolmentResult<StaffListReport>> {
  if ('csv' in input) {
    const parsed = parseStaffList(input.csv);
    return parsed.ok ? parsed : { ok: false, error: { kind: 'staff_list', error: parsed.error } };
  }
  const known = new Map((await people.knownPeople(ctx, input.userIds)).map((p) => [p.userId, p]));
  const members: StaffMember[] = [];
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  for (const userId of input.userIds) {
    const p = known.get(userId);
    if (!p) {
      problems.push({ row: null, userId, field: 'userId', problem: 'unknown_person', message: 'Staffroom does not know this person in your courses.' });
      continue;
    }
    const email = p.email?.trim().toLowerCase();
    if (!email) {
      problems.push({ row: null, userId, field: 'email', problem: 'missing_email', message: `The LMS has not shared an email for ${p.name ?? 'this person'}, so the LMS cannot find them; use a CSV instead.` });
      continue;
    }
    if (seen.has(email)) {
      problems.push({ row: null, userId, field: 'email', problem: 'duplicate_email', message: 'Another picked person has the same email.' });
      continue;
    }
    seen.add(email);
    const role = input.role ?? (p.roleHere === 'lead' ? 'lead' : 'teacher');
    members.push({ row: null, email, emailAsWritten: p.email!.trim(), name: p.name?.trim() || email, school: p.school, role });
  }
  return { ok: true, value: { people: members, problems, ignoredColumns: [] } };
}
