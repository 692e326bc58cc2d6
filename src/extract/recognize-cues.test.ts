// Trigger words and clues as an analyst's table: what each phrase marks, and what it must not.
import { describe, expect, it } from 'vitest';
import { splitSentences } from './split-sentences.js';
import { recognizeCues } from './recognize-cues.js';
import { tokenize } from './tokenize.js';
import { tokenRange } from './analysis.js';

function cues(text: string) {
  const tokens = tokenize(text);
  const sentences = splitSentences(text, []);
  const ranges = sentences.map((s) => {
    const r = tokenRange(tokens, s.start, s.end);
    return [r.from, r.to] as [number, number];
  });
  return recognizeCues(tokens, ranges).map((c) => [c.cue.kind, text.slice(c.start, c.end)]);
}

describe('cues found', () => {
  const cases: Array<[string, string, string]> = [
    ['Three soldiers were killed near the border.', 'killed', 'killed'],
    ['Nine people were wounded in the blast.', 'wounded', 'wounded'],
    ['Police detained two suspects.', 'captured', 'detained'],
    ['A suicide car bomb went off at the gate.', 'weapon', 'suicide car bomb'],
    ['Rebels seized the town after heavy fighting.', 'territory-gain', 'seized'],
    ['Nine died, including four children.', 'subset-before', 'including'],
    ['The death toll rose to 30.', 'toll', 'death toll'],
    ['Officials said the strike hit a school.', 'speech', 'said'],
  ];
  it.each(cases)('%s: %s "%s"', (text, kind, phrase) => {
    expect(cues(text)).toContainEqual([kind, phrase]);
  });
});

describe('cues not found', () => {
  it('a death sentence reports no death', () => {
    expect(cues('The man was sentenced to death on Sunday.').filter(([k]) => k === 'killed')).toEqual([]);
  });
  it('a word that merely contains a trigger is no trigger', () => {
    expect(cues('The skilled workers returned to the factory.').filter(([k]) => k === 'killed')).toEqual([]);
  });
});
