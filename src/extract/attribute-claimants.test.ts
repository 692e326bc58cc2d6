// Who says each sentence, as an analyst would mark it.
import { describe, expect, it } from 'vitest';
import { analyze } from './pipeline.js';

const meta = { published: '2016-03-13', source: 'Reuters', title: null };
const speakers = (text: string) => analyze(text, meta).attributions.map((a) => [a.claimant.name, a.claimant.kind]);

describe('attribution', () => {
  it('names the monitor, state media and the publisher', () => {
    const text = 'Shelling killed six people in Homs, the Syrian Observatory for Human Rights said. State news agency SANA said the army repelled an attack. The city has been divided for years.';
    expect(speakers(text)).toEqual([
      ['Syrian Observatory for Human Rights', 'monitor'],
      ['Syrian Arab News Agency (SANA)', 'state-media'],
      ['Reuters', 'wire'],
    ]);
  });

  it('resolves "he said" to the last named person and keeps the content apart from the speaker', () => {
    const text = 'Rami Abdulrahman said ten fighters were killed near Hama. He also said Nusra Front fighters had been killed.';
    const s = speakers(text);
    expect(s[0][1]).toBe('monitor');
    expect(s[1]).toEqual(s[0]);
  });

  it('reads a spokesman of a named group as that group', () => {
    const text = '"We pushed them back," said Abu Omar, a spokesman for the Jaish al-Islam group.';
    const [[name, kind]] = speakers(text);
    expect(name).toMatch(/Jaish al-Islam/);
    expect(kind).toBe('armed-group');
  });
});
