import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvRow, inertCell } from './csv-row.js';

describe('cells a spreadsheet would run', () => {
  it.each([
    ['=HYPERLINK("http://example.org","click")', `'=HYPERLINK("http://example.org","click")`],
    ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
    ['+1+2', `'+1+2`],
    ['-2+3', `'-2+3`],
    ['\tcmd', `'\tcmd`],
    ['\r=1', `'\r=1`],
    ['- leaflet', `'- leaflet`],
  ])('%j is escaped', (cell, out) => expect(inertCell(cell)).toBe(out));

  it.each([['-3'], ['-2.3897'], ['+4.5'], ['1e3'], ['0'], ['Syrian Observatory for Human Rights'], ['a = b'], ["it's"], ['']])('%j stays as it is', (cell) =>
    expect(inertCell(cell)).toBe(cell),
  );

  it('writes a row escaped, or raw for a program', () => {
    const cells = ['=1+1', -3, null, 'Aleppo, north'];
    expect(csvRow(cells)).toBe(`'=1+1,-3,,"Aleppo, north"\n`);
    expect(parse(csvRow(cells, true))).toEqual([['=1+1', '-3', '', 'Aleppo, north']]);
  });
});
