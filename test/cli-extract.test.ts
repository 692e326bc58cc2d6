// The command-line contract: one report to one JSON document; a batch to one line per input line,
// in order, with an error line (naming file and line) for each bad item.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'obs-cli-'));

describe('observatory extract', () => {
  it('prints summary, events and claims for one report', () => {
    const file = join(dir, 'one.txt');
    writeFileSync(file, 'Government air strikes killed 12 civilians in the town of Douma on Saturday, the Syrian Observatory for Human Rights said.');
    const out = JSON.parse(execFileSync('node', [CLI, 'extract', file, '--published', '2016-03-13'], { encoding: 'utf8' }));
    expect(out.summary).toMatchObject({ killed: 12, killed_civilians: 12, date: '2016-03-12', admin1: 'Rural Damascus', perpetrator_bloc: 'pro-government', weapon: 'air_strike' });
    expect(out.claims[0]).toMatchObject({ claimant: 'Syrian Observatory for Human Rights', claimant_kind: 'monitor' });
    expect(out.events[0].claims).toContain(out.claims[0].id);
  });

  it('runs a batch: every line answered in order, bad lines as errors naming the line', () => {
    const input = join(dir, 'items.jsonl');
    const output = join(dir, 'pred.jsonl');
    writeFileSync(
      input,
      [
        JSON.stringify({ id: 'a', text: 'Shelling killed three people in Hama on Monday.', published: '2016-03-14' }),
        '{"id": "b", "text": ',
        JSON.stringify({ id: 'c', text: '   ' }),
        JSON.stringify({ id: 'd', text: 42 }),
        JSON.stringify({ id: 'e', text: 'A car bomb killed nine people in Azaz.', published: 'yesterday' }),
        JSON.stringify({ id: 'f', text: 'A car bomb killed nine people in Azaz.', published: '2016-03-14' }),
      ].join('\n') + '\n',
    );
    const r = spawnSync('node', [CLI, 'extract', '--input', input, '--output', output, '--no-progress'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const lines = readFileSync(output, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', null, 'c', 'd', 'e', 'f']);
    expect(lines[0].summary.killed).toBe(3);
    expect(lines[1].error).toMatch(/items\.jsonl: line 2: not valid JSON/);
    expect(lines[2].error).toMatch(/line 3: "text" is empty/);
    expect(lines[3].error).toMatch(/line 4: "text" is missing or not a string/);
    expect(lines[4].error).toMatch(/line 5: "published" must be YYYY-MM-DD/);
    expect(lines[5].summary.killed).toBe(9);
    expect(r.stderr).toMatch(/extracted 2 reports, 4 failed/);
  });

  it('refuses a binary file with one line naming it', () => {
    const file = join(dir, 'bin.txt');
    writeFileSync(file, Buffer.from([0, 1, 2, 3, 255, 0, 7]));
    const r = spawnSync('node', [CLI, 'extract', file], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/bin\.txt: looks like a binary file/);
  });
});
