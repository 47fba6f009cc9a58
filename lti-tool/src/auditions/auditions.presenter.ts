import type { Audition, Protocol, Review, Submission, Version } from './auditions.types';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The protocol as shown: every criterion with its competency list (criteria stored before linking existed have none). */
const presentProtocol = (p: Protocol): Protocol => ({ ...p, criteria: p.criteria.map((c) => ({ ...c, competencyIds: c.competencyIds ?? [] })) });

/** An audition's settings; the lead's calibration answers only for leads. */
export function presentAudition(a: Audition, lead: boolean) {
  return {
    id: a.id,
    cohortId: a.cohortId,
    moduleId: a.moduleId,
    stepId: a.stepId,
    title: a.title,
    prompt: a.prompt,
    acceptedParts: a.acceptedParts,
    protocol: presentProtocol(a.protocol),
    reviewersPerSubmission: a.reviewersPerSubmission,
    anonymity: a.anonymity,
    mode: a.mode,
    deadline: iso(a.deadline),
    reviewDueDays: a.reviewDueDays,
    reassignAfterDays: a.reassignAfterDays,
    excludeSameSchool: a.excludeSameSchool,
    competencyIds: a.competencyIds,
    hasCalibration: a.calibration !== null,
    ...(lead ? { calibration: a.calibration, allocatedAt: iso(a.allocatedAt) } : {}),
    canManage: lead,
  };
}

/** A submitted version as shown; `id` is what competency evidence of it refers to (its source id). */
export const presentVersion = (v: Version) => ({ id: v.id, number: v.number, work: v.work, context: v.context, whatChanged: v.whatChanged, submittedAt: v.createdAt.toISOString() });

/**
 * A review as its author sees it: the feedback and their rating. Reviewer identity only in `named` auditions;
 * no reviewer id, due date or assignment history in any mode (those would tell reviewers apart).
 */
export function presentReviewForAuthor(r: Review, a: Audition) {
  return {
    id: r.id,
    versionNumber: r.versionNumber,
    kind: r.kind,
    submittedAt: iso(r.submittedAt),
    answers: r.answers,
    reviewer: a.anonymity === 'named' ? { name: r.reviewerName } : null,
    rating: r.rating ? { specific: r.rating.specific, supportive: r.rating.supportive, thanks: r.rating.thanks } : null,
  };
}

/** The author's own submission: draft, versions, feedback received and review progress. */
export function presentOwnSubmission(s: Submission, versions: Version[], reviews: Review[], a: Audition) {
  const live = reviews.filter((r) => r.status === 'assigned' || r.status === 'submitted');
  const current = versions.find((v) => v.number === s.currentVersion);
  return {
    id: s.id,
    status: s.status,
    draft: s.draft,
    revision: s.draftRevision,
    submittedRevision: s.submittedRevision,
    currentVersion: s.currentVersion,
    versions: versions.map(presentVersion),
    progress: current ? { reviewers: live.filter((r) => r.versionId === current.id).length, done: live.filter((r) => r.versionId === current.id && r.status === 'submitted').length, wanted: a.reviewersPerSubmission } : null,
    feedback: reviews
      .filter((r) => r.status === 'submitted')
      .sort((x, y) => x.submittedAt!.getTime() - y.submittedAt!.getTime() || x.id.localeCompare(y.id))
      .map((r) => presentReviewForAuthor(r, a)),
  };
}

/** The answer to submitting version 1: the only version, `assigned` live reviewers on it, no feedback yet. */
export function presentFirstVersion(s: Submission, v: Version, assigned: number, a: Audition) {
  const out = presentOwnSubmission(s, [v], [], a);
  return { ...out, progress: { reviewers: assigned, done: 0, wanted: a.reviewersPerSubmission } };
}

/** A review as its reviewer sees it: the context first, then the work, then the protocol and their answers. */
export function presentReviewForReviewer(r: Review, s: Submission, v: Version, previous: Version | null, a: Audition) {
  return {
    id: r.id,
    auditionId: a.id,
    auditionTitle: a.title,
    prompt: a.prompt,
    kind: r.kind,
    status: r.status,
    dueAt: r.dueAt.toISOString(),
    versionNumber: v.number,
    author: a.anonymity === 'leads_only' ? null : { name: s.authorName },
    context: v.context,
    work: v.work,
    whatChanged: v.whatChanged,
    previousVersion: previous ? presentVersion(previous) : null,
    protocol: a.protocol,
    draft: r.draft,
    revision: r.draftRevision,
    answers: r.answers,
  };
}

/** A review as a lead sees it: everything, names included. */
export function presentReviewForLead(r: Review) {
  return {
    id: r.id,
    versionNumber: r.versionNumber,
    kind: r.kind,
    status: r.status,
    closedReason: r.closedReason,
    reviewer: { id: r.reviewerId, name: r.reviewerName },
    assignedBy: r.assignedBy,
    assignedAt: r.assignedAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
    submittedAt: iso(r.submittedAt),
    closedAt: iso(r.closedAt),
    answers: r.answers,
    rating: r.rating ? { specific: r.rating.specific, supportive: r.rating.supportive, thanks: r.rating.thanks } : null,
  };
}
