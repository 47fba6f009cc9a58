/** The audit actions the API records (docs/api/reports.md), with what each means in plain words. */
export const ACTION_LABELS = {
  'platform.registered': 'LMS registration',
  'platform.deployment_added': 'Deployment added',
  'platform.deployment_adopted': 'Deployment adopted',
  'membership.role_changed': 'Role changed',
  'competency.rated': 'Competency rated',
  'person.data_exported': 'Personal data exported',
  'person.data_erased': 'Personal data erased',
  'audition.review_reassigned': 'Peer review reassigned'
} as const

/** One audit action. */
export type AuditAction = keyof typeof ACTION_LABELS

/** An event of `GET /api/audit`. Events hold ids, never names. */
export interface AuditEvent {
  id: string
  occurredAt: string
  action: string
  actor: { kind: 'person' | 'operator' | 'lms' | 'system'; userId: string | null }
  subject: { type: string; id: string | null }
  details: Record<string, unknown>
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : null)

/** What happened, in a sentence a school leader can read. */
export function describeAction(e: AuditEvent): string {
  const d = e.details
  switch (e.action) {
    case 'platform.registered':
      return d.dynamic ? 'The LMS registered Staffroom through dynamic registration.' : 'Staffroom was registered with the LMS.'
    case 'platform.deployment_added':
      return `A deployment${str(d.deploymentId) ? ` (${str(d.deploymentId)})` : ''} was added to the LMS registration, so launches from it are accepted.`
    case 'platform.deployment_adopted':
      return `A new deployment${str(d.deploymentId) ? ` (${str(d.deploymentId)})` : ''} was accepted on its first signed launch.`
    case 'membership.role_changed':
      return str(d.from) && str(d.to) ? `A person’s role changed from ${str(d.from)} to ${str(d.to)}.` : 'A person’s role in the course changed.'
    case 'competency.rated':
      return 'A lead teacher rated a person’s competency.'
    case 'person.data_exported':
      return 'A person downloaded an export of their own data.'
    case 'person.data_erased':
      return 'A person’s personal data was erased on request.'
    case 'audition.review_reassigned':
      return 'A peer review of an audition was given to another reviewer.'
    default:
      return `Recorded action: ${e.action}.`
  }
}

/** Who acted, without names (the log keeps ids only). */
export function describeActor(actor: AuditEvent['actor']): string {
  switch (actor.kind) {
    case 'person':
      return actor.userId ? `A person in the course (user ${actor.userId.slice(0, 8)})` : 'A person in the course'
    case 'operator':
      return 'The Staffroom operator'
    case 'lms':
      return 'The LMS'
    case 'system':
      return 'Staffroom (automatic)'
  }
}
