/** Staffroom's own roles, derived from LTI roles at each launch. */
export type StaffroomRole = 'admin' | 'lead' | 'participant';

type Scope = 'system' | 'institution' | 'context';

interface ParsedRole {
  scope: Scope;
  name: string;
  /** For a sub-role (`Instructor#PrimaryInstructor`, `Instructor/TeachingAssistant`), its principal role. */
  principal?: string;
}

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/';

/**
 * Parses an LTI role in any of the forms platforms send: LTI 1.3 full URIs
 * (`…/membership#Instructor`, `…/membership/Instructor#TeachingAssistant`, `…/institution/person#Administrator`),
 * short context roles (`Instructor`, as Moodle's NRPS sends), and LTI 1.1 URNs. Unknown forms yield null.
 */
export function parseRole(raw: string): ParsedRole | null {
  const role = raw.trim();
  if (role.startsWith(LIS)) {
    const rest = role.slice(LIS.length);
    const name = rest.split('#')[1];
    if (!name) return null;
    const sub = /^membership\/([A-Za-z]+)#/.exec(rest);
    if (sub) return { scope: 'context', name, principal: sub[1]! };
    if (rest.startsWith('membership')) return { scope: 'context', name };
    if (rest.startsWith('institution/person#')) return { scope: 'institution', name };
    if (rest.startsWith('system/person#')) return { scope: 'system', name };
    return null;
  }
  const urn = /^urn:lti:(role|instrole|sysrole):ims\/lis\/([A-Za-z]+)(?:\/([A-Za-z]+))?$/.exec(role);
  if (urn) {
    const scope: Scope = urn[1] === 'role' ? 'context' : urn[1] === 'instrole' ? 'institution' : 'system';
    return urn[3] ? { scope, name: urn[3], principal: urn[2]! } : { scope, name: urn[2]! };
  }
  if (/^[A-Za-z]+$/.test(role)) return { scope: 'context', name: role };
  return null;
}

const ADMIN_NAMES = new Set(['Administrator', 'SysAdmin']);
const LEAD_CONTEXT_NAMES = new Set(['Instructor', 'TeachingAssistant', 'Mentor', 'Grader']);
const isLeadName = (n: string | undefined): boolean => n !== undefined && LEAD_CONTEXT_NAMES.has(n);

/**
 * Maps LTI roles to one Staffroom role, highest first: LMS administrators (any scope) are admins;
 * instructors, TAs and mentors of the course are lead teachers; everyone else is a participant.
 * See docs/adr/0003-role-mapping.md.
 */
export function mapRoles(roles: readonly string[]): StaffroomRole {
  const parsed = roles.map(parseRole).filter((r): r is ParsedRole => r !== null);
  if (parsed.some((r) => ADMIN_NAMES.has(r.name))) return 'admin';
  // A sub-role counts as its principal role too (e.g. Instructor#PrimaryInstructor is an instructor).
  if (parsed.some((r) => r.scope === 'context' && (isLeadName(r.name) || isLeadName(r.principal)))) return 'lead';
  return 'participant';
}
