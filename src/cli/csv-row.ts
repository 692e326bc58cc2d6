// One CSV line for a spreadsheet user: a cell a spreadsheet would run as a formula is escaped as OWASP recommends
// (a leading =, +, -, @, tab or carriage return gets a single quote before it), so a source or actor written
// "=HYPERLINK(...)" in a report shows as text when the analyst opens the export. A plain number ("-3", "+4.5",
// "1e3") is no formula and stays a number. `raw` writes cells as they are, for programs that read the file back.
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The cell as a spreadsheet will show it, never run it. */
export function inertCell(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

export function csvRow(cells: readonly unknown[], raw = false): string {
  const text = cells.map((c) => (c === null || c === undefined ? '' : String(c)));
  return stringify([raw ? text : text.map(inertCell)]);
}
