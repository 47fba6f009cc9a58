import type { FieldIssue } from './auditions.errors';
import type { Answers, ContextInput, ProtocolInput, WorkInput } from './auditions.schema';
import type { Audition, Protocol } from './auditions.types';

/** Gives every criterion and prompt a stable id (positional when the editor sent none); duplicates are issues. */
export function normaliseProtocol(p: ProtocolInput): { protocol: Protocol; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const id = (given: string | undefined, fallback: string, field: string) => {
    const v = given ?? fallback;
    if (seen.has(v)) issues.push({ field, message: `duplicate id "${v}"` });
    seen.add(v);
    return v;
  };
  const criteria = p.criteria.map((c, i) => {
    const scores = c.levels.map((l) => l.score);
    if (new Set(scores).size !== scores.length) issues.push({ field: `protocol.criteria.${i}.levels`, message: 'each level needs its own score' });
    const competencyIds = [...new Set(c.competencyIds ?? [])];
    return { id: id(c.id, `criterion-${i + 1}`, `protocol.criteria.${i}.id`), title: c.title, description: c.description, levels: c.levels, competencyIds };
  });
  const prompts = p.prompts.map((q, i) => ({ id: id(q.id, `prompt-${i + 1}`, `protocol.prompts.${i}.id`), kind: q.kind, label: q.label, required: q.required }));
  return { protocol: { criteria, prompts }, issues };
}

/** Checks answers against the protocol; `complete` (on submit) also requires every criterion and required prompt. */
export function checkAnswers(protocol: Protocol, answers: Answers, complete: boolean, prefix = 'answers'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const criteria = new Map(protocol.criteria.map((c) => [c.id, c]));
  const prompts = new Map(protocol.prompts.map((p) => [p.id, p]));
  for (const [k, score] of Object.entries(answers.ratings)) {
    const c = criteria.get(k);
    if (!c) issues.push({ field: `${prefix}.ratings.${k}`, message: 'is not a criterion of this protocol' });
    else if (!c.levels.some((l) => l.score === score)) issues.push({ field: `${prefix}.ratings.${k}`, message: `must be one of ${c.levels.map((l) => l.score).join(', ')}` });
  }
  for (const k of Object.keys(answers.comments)) if (!prompts.has(k)) issues.push({ field: `${prefix}.comments.${k}`, message: 'is not a prompt of this protocol' });
  if (complete) {
    for (const c of protocol.criteria) if (answers.ratings[c.id] === undefined) issues.push({ field: `${prefix}.ratings.${c.id}`, message: 'choose a level' });
    for (const p of protocol.prompts) if (p.required && !(answers.comments[p.id] ?? '').trim()) issues.push({ field: `${prefix}.comments.${p.id}`, message: 'write something here' });
  }
  return issues;
}

/** Checks a version before it is submitted: only accepted parts, at least one part, and the context reviewers need. */
export function checkSubmission(a: Pick<Audition, 'acceptedParts'>, work: WorkInput, context: ContextInput, prefix = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const f = (s: string) => (prefix ? `${prefix}.${s}` : s);
  const used = { text: work.text.trim() !== '', link: work.links.length > 0, attachment: work.attachmentIds.length > 0 };
  for (const kind of ['text', 'link', 'attachment'] as const) {
    if (used[kind] && !a.acceptedParts.includes(kind)) issues.push({ field: f(`work.${kind === 'text' ? 'text' : kind === 'link' ? 'links' : 'attachmentIds'}`), message: 'this audition does not accept this kind of part' });
  }
  if (!Object.values(used).some(Boolean)) issues.push({ field: f('work'), message: 'add your work (text, a link or a file)' });
  for (const k of ['gradeLevel', 'subject', 'students', 'feedbackWanted'] as const) if (!context[k].trim()) issues.push({ field: f(`context.${k}`), message: 'reviewers need this context' });
  return issues;
}

/** A cohort competency as far as linking a criterion to it goes. */
export interface LinkableNode {
  id: string;
  ratable: boolean;
}

/**
 * Checks each criterion's competencies against the cohort's framework (`nodes` null: the cohort has none): each
 * must be a competency the cohort works on and be rated directly (a parent rolls up from its children).
 */
export function checkCriterionCompetencies(protocol: Protocol, nodes: readonly LinkableNode[] | null): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const byId = new Map((nodes ?? []).map((n) => [n.id, n]));
  protocol.criteria.forEach((c, i) =>
    (c.competencyIds ?? []).forEach((id, j) => {
      const field = `protocol.criteria.${i}.competencyIds.${j}`;
      const node = byId.get(id);
      if (!nodes) issues.push({ field, message: 'this cohort has no competency framework yet' });
      else if (!node) issues.push({ field, message: 'is not a competency of this cohort’s framework' });
      else if (!node.ratable) issues.push({ field, message: 'is rated through the competencies under it: pick one of those' });
    }),
  );
  return issues;
}

/** Every competency the criteria give evidence for. */
export const criterionCompetencyIds = (protocol: Protocol): string[] => [...new Set(protocol.criteria.flatMap((c) => c.competencyIds ?? []))];
