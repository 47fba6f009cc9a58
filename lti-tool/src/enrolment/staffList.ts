import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { StaffRole } from './lms.adapter';

/** The largest staff list accepted, in bytes of CSV. */
export const STAFF_LIST_MAX_BYTES = 1024 * 1024;
/** The most people one list may hold. */
export const STAFF_LIST_MAX_ROWS = 5000;

/** One person of a validated list. */
export interface StaffMember {
  /** Spreadsheet row (header = 1); null for people picked from Staffroom. */
  row: number | null;
  /** Trimmed and lower-cased. */
  email: string;
  emailAsWritten: string;
  name: string;
  school: string | null;
  role: StaffRole;
}

/** What is wrong with one row; nothing is enrolled while any row has a problem. */
export interface RowProblem {
  /** Spreadsheet row (header = 1); null for a picked person, who is named by `userId` instead. */
  row: number | null;
  userId?: string;
  field: 'name' | 'email' | 'school' | 'role' | 'userId';
  problem: 'missing_name' | 'missing_email' | 'invalid_email' | 'unknown_role' | 'duplicate_email' | 'too_long' | 'unknown_person';
  message: string;
}

/** The per-row report of a list. */
export interface StaffListReport {
  people: StaffMember[];
  problems: RowProblem[];
  /** Header columns Staffroom does not use (reported so a misspelt header is noticed). */
  ignoredColumns: string[];
}

/** Why a whole file was refused (before looking at rows). */
export type StaffListFailure =
  | { kind: 'too_large'; maxBytes: number }
  | { kind: 'malformed'; line: number | null; reason: string }
  | { kind: 'header_invalid'; missing: string[]; duplicated: string[]; found: string[] }
  | { kind: 'too_many_rows'; rows: number; maxRows: number }
  | { kind: 'empty' };

/** A report, or why the file could not be read. */
export type StaffListResult = { ok: true; value: StaffListReport } | { ok: false; error: StaffListFailure };

type Column = 'name' | 'email' | 'school' | 'role';
const HEADER_NAMES: Record<string, Column> = {
  name: 'name', 'full name': 'name', fullname: 'name',
  email: 'email', 'e-mail': 'email', 'email address': 'email', 'e-mail address': 'email',
  school: 'school',
  role: 'role',
};
const REQUIRED: Column[] = ['name', 'email'];
const LIMITS = { name: 255, email: 320, school: 200 } as const;
const emailSchema = z.email();

/** Spreadsheets in some locales export with ";" or tabs: use whichever the header line has most of. */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/** Reads the header: which column holds what, or what is missing. */
function readHeader(header: string[]): { columns: Partial<Record<Column, number>>; ignored: string[] } | StaffListFailure {
  const columns: Partial<Record<Column, number>> = {};
  const ignored: string[] = [];
  const duplicated: string[] = [];
  header.forEach((raw, i) => {
    const column = HEADER_NAMES[raw.trim().toLowerCase()];
    if (!column) {
      if (raw.trim()) ignored.push(raw.trim());
    } else if (columns[column] !== undefined) duplicated.push(column);
    else columns[column] = i;
  });
  const missing = REQUIRED.filter((c) => columns[c] === undefined);
  if (missing.length > 0 || duplicated.length > 0) return { kind: 'header_invalid', missing, duplicated, found: header.map((h) => h.trim()) };
  return { columns, ignored };
}

/**
 * Parses and checks a staff list (columns name, email, school, role; role teacher|lead, any case,
 * teacher when empty). Blank lines are skipped; every other row is either a person or a problem.
 */
export function parseStaffList(text: string): StaffListResult {
  if (Buffer.byteLength(text, 'utf8') > STAFF_LIST_MAX_BYTES) return { ok: false, error: { kind: 'too_large', maxBytes: STAFF_LIST_MAX_BYTES } };
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter: detectDelimiter(text.replace(/^\uFEFF/, '')), relax_column_count: true, skip_empty_lines: false, trim: true });
  } catch (e) {
    const err = e as Error & { lines?: number };
    return { ok: false, error: { kind: 'malformed', line: err.lines ?? null, reason: err.message.replace(/^Invalid [^:]*: /, '').slice(0, 200) } };
  }
  const [header, ...rows] = records;
  if (!header || header.every((h) => h === '')) return { ok: false, error: { kind: 'empty' } };
  const head = readHeader(header);
  if ('kind' in head) return { ok: false, error: head };

  const dataRows = rows.map((cells, i) => ({ cells, row: i + 2 })).filter((r) => r.cells.some((c) => c !== ''));
  if (dataRows.length === 0) return { ok: false, error: { kind: 'empty' } };
  if (dataRows.length > STAFF_LIST_MAX_ROWS) return { ok: false, error: { kind: 'too_many_rows', rows: dataRows.length, maxRows: STAFF_LIST_MAX_ROWS } };

  const people: StaffMember[] = [];
  const problems: RowProblem[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { cells, row } of dataRows) {
    const cell = (c: Column) => (head.columns[c] === undefined ? '' : (cells[head.columns[c]!] ?? ''));
    const name = cell('name');
    const emailAsWritten = cell('email');
    const email = emailAsWritten.toLowerCase();
    const school = cell('school');
    const roleText = cell('role').toLowerCase();
    const before = problems.length;

    if (!name) problems.push({ row, field: 'name', problem: 'missing_name', message: 'The name is empty.' });
    else if (name.length > LIMITS.name) problems.push({ row, field: 'name', problem: 'too_long', message: `The name is longer than ${LIMITS.name} characters.` });
    if (!email) problems.push({ row, field: 'email', problem: 'missing_email', message: 'The email is empty.' });
    else if (email.length > LIMITS.email || !emailSchema.safeParse(email).success) {
      problems.push({ row, field: 'email', problem: 'invalid_email', message: `"${emailAsWritten.slice(0, 80)}" is not an email address.` });
    } else if (firstRowOf.has(email)) {
      problems.push({ row, field: 'email', problem: 'duplicate_email', message: `This email is already on row ${firstRowOf.get(email)}.` });
    } else firstRowOf.set(email, row);
    if (school.length > LIMITS.school) problems.push({ row, field: 'school', problem: 'too_long', message: `The school is longer than ${LIMITS.school} characters.` });
    if (roleText && roleText !== 'teacher' && roleText !== 'lead') {
      problems.push({ row, field: 'role', problem: 'unknown_role', message: `"${cell('role').slice(0, 40)}" is not a role: use teacher or lead (empty means teacher).` });
    }
    if (problems.length === before) {
      people.push({ row, email, emailAsWritten, name, school: school || null, role: roleText === 'lead' ? 'lead' : 'teacher' });
    }
  }
  return { ok: true, value: { people, problems, ignoredColumns: head.ignored } };
}
