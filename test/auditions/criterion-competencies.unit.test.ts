import { checkCriterionCompetencies, criterionCompetencyIds, normaliseProtocol } from '../../lti-tool/src/auditions/protocol';

const levels = [
  { score: 1, label: 'Beginning', descriptor: '' },
  { score: 2, label: 'Secure', descriptor: '' },
];
const protocolWith = (...lists: string[][]) =>
  normaliseProtocol({ criteria: lists.map((competencyIds, i) => ({ id: `c${i}`, title: `Criterion ${i}`, description: '', levels, competencyIds })), prompts: [] }).protocol;

describe('rubric criterion competencies', () => {
  it('folds duplicate ids and lists the union of every criterion’s competencies', () => {
    const p = protocolWith(['a', 'b', 'a'], ['b', 'c'], []);
    expect(p.criteria.map((c) => c.competencyIds)).toEqual([['a', 'b'], ['b', 'c'], []]);
    expect(criterionCompetencyIds(p).sort()).toEqual(['a', 'b', 'c']);
  });

  it('treats criteria stored before linking existed (no competencyIds) as linked to nothing', () => {
    const stored = { criteria: [{ id: 'old', title: 'Old', description: '', levels }], prompts: [] };
    expect(criterionCompetencyIds(stored)).toEqual([]);
    expect(checkCriterionCompetencies(stored, null)).toEqual([]);
  });

  it('names each id that is unknown, a parent, or given without a framework, by criterion and position', () => {
    const nodes = [
      { id: 'leaf', ratable: true },
      { id: 'parent', ratable: false },
    ];
    const p = protocolWith(['leaf'], ['parent', 'leaf', 'ghost']);
    expect(checkCriterionCompetencies(p, nodes)).toEqual([
      { field: 'protocol.criteria.1.competencyIds.0', message: 'is rated through the competencies under it: pick one of those' },
      { field: 'protocol.criteria.1.competencyIds.2', message: 'is not a competency of this cohort’s framework' },
    ]);
    expect(checkCriterionCompetencies(protocolWith(['leaf']), null)).toEqual([{ field: 'protocol.criteria.0.competencyIds.0', message: 'this cohort has no competency framework yet' }]);
  });
});
