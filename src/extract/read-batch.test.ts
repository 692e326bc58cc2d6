// Batch lines as an analyst would write them, and as a careless program does: what each line gives.
import { describe, expect, it } from 'vitest';
import { parseBatchLine } from './read-batch.js';

describe('a batch line', () => {
  it.each([
    ['{"id":"a-1","text":"Two killed in Idlib."}', 'a-1'],
    ['{"id":17,"text":"Two killed in Idlib."}', '17'],
    ['{"text":"Two killed in Idlib."}', '4'],
    ['{"id":null,"text":"Two killed in Idlib."}', '4'],
    // An empty or invisible id is no name: the line's number stands in, as for a missing one.
    ['{"id":"","text":"Two killed in Idlib."}', '4'],
    ['{"id":"  ","text":"Two killed in Idlib."}', '4'],
    // Control characters are cleaned from the id as from the text (PostgreSQL cannot hold NUL).
    ['{"id":"a\\u0000b\\u001b","text":"Two killed in Idlib."}', 'ab'],
  ])('%s is named %j', (raw, id) => {
    expect(parseBatchLine(raw, 4)).toMatchObject({ line: 4, id, text: 'Two killed in Idlib.' });
  });

  it.each([
    ['{"id":{"a":1},"text":"Two killed in Idlib."}', 'line 4: "id" must be a string or a number'],
    ['{"id":["x"],"text":"Two killed in Idlib."}', 'line 4: "id" must be a string or a number'],
    ['{"id":"x","text":7}', 'line 4: "text" is missing or not a string'],
    ['{"text":"Two killed.","published":"5 May 2016"}', 'line 4: "published" must be YYYY-MM-DD'],
    ['[1,2]', 'line 4: expected a JSON object'],
  ])('%s fails: %s', (raw, error) => {
    expect(parseBatchLine(raw, 4)).toMatchObject({ line: 4, error });
  });

  it('takes a blank line as blank, and nothing else', () => {
    expect(parseBatchLine('  \t', 4)).toBeNull();
    expect(parseBatchLine('{}', 4)).not.toBeNull();
  });
});
