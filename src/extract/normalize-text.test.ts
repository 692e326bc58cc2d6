import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize-text.js';

// Row: raw text (written for this test), its normalized form. Every row keeps its length.
const table: [string, string, string][] = [
  ['curly quotes', '\u201CWe fled,\u201D she said. It\u2019s over.', '"We fled," she said. It\'s over.'],
  ['dashes', 'KABUL \u2014 Troops 5\u20136 km away \u2013 witnesses', 'KABUL - Troops 5-6 km away - witnesses'],
  ['odd spaces', 'Ten\u00A0people\u2009were\u202Fhurt\tthere', 'Ten people were hurt there'],
  ['tags blanked', 'Two <b>dead</b> in blast', 'Two    dead     in blast'],
  ['entities blanked', 'Homs &amp; Hama', 'Homs       Hama'],
  ['comments blanked', 'A<!-- ad -->B', `A${' '.repeat(11)}B`],
  ['controls', 'line\r\nnext\u0007', 'line \nnext '],
  ['newlines kept', 'one\n\ntwo', 'one\n\ntwo'],
];

// Negative cases: text that must come out unchanged.
const unchanged = ['Five killed in Idlib.', 'A 3<4 ratio', 'Fish & chips', 'Arabic: حلب'];

describe('normalizeText', () => {
  for (const [name, raw, want] of table) {
    it(name, () => {
      const out = normalizeText(raw);
      expect(out).toBe(want);
      expect(out.length).toBe(raw.length);
    });
  }
  for (const raw of unchanged) it(`leaves alone: ${raw}`, () => expect(normalizeText(raw)).toBe(raw));
  it('composes decomposed letters (the one step that may shorten the text)', () => {
    expect(normalizeText('Sarmi\u0301n')).toBe('Sarm\u00EDn');
  });
});
