import type { DraftNode } from './frameworkDraft';

type Node = [identifier: string, parent: string | null, kind: 'domain' | 'competency' | 'indicator', title: string, description: string, proficient?: string, exemplary?: string];

/** The built-in professional-learning framework (our own wording): five domains, their competencies and indicators. */
const NODES: Node[] = [
  ['COL', null, 'domain', 'Collaboration', 'Working with colleagues so that every student benefits from what the team knows.'],
  ['COL.1', 'COL', 'competency', 'Plans and improves teaching with colleagues', 'Shares planning, materials and the thinking behind them, and builds on colleagues’ ideas.', 'Co-plans at least one sequence a term and uses colleagues’ feedback in the plan.', 'Leads co-planning sessions and helps the team agree on shared materials.'],
  ['COL.1.a', 'COL.1', 'indicator', 'Shares a plan and asks a focused question about it', 'Makes work visible and invites specific feedback.'],
  ['COL.1.b', 'COL.1', 'indicator', 'Acts on feedback and reports back', 'Tries a suggestion and tells colleagues what happened.'],
  ['COL.2', 'COL', 'competency', 'Gives useful feedback to colleagues', 'Offers feedback that is specific, kind and linked to students’ learning.', 'Gives feedback that names evidence and a next step.', 'Coaches colleagues in giving feedback.'],
  ['EBP', null, 'domain', 'Evidence-based practice', 'Deciding what to do in class from evidence about students and about teaching.'],
  ['EBP.1', 'EBP', 'competency', 'Uses student evidence to adjust teaching', 'Collects and reads evidence of learning and changes plans because of it.', 'Adjusts at least weekly from exit tickets, work samples or data.', 'Helps the team build shared routines for reading student evidence.'],
  ['EBP.2', 'EBP', 'competency', 'Draws on research when choosing approaches', 'Looks for what is known about an approach and weighs it against the context.', 'Explains the evidence behind a chosen approach and its limits.', 'Summarises research for colleagues and tests it in a small inquiry.'],
  ['EBP.3', 'EBP', 'competency', 'Inquires into own practice', 'Runs short cycles: a question, a change, evidence, a conclusion.', 'Completes an inquiry cycle and shares what was learned.', 'Guides colleagues through inquiry cycles.'],
  ['DES', null, 'domain', 'Instructional design', 'Designing learning so that all students can reach clear goals.'],
  ['DES.1', 'DES', 'competency', 'Sets clear learning goals and success criteria', 'Students know what they are learning and how they will know they have learned it.', 'Goals and criteria are shared and used by students in most lessons.', 'Students help write success criteria and use them to give each other feedback.'],
  ['DES.2', 'DES', 'competency', 'Designs tasks that make thinking visible', 'Chooses questions and tasks that show what students understand.', 'Uses tasks that reveal misconceptions and acts on them.', 'Builds a bank of such tasks with colleagues.'],
  ['DES.3', 'DES', 'competency', 'Checks for understanding during the lesson', 'Gathers quick evidence during lessons and responds in the moment.'],
  ['EQU', null, 'domain', 'Equity', 'Making sure every student, whatever their background, has access to challenging learning.'],
  ['EQU.1', 'EQU', 'competency', 'Holds high expectations for every student', 'Plans challenge and support so that all students can reach the goal.', 'Scaffolds rather than lowers the goal for students who need support.', 'Helps colleagues spot and close gaps in opportunity.'],
  ['EQU.2', 'EQU', 'competency', 'Builds on students’ languages, cultures and experiences', 'Uses what students bring as a resource for learning.'],
  ['EQU.3', 'EQU', 'competency', 'Looks for and addresses gaps between groups', 'Examines outcomes by group and acts on what they show.'],
  ['LEA', null, 'domain', 'Leadership', 'Improving practice beyond one’s own classroom.'],
  ['LEA.1', 'LEA', 'competency', 'Leads professional learning with colleagues', 'Facilitates sessions, visits or inquiry groups that change practice.', 'Facilitates a cycle of learning for a small group.', 'Designs professional learning used across the school.'],
  ['LEA.2', 'LEA', 'competency', 'Reflects on own growth and sets goals', 'Uses evidence and feedback to set and review professional goals.'],
];

/** The starter framework's stable key, title and description. */
export const STARTER_FRAMEWORK = {
  key: 'professional-learning-v1',
  title: 'Professional learning for school staff (starter)',
  description: 'A starting point for growth through professional learning: collaboration, evidence-based practice, instructional design, equity and leadership. Copy it to your course and adapt it.',
} as const;

/** The starter framework's nodes as a draft. */
export const starterNodes = (): DraftNode[] =>
  NODES.map(([identifier, parentIdentifier, kind, title, description, proficient, exemplary]) => ({
    row: null,
    identifier,
    parentIdentifier,
    kind,
    title,
    description,
    levelDescriptions: { ...(proficient ? { Proficient: proficient } : {}), ...(exemplary ? { Exemplary: exemplary } : {}) },
  }));
