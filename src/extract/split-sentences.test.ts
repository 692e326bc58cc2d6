import { describe, expect, it } from 'vitest';
import { splitSentences } from './split-sentences.js';

const texts = (text: string, breaks: number[] = [], omit: { start: number; end: number }[] = []) =>
  splitSentences(text, breaks, omit).map((s) => s.text);

// Row: text written for this test, the sentences it must split into.
const table: [string, string[]][] = [
  ['Two died. Five were hurt.', ['Two died.', 'Five were hurt.']],
  ['Was it a drone? "Yes," he said.', ['Was it a drone?', '"Yes," he said.']],
  ['He said "they fled." Then it stopped.', ['He said "they fled."', 'Then it stopped.']],
  ['Gen. Ali spoke. Lt. Col. Haidar left.', ['Gen. Ali spoke.', 'Lt. Col. Haidar left.']],
  ['The U.S. envoy left. Talks ended.', ['The U.S. envoy left.', 'Talks ended.']],
  ['Jets struck on Jan. 5 at dawn.', ['Jets struck on Jan. 5 at dawn.']],
  ['Clashes left 2.5 km of road shut. 12 died.', ['Clashes left 2.5 km of road shut.', '12 died.']],
  ['Headline here\nThe story starts.', ['Headline here', 'The story starts.']],
  ['one. two.', ['one. two.']],
];

describe('splitSentences', () => {
  for (const [text, want] of table) it(text.replace(/\n/g, ' | '), () => expect(texts(text)).toEqual(want));

  it('keeps offsets: each sentence is the text at its span', () => {
    const text = '  First one.  Second one.\n\nThird.';
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('counts paragraphs at blank lines', () => {
    expect(splitSentences('A b.\n\nC d. E f.').map((s) => s.paragraph)).toEqual([0, 1, 1]);
  });

  it('breaks where a run-in headline ends', () => {
    const text = 'Nine dead in raid Gunmen killed nine people.';
    expect(texts(text, [17])).toEqual(['Nine dead in raid', 'Gunmen killed nine people.']);
  });

  it('leaves out omitted spans (a header) and numbers what remains from 0', () => {
    const text = 'KABUL - Troops left. They returned.';
    const got = splitSentences(text, [], [{ start: 0, end: 8 }]);
    expect(got.map((s) => [s.index, s.text])).toEqual([[0, 'Troops left.'], [1, 'They returned.']]);
    expect(got[0].start).toBe(8);
  });

  it('cuts a run with no break into bounded pieces', () => {
    const got = splitSentences('x'.repeat(5000));
    expect(got.length).toBe(3);
    expect(Math.max(...got.map((s) => s.text.length))).toBeLessThanOrEqual(2000);
  });
});
