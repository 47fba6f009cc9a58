import { DEFAULT_SCALE } from './defaultScale';
import { readCasePackage } from './frameworkCase';
import { csvTemplate, readFrameworkCsv } from './frameworkCsv';
import { draftIssues, parentsFirst, type DraftNode, type FrameworkDraft } from './frameworkDraft';

const node = (identifier: string, parentIdentifier: string | null, kind: string, row: number | null = null): DraftNode => ({ row, identifier, parentIdentifier, kind, title: identifier, description: '', levelDescriptions: {} });
const draft = (nodes: DraftNode[]): FrameworkDraft => ({ title: 'T', description: '', scale: DEFAULT_SCALE.map((l) => ({ ...l })), nodes });

describe('framework drafts', () => {
  it('accepts a well-formed tree', () => {
    expect(draftIssues(draft([node('D', null, 'domain'), node('C', 'D', 'competency'), node('I', 'C', 'indicator'), node('Top', null, 'competency')]))).toEqual([]);
  });

  it('reports a loop once, naming its path', () => {
    const issues = draftIssues(draft([node('A', 'C', 'competency', 2), node('B', 'A', 'competency', 3), node('C', 'B', 'competency', 4)]));
    expect(issues.filter((i) => i.message.startsWith('loop'))).toEqual([{ row: 2, field: 'parent_identifier', message: 'loop in the tree: A → C → B → A' }]);
  });

  it('orders parents before children whatever the file order', () => {
    expect(parentsFirst([node('I', 'C', 'indicator'), node('C', 'D', 'competency'), node('D', null, 'domain')]).map((n) => n.identifier)).toEqual(['D', 'C', 'I']);
  });
});

describe('CSV reading', () => {
  it('reads the template into the default scale and a three-level tree', () => {
    const { draft: d, issues, readable } = readFrameworkCsv(csvTemplate(), { title: 'T', description: '' });
    expect({ issues, readable }).toEqual({ issues: [], readable: true });
    expect(d.scale.map((l) => [l.label, l.points, l.countsAsProficient])).toEqual([
      ['Beginning', 1, false],
      ['Developing', 2, false],
      ['Proficient', 3, true],
      ['Exemplary', 4, true],
    ]);
    expect(d.nodes.map((n) => [n.identifier, n.parentIdentifier, n.kind])).toEqual([
      ['COL', null, 'domain'],
      ['COL.1', 'COL', 'competency'],
      ['COL.1.a', 'COL.1', 'indicator'],
    ]);
    expect(d.nodes[1]!.levelDescriptions).toEqual({ Proficient: 'Co-plans a unit each term.' });
  });

  it('reports unreadable CSV (an unclosed quote) with its line', () => {
    const { issues, readable } = readFrameworkCsv('kind,identifier\n"domain,D\n', { title: 'T', description: '' });
    expect(readable).toBe(false);
    expect(issues[0]).toMatchObject({ field: 'file' });
  });
});

describe('CASE reading', () => {
  it('takes kinds from CFItemType, else from depth, and orders siblings by sequenceNumber', () => {
    const { draft: d, issues } = readCasePackage({
      CFDocument: { identifier: 'doc', title: 'Doc' },
      CFItems: [
        { identifier: 'i2', fullStatement: 'Second', humanCodingScheme: 'A.2' },
        { identifier: 'i1', fullStatement: 'First', humanCodingScheme: 'A.1' },
        { identifier: 'a', fullStatement: 'Area', humanCodingScheme: 'A', CFItemType: 'Domain' },
      ],
      CFAssociations: [
        { associationType: 'isChildOf', originNodeURI: { identifier: 'i2' }, destinationNodeURI: { identifier: 'a' }, sequenceNumber: 2 },
        { associationType: 'isChildOf', originNodeURI: { identifier: 'i1' }, destinationNodeURI: { identifier: 'a' }, sequenceNumber: 1 },
        { associationType: 'isChildOf', originNodeURI: { identifier: 'a' }, destinationNodeURI: { identifier: 'doc' }, sequenceNumber: 0 },
      ],
    });
    expect(issues).toEqual([]);
    expect(d.nodes.map((n) => [n.identifier, n.parentIdentifier, n.kind])).toEqual([
      ['A', null, 'domain'],
      ['A.1', 'A', 'competency'],
      ['A.2', 'A', 'competency'],
    ]);
    expect(draftIssues(d)).toEqual([]);
  });

  it('reports an item with two parents', () => {
    const { issues } = readCasePackage({
      CFDocument: { identifier: 'doc', title: 'Doc' },
      CFItems: [{ identifier: 'x', fullStatement: 'X' }],
      CFAssociations: [
        { associationType: 'isChildOf', originNodeURI: { identifier: 'x' }, destinationNodeURI: { identifier: 'doc' } },
        { associationType: 'isChildOf', originNodeURI: { identifier: 'x' }, destinationNodeURI: { identifier: 'doc' } },
      ],
    });
    expect(issues).toEqual([{ row: 2, field: 'CFAssociations.1', message: 'item “x” has more than one parent' }]);
  });
});
