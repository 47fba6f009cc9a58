import { startTestTool, type TestTool } from '../helpers/testTool';
import { buildFramework, call, courseWithCohort, getText, upload, type Who } from './competencyFlow';

jest.setTimeout(300_000);

const HEADER = 'kind,identifier,parent_identifier,title,description,points,counts_as_proficient,level:Proficient';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';
const shape = (f: { scale: unknown[]; competencies: Array<Record<string, unknown>> }) => ({
  scale: f.scale,
  nodes: f.competencies.map((c) => ({
    identifier: c.identifier,
    parent: f.competencies.find((p) => p.id === c.parentId)?.identifier ?? null,
    kind: c.kind,
    title: c.title,
    description: c.description,
    levelDescriptions: c.levelDescriptions,
    position: c.position,
  })),
});

describe('framework import and export (CSV, 1EdTech CASE)', () => {
  let tool: TestTool;
  let admin: Who;
  let lead: Who;
  const count = async () => Number((await tool.db('competency_frameworks').count('* as n').first())!.n);

  beforeAll(async () => {
    tool = await startTestTool();
    ({ admin, lead } = await courseWithCohort(tool, 'import-course'));
  });
  afterAll(() => tool.stop());

  it('serves a CSV template that imports as it is (201)', async () => {
    const template = await getText(tool, '/api/competency-frameworks/csv-template', lead);
    expect(template.status).toBe(200);
    expect(template.type).toContain('text/csv');
    expect(template.text.split('\n')[0]).toBe('kind,identifier,parent_identifier,title,description,points,counts_as_proficient,level:Beginning,level:Developing,level:Proficient,level:Exemplary');
    const imported = await upload(tool, '/api/competency-frameworks/import/csv?title=From%20template', admin, template.text, 'text/csv');
    expect(imported.status).toBe(201);
    expect(imported.body.competencies.map((c: { identifier: string }) => c.identifier)).toEqual(['COL', 'COL.1', 'COL.1.a']);
  });

  it('round-trips a framework through CSV export and import unchanged', async () => {
    const { frameworkId } = await buildFramework(tool, admin, 'Round trip CSV');
    const original = await call(tool, 'GET', `/api/competency-frameworks/${frameworkId}`, admin);
    const exported = await getText(tool, `/api/competency-frameworks/${frameworkId}/export.csv`, admin);
    expect(exported.status).toBe(200);
    const again = await upload(tool, '/api/competency-frameworks/import/csv?title=Round%20trip%20CSV', admin, exported.text, 'text/csv');
    expect(again.status).toBe(201);
    expect(shape(again.body)).toEqual(shape(original.body));
  });

  it('round-trips a framework with a custom scale through CASE JSON (CFDocument, CFItems, isChildOf CFAssociations)', async () => {
    const custom = await call(tool, 'POST', '/api/competency-frameworks', admin, {
      title: 'Round trip CASE',
      description: 'With its own scale',
      scale: [
        { label: 'Emerging', points: 1, countsAsProficient: false, description: 'Just starting' },
        { label: 'Secure', points: 5, countsAsProficient: true, description: 'Reliable' },
      ],
    });
    const id = custom.body.id as string;
    const d = await call(tool, 'POST', `/api/competency-frameworks/${id}/competencies`, admin, { kind: 'domain', identifier: 'A', title: 'Alpha' });
    await call(tool, 'POST', `/api/competency-frameworks/${id}/competencies`, admin, { parentId: d.body.competencyId, kind: 'competency', identifier: 'A.1', title: 'Alpha one', description: 'Long statement', levelDescriptions: { Secure: 'Does it well' } });
    const original = await call(tool, 'GET', `/api/competency-frameworks/${id}`, admin);
    const exported = await call(tool, 'GET', `/api/competency-frameworks/${id}/export.case.json`, admin);
    expect(exported.body.CFDocument).toMatchObject({ identifier: id, title: 'Round trip CASE' });
    expect(exported.body.CFItems.map((i: { humanCodingScheme: string }) => i.humanCodingScheme)).toEqual(['A', 'A.1']);
    expect(exported.body.CFAssociations.map((a: { associationType: string; destinationNodeURI: { identifier: string } }) => [a.associationType, a.destinationNodeURI.identifier])).toEqual([
      ['isChildOf', id],
      ['isChildOf', exported.body.CFItems[0].identifier],
    ]);
    const again = await upload(tool, '/api/competency-frameworks/import/case', admin, JSON.stringify(exported.body), 'application/json');
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ title: 'Round trip CASE', description: 'With its own scale', caseIdentifier: id });
    expect(shape(again.body)).toEqual(shape(original.body));
  });

  it('rejects a CSV with bad rows as a whole (422 import_invalid), reporting every bad row and why, and saves nothing', async () => {
    const before = await count();
    const res = await upload(
      tool,
      '/api/competency-frameworks/import/csv',
      admin,
      csv(
        'domain,D,,Domain,,,,',
        'competency,D.1,D,Good,,,,',
        'competency,D.1,D,Duplicate,,,,',
        'indicator,I,D,Indicator under a domain,,,,',
        'competency,X,NOPE,Unknown parent,,,,',
        'gizmo,G,,Bad kind,,,,',
        'competency,T,D,,,,,',
        'competency,short',
      ),
      'text/csv',
    );
    expect(res.status).toBe(422);
    expect(res.body.error.id).toBe('import_invalid');
    expect(res.body.error.details.issues).toEqual([
      { row: 4, field: 'identifier', message: 'duplicate identifier “D.1” (also on row 3)' },
      { row: 5, field: 'parent_identifier', message: 'a indicator cannot sit under a domain' },
      { row: 6, field: 'parent_identifier', message: 'no competency has the identifier “NOPE”' },
      { row: 7, field: 'kind', message: '“gizmo” is not one of domain, competency, indicator' },
      { row: 8, field: 'title', message: 'a title of 1 to 300 characters is required' },
      { row: 9, field: 'row', message: 'has 2 cells; the header has 8' },
    ]);
    expect(await count()).toBe(before);
  });

  it('rejects a level description for a level the scale does not have (unknown scale level) and a bad custom scale row', async () => {
    const res = await upload(
      tool,
      '/api/competency-frameworks/import/csv',
      admin,
      ['kind,identifier,parent_identifier,title,description,points,counts_as_proficient,level:Mastered', 'scale_level,,,Low,,1,no,', 'scale_level,,,High,,lots,maybe,', 'domain,D,,Domain,,,,Has mastered it'].join('\n'),
      'text/csv',
    );
    expect(res.status).toBe(422);
    expect(res.body.error.details.issues).toEqual([
      { row: null, field: 'scale', message: 'a scale has 2 to 10 levels' },
      { row: null, field: 'scale', message: 'at least one level must count as proficient' },
      { row: 3, field: 'points', message: 'a scale level needs its points as a number' },
      { row: 3, field: 'counts_as_proficient', message: 'use yes or no' },
      { row: 4, field: 'level:Mastered', message: 'unknown scale level “Mastered”' },
    ]);
    const unknown = await upload(tool, '/api/competency-frameworks/import/csv', admin, ['kind,identifier,parent_identifier,title,description,points,counts_as_proficient,level:Mastered', 'domain,D,,Domain,,,,Has mastered it'].join('\n'), 'text/csv');
    expect(unknown.body.error.details.issues).toEqual([{ row: 2, field: 'level:Mastered', message: 'unknown scale level “Mastered”' }]);
  });

  it('rejects a CSV with missing or unknown columns and an empty file', async () => {
    const res = await upload(tool, '/api/competency-frameworks/import/csv', admin, 'kind,identifier,name\n', 'text/csv');
    expect(res.body.error.details.issues.map((i: { field: string }) => i.field)).toEqual(['parent_identifier', 'title', 'description', 'points', 'counts_as_proficient', 'name']);
    expect((await upload(tool, '/api/competency-frameworks/import/csv', admin, '', 'text/csv')).status).toBe(422);
  });

  it('rejects a loop in a CASE tree, duplicate item identifiers and unknown association targets, saving nothing', async () => {
    const before = await count();
    const item = (identifier: string, fullStatement: string) => ({ identifier, fullStatement, humanCodingScheme: identifier });
    const child = (origin: string, destination: string) => ({ associationType: 'isChildOf', originNodeURI: { identifier: origin }, destinationNodeURI: { identifier: destination } });
    const res = await upload(
      tool,
      '/api/competency-frameworks/import/case',
      admin,
      JSON.stringify({
        CFDocument: { identifier: 'doc', title: 'Loopy' },
        CFItems: [item('A', 'a'), item('B', 'b'), item('C', 'c'), item('C', 'c again')],
        CFAssociations: [child('A', 'B'), child('B', 'C'), child('C', 'A'), child('Z', 'doc'), { associationType: 'exactMatchOf', originNodeURI: { identifier: 'A' }, destinationNodeURI: { identifier: 'x' } }],
      }),
      'application/json',
    );
    expect(res.status).toBe(422);
    const messages = res.body.error.details.issues.map((i: { message: string }) => i.message);
    expect(messages).toContain('duplicate identifier “C”');
    expect(messages).toContain('isChildOf names an unknown item “Z”');
    expect(messages.some((m: string) => m.startsWith('loop in the tree: '))).toBe(true);
    expect(await count()).toBe(before);
  });

  it('rejects a CASE package that is not one (422 import_invalid naming the missing parts)', async () => {
    const res = await upload(tool, '/api/competency-frameworks/import/case', admin, JSON.stringify({ CFItems: [] }), 'application/json');
    expect(res.status).toBe(422);
    expect(res.body.error.details.issues[0].field).toBe('CFDocument');
  });

  it('rejects a body over the 5 MB limit with 413 payload_too_large before reading it', async () => {
    const big = csv(...Array.from({ length: 60_000 }, (_, i) => `domain,D${i},,${'x'.repeat(80)},,,,`));
    expect(big.length).toBeGreaterThan(5 * 1024 * 1024);
    const before = await count();
    const res = await upload(tool, '/api/competency-frameworks/import/csv', admin, big, 'text/csv');
    expect(res).toMatchObject({ status: 413, body: { error: { id: 'payload_too_large' } } });
    expect(await count()).toBe(before);
  });

  it('refuses imports by leads (403) and CSV sent as another media type (415)', async () => {
    expect((await upload(tool, '/api/competency-frameworks/import/csv', lead, csv('domain,D,,D,,,,'), 'text/csv')).status).toBe(403);
    expect((await upload(tool, '/api/competency-frameworks/import/csv', admin, 'kind', 'application/xml')).status).toBe(415);
  });
});
