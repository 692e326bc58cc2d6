// Garbage in never crashes or hangs the engine. Each input gets a generous time bound that only a
// hang (or runaway backtracking) would exceed: this is a safety net, not a performance assertion.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../src/extract/pipeline.js';

const HANG_BOUND_MS = 30_000;

function seeded(n: number): string {
  let x = 12345;
  let s = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += String.fromCharCode(32 + (x % 95));
  }
  return s;
}

const inputs: Array<[string, () => string]> = [
  ['random bytes read as text', () => randomBytes(200_000).toString('latin1')],
  ['random printable characters', () => seeded(300_000)],
  ['10 MB of repeated report text', () => 'Shelling killed 12 civilians in Aleppo on Sunday, the monitor said. '.repeat(150_000)],
  ['deeply repeated punctuation', () => '!?.,;:"\'()[]'.repeat(100_000)],
  ['a run of dots and dashes', () => '.'.repeat(200_000) + '-'.repeat(200_000)],
  ['HTML soup', () => '<div><p class="x">At least <b>5</b> killed</p><script>alert(1)</script>&amp;&nbsp;</div>'.repeat(20_000)],
  ['Arabic text', () => 'قتل خمسة مدنيين في قصف على مدينة حلب يوم الأحد. '.repeat(5_000)],
  ['one enormous word', () => 'a'.repeat(1_000_000)],
  ['numbers only', () => '1234567 89,000 3.5 million 12-year-old '.repeat(20_000)],
  ['empty', () => ''],
];

describe('garbage in', () => {
  it.each(inputs)('%s: returns a document without throwing', (_name, make) => {
    const text = make();
    const t0 = performance.now();
    const x = extractReport(text, { published: '2016-05-01' });
    const ms = performance.now() - t0;
    expect(x.summary).toBeDefined();
    expect(Array.isArray(x.events)).toBe(true);
    expect(ms).toBeLessThan(HANG_BOUND_MS);
  });
});
