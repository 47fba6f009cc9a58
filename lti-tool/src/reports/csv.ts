import { stringify } from 'csv-stringify/sync';

// A cell a spreadsheet would run as a formula (a name like "=HYPERLINK(…)") is prefixed with an apostrophe.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A CSV document (header row first) safe to open in a spreadsheet. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  const safe = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? v : FORMULA_START.test(v) ? `'${v}` : v);
  return stringify([header as string[], ...rows.map((r) => r.map(safe))]);
}
