import { parseStaffList, STAFF_LIST_MAX_BYTES, STAFF_LIST_MAX_ROWS } from './staffList';

const report = (csv: string) => {
  const result = parseStaffList(csv);
  if (!result.ok) throw new Error(`expected a report, got ${JSON.stringify(result.error)}`);
  return result.value;
};
const failure = (csv: string) => {
  const result = parseStaffList(csv);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.error;
};

describe('parseStaffList', () => {
  it('reads name, email, school and role; role is case-insensitive and teacher when empty', () => {
    const r = report('name,email,school,role\nSam Okafor,Sam.Okafor@District.org,Riverside Primary,Teacher\nPriya Raman,priya@district.org,Hillcrest,LEAD\nLena Fischer,lena@district.org,,\n');
    expect(r.problems).toEqual([]);
    expect(r.people).toEqual([
      { row: 2, name: 'Sam Okafor', email: 'sam.okafor@district.org', emailAsWritten: 'Sam.Okafor@District.org', school: 'Riverside Primary', role: 'teacher' },
      { row: 3, name: 'Priya Raman', email: 'priya@district.org', emailAsWritten: 'priya@district.org', school: 'Hillcrest', role: 'lead' },
      { row: 4, name: 'Lena Fischer', email: 'lena@district.org', emailAsWritten: 'lena@district.org', school: null, role: 'teacher' },
    ]);
  });

  it('accepts headers in any case and order, a UTF-8 BOM, CRLF lines, semicolons and quoted commas; only name and email are required', () => {
    const r = report('\uFEFFEmail;Full Name\r\n"ana@district.org";"Pérez, Ana María"\r\n');
    expect(r.people).toEqual([{ row: 2, name: 'Pérez, Ana María', email: 'ana@district.org', emailAsWritten: 'ana@district.org', school: null, role: 'teacher' }]);
  });

  it('reports each row’s problems with its spreadsheet row number and field, skipping blank lines but counting them', () => {
    const r = report(
      ['name,email,school,role', ',no-name@district.org,,', 'Bad Email,not-an-email,,', '', 'Odd Role,odd@district.org,,principal', 'Dup,No-Name@district.org,,', 'No Email,,,'].join('\n'),
    );
    expect(r.people).toEqual([]);
    expect(r.problems).toEqual([
      { row: 2, field: 'name', problem: 'missing_name', message: 'The name is empty.' },
      { row: 3, field: 'email', problem: 'invalid_email', message: '"not-an-email" is not an email address.' },
      { row: 5, field: 'role', problem: 'unknown_role', message: expect.stringContaining('use teacher or lead') },
      { row: 6, field: 'email', problem: 'duplicate_email', message: 'This email is already on row 2.' },
      { row: 7, field: 'email', problem: 'missing_email', message: 'The email is empty.' },
    ]);
  });

  it('lists columns it ignores, so a misspelt header is noticed', () => {
    expect(report('name,email,shcool\nA B,a@b.org,X\n').ignoredColumns).toEqual(['shcool']);
  });

  it.each([
    ['no email column', 'name,school\nA,B\n', { kind: 'header_invalid', missing: ['email'] }],
    ['a column given twice', 'name,email,e-mail\nA,a@b.org,a@b.org\n', { kind: 'header_invalid', duplicated: ['email'] }],
    ['only a header', 'name,email,school,role\n', { kind: 'empty' }],
    ['an empty file', '', { kind: 'empty' }],
    ['an unclosed quote', 'name,email\n"A,a@b.org\n', { kind: 'malformed' }],
  ])('refuses %s', (_what, csv, expected) => {
    expect(failure(csv)).toMatchObject(expected);
  });

  it(`refuses more than ${STAFF_LIST_MAX_ROWS} people and more than ${STAFF_LIST_MAX_BYTES} bytes`, () => {
    const rows = Array.from({ length: STAFF_LIST_MAX_ROWS + 1 }, (_, i) => `P ${i},p${i}@d.org`);
    expect(failure(['name,email', ...rows].join('\n'))).toEqual({ kind: 'too_many_rows', rows: STAFF_LIST_MAX_ROWS + 1, maxRows: STAFF_LIST_MAX_ROWS });
    expect(failure(`name,email\n${'x'.repeat(STAFF_LIST_MAX_BYTES)}`)).toEqual({ kind: 'too_large', maxBytes: STAFF_LIST_MAX_BYTES });
  });
});
