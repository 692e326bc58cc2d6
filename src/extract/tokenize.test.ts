import { describe, expect, it } from 'vitest';
import { foldKey } from './fold-text.js';
import { phraseKeys, tokenize } from './tokenize.js';

// Row: text written for this test, the keys of its tokens.
const table: [string, string[]][] = [
  ['Five killed in Idlib.', ['five', 'killed', 'in', 'idlib', '.']],
  ['Al-Bab (Aleppo), 12 dead', ['al', 'bab', '(', 'aleppo', ')', ',', '12', 'dead']],
  ['Şanlıurfa and Sarmín', ['sanliurfa', 'and', 'sarmin']],
  ['Łódź, Øresund', ['lodz', ',', 'oresund']],
  ['"They fled," she said.', ['"', 'they', 'fled', ',', '"', 'she', 'said', '.']],
  ['حلب', ['حلب']],
];

describe('tokenize', () => {
  for (const [text, keys] of table) it(text, () => expect(tokenize(text).map((t) => t.key)).toEqual(keys));

  it('keeps offsets, also inside a slice', () => {
    const text = 'Ten died in Homs.';
    for (const t of tokenize(text, 4, 16)) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tokenize(text, 4, 16).map((t) => t.text)).toEqual(['died', 'in', 'Homs']);
  });

  it('drops what is not a word or a sentence mark', () => {
    expect(tokenize('--- * # @ ~').length).toBe(0);
  });

  it('gives a phrase the keys its words get in a text', () => {
    expect(phraseKeys('Hay\u2019at Tahrir al-Sham')).toEqual(tokenize('hay at tahrir al sham').map((t) => t.key));
  });
});

describe('foldKey', () => {
  const rows: [string, string][] = [
    ['Idlib', 'idlib'],
    ['ḤALAB', 'halab'],
    ['Straße', 'strasse'],
    ['Ma\u2019arrat', "ma'arrat"],
    ['Ma\u02BFarrat', "ma'arrat"],
    ["don't", "don't"],
  ];
  for (const [word, key] of rows) it(word, () => expect(foldKey(word)).toBe(key));
  it('is the same for a word and its upper-case form', () => expect(foldKey('KABUL')).toBe(foldKey('Kabul')));
});
