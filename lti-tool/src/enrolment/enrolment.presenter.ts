import type { ConnectionView } from './connection.service';
import type { LmsCheck } from './lms.adapter';
import type { KnownPerson } from './people.store';
import type { RunItem, RunRecord } from './runs.store';
import type { Preview } from './runs.service';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The connection as the admin screen shows it (the token never leaves the server). */
export function presentConnection(c: ConnectionView, check?: LmsCheck) {
  return {
    kind: c.kind,
    baseUrl: c.baseUrl,
    tokenSet: c.tokenSet,
    tokenLast4: c.tokenLast4,
    allowCreateUsers: c.allowCreateUsers,
    ...(c.kind === 'moodle' ? { studentRoleId: c.studentRoleId, teacherRoleId: c.teacherRoleId } : {}),
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
    updatedBy: c.updatedBy,
    ...(check ? { check: { lmsUserName: check.lmsUserName, siteName: check.siteName } } : {}),
  };
}

/** A run's summary. */
export function presentRun(r: RunRecord) {
  return {
    id: r.id,
    status: r.status,
    mode: r.mode,
    source: r.source,
    lms: { kind: r.lmsKind, courseId: r.lmsCourseId },
    total: r.total,
    processed: r.processed,
    counts: r.counts,
    error: r.error,
    createdBy: r.createdBy,
    createdAt: iso(r.createdAt),
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
  };
}

/** One person of a run's report; `pending` until processed. */
export function presentItem(i: RunItem) {
  return {
    position: i.position,
    row: i.row,
    email: i.email,
    name: i.name,
    school: i.school,
    role: i.role,
    outcome: i.outcome ?? 'pending',
    message: i.message,
    lmsUserId: i.lmsUserId,
    processedAt: iso(i.processedAt),
  };
}

/** The preview's per-row report. */
export function presentPreview(p: Preview) {
  return {
    ready: p.problems.length === 0 && p.target !== null,
    counts: { people: p.people.length, problems: p.problems.length },
    people: p.people.map((m) => ({ row: m.row, name: m.name, email: m.emailAsWritten, school: m.school, role: m.role })),
    problems: p.problems,
    ignoredColumns: p.ignoredColumns,
    target: p.target,
  };
}

/** Someone who can be picked. */
export function presentKnownPerson(p: KnownPerson) {
  return { userId: p.userId, name: p.name, email: p.email, school: p.school, roleHere: p.roleHere };
}
