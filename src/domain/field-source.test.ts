import { describe, expect, it } from 'vitest';
import { checkFieldSource, pseudonym } from './field-source.js';

describe('a field source as given', () => {
  it('needs a name, and keeps the rest only when given', () => {
    expect(checkFieldSource({ name: '  Omar  ' })).toEqual({ name: 'Omar', contact: null, place: null, relation: null, notes: null });
    expect(checkFieldSource({ name: '   ' })).toEqual({ error: expect.stringMatching(/a name is needed/) });
  });

  it('folds control characters and runs of space', () => {
    expect(checkFieldSource({ name: 'Omar\u0000 Said', notes: 'met\n\nat the market' })).toMatchObject({ name: 'Omar Said', notes: 'met at the market' });
  });

  it('never repeats what was given in an error: errors reach logs, identities must not', () => {
    const long = 'Zaynab '.repeat(100);
    const r = checkFieldSource({ name: long });
    expect(r).toEqual({ error: 'field source: name is longer than 200 characters' });
    expect(JSON.stringify(checkFieldSource({ name: 'Zaynab', contact: 42 as unknown as string }))).not.toContain('Zaynab');
  });

  it('is shown to everyone else by its number', () => {
    expect(pseudonym(7)).toBe('field source 7');
  });
});
