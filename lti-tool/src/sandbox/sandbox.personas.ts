const M = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';
const INST = 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#';

/** Someone the sandbox can launch as. */
export interface Persona {
  id: string;
  sub: string;
  name: string;
  givenName: string;
  familyName: string;
  email: string;
  roles: string[];
  /** What the sandbox page says about them. */
  description: string;
}

/** The seeded demo cohort: one course that everyone in the sandbox belongs to. */
export const DEMO_CONTEXT = {
  id: 'demo-pl-cohort',
  label: 'PL-DEMO',
  title: 'Demo PL cohort: learning visits',
  resourceLinkId: 'demo-staffroom-home',
} as const;

/** The people of the demo cohort. */
export const PERSONAS: readonly Persona[] = [
  { id: 'admin', sub: 'sandbox-admin-1', name: 'Morgan Ellis', givenName: 'Morgan', familyName: 'Ellis', email: 'morgan.ellis@example.edu', roles: [`${INST}Administrator`, `${M}Instructor`], description: 'District PL coordinator (LMS administrator)' },
  { id: 'lead', sub: 'sandbox-lead-1', name: 'Priya Raman', givenName: 'Priya', familyName: 'Raman', email: 'priya.raman@example.edu', roles: [`${M}Instructor`], description: 'Lead teacher, mathematics (course instructor)' },
  { id: 'teacher-1', sub: 'sandbox-teacher-1', name: 'Sam Okafor', givenName: 'Sam', familyName: 'Okafor', email: 'sam.okafor@example.edu', roles: [`${M}Learner`], description: 'Year 4 teacher, Riverside Primary' },
  { id: 'teacher-2', sub: 'sandbox-teacher-2', name: 'Lena Fischer', givenName: 'Lena', familyName: 'Fischer', email: 'lena.fischer@example.edu', roles: [`${M}Learner`], description: 'Science teacher, Hillcrest Secondary' },
  { id: 'teacher-3', sub: 'sandbox-teacher-3', name: 'Tomás Rivera', givenName: 'Tomás', familyName: 'Rivera', email: 'tomas.rivera@example.edu', roles: [`${M}Learner`], description: 'Early-career English teacher, Hillcrest Secondary' },
];

/** Finds a persona by id. */
export const findPersona = (id: string): Persona | undefined => PERSONAS.find((p) => p.id === id);
