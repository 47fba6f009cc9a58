/** The sensitive actions Staffroom records. Features add theirs here, so the list is the documentation. */
export const AUDIT_ACTIONS = [
  'platform.registered',
  'platform.deployment_added',
  'platform.deployment_adopted',
  'membership.role_changed',
  'competency.rated',
  'person.data_exported',
  'person.data_erased',
  'audition.review_reassigned',
] as const;

/** One kind of sensitive action. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who acted: a person (signed in via the LMS), the tool operator, the LMS itself (a launch) or Staffroom. */
export type AuditActorKind = 'person' | 'operator' | 'lms' | 'system';

/** An event to record. A tenant event names its deployment; a registration event only its platform. */
export interface AuditEntry {
  action: AuditAction;
  actorKind: AuditActorKind;
  actorUserId?: string | null;
  platformId?: string | null;
  deploymentRowId?: string | null;
  subjectType: string;
  subjectId?: string | null;
  /** Ids and settings, never names or free text about people. */
  details?: Record<string, unknown>;
}

/** A recorded event. */
export interface AuditEvent extends Required<Omit<AuditEntry, 'details'>> {
  id: string;
  occurredAt: Date;
  details: Record<string, unknown>;
}
