// The reconciled record from the command line: reports ingested, then tallied, linked and unlinked
// by an analyst, and the control of a town read on two dates; on every database in DIALECTS.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EACH } from './dialects.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'obs-reconcile-'));

const REPORTS: Record<string, string> = {
  'a.txt': 'Title: Strikes on Atareb\nPublished: 2016-05-08\nSource: AFP\n\nAir strikes on the town of Atareb killed 14 civilians on Saturday, the Syrian Observatory for Human Rights said.\n',
  'b.txt': 'Title: Market hit\nPublished: 2016-05-08\nSource: Reuters\n\nResidents said warplanes struck a market in Atareb on Saturday, killing 17 civilians.\n',
  'c.txt': 'Title: Town taken\nPublished: 2016-02-07\nSource: AFP\n\nGovernment forces captured the town of Tal Rifaat on Saturday, the Syrian Observatory for Human Rights said.\n',
  'd.txt': 'Title: Town retaken\nPublished: 2016-02-21\nSource: AFP\n\nRebels recaptured the town of Tal Rifaat on Saturday, the Syrian Observatory for Human Rights said.\n',
  'e.txt': 'Title: Shelling\nPublished: 2016-10-11\nSource: Reuters\n\nShelling killed several people in Khan Sheikhoun on Tuesday, residents said.\n',
  'f.txt': 'Title: Clashes\nPublished: 2016-10-13\nSource: AFP\n\nClashes with the army killed 9 rebels near Morek on Thursday, the Syrian Observatory for Human Rights said.\n',
  'g.txt': 'Title: Army advance\nPublished: 2016-10-13\nSource: SANA\n\nThe army killed 90 terrorists near Morek on Thursday, state news agency SANA said.\n',
};

describe.each(EACH)('[%s]', (_name, dialect) => {
let db = '';
const run = (...args: string[]) => execFileSync('node', [CLI, ...args, '--db', db], { encoding: 'utf8' });

describe.skipIf(!dialect.available)('reconciliation commands', () => {
  beforeAll(async () => {
    for (const [name, text] of Object.entries(REPORTS)) writeFileSync(join(dir, name), text);
    db = await dialect.fresh('reconcile');
    run('ingest', dir, '--no-progress');
  });

  it('tallies one incident from two reports, with every figure traced to claims', () => {
    const { rows } = JSON.parse(run('tally', '--by', 'bloc', '--format', 'json'));
    const civ = rows.find((r: { key: string }) => r.key === 'civilians');
    expect(civ).toMatchObject({ low: 14, best: 14, high: 17, incidents: 1, claimants: 2 });
    expect(civ.claims.length).toBeGreaterThanOrEqual(2);
  });

  it('lets an analyst unlink and relink, keeping the history', () => {
    const events = JSON.parse(run('events', '--format', 'json', '--place', 'atar'));
    const [a, b] = events.map((e: { id: string }) => e.id);
    expect(run('unlink', a, b, '--note', 'two different markets', '--analyst', 'test')).toMatch(/unlinked/);
    let civ = JSON.parse(run('tally', '--by', 'bloc', '--format', 'json')).rows.find((r: { key: string }) => r.key === 'civilians');
    expect(civ.incidents).toBe(2);
    expect(civ.best).toBe(31);
    run('link', a, b, '--analyst', 'test');
    civ = JSON.parse(run('tally', '--by', 'bloc', '--format', 'json')).rows.find((r: { key: string }) => r.key === 'civilians');
    expect(civ.incidents).toBe(1);
    expect(run('links')).toMatch(/2 decisions/);
    const incident = run('incident', a);
    expect(incident).toMatch(/Why they are one incident/);
    expect(incident).toMatch(/\[analyst\]/);
  });

  it('counts a vague figure at the least it says, and says so in the row', () => {
    const people = JSON.parse(run('tally', '--by', 'bloc', '--format', 'json')).rows.find((r: { key: string }) => r.key === 'people');
    // "several" reads 3 to 9.
    expect(people).toMatchObject({ low: 3, best: 3, high: 9, incidents: 1, vague: 1 });
    const table = run('tally', '--by', 'month');
    expect(table).toMatch(/incidents\s+vague\s+claimants/);
    expect(table).toMatch(/^2016-10\s+12\s+12\s+99\s+2\s+1\s/m);
  });

  it('lists the disagreement in an incident whose claimants do not overlap', () => {
    const [e] = JSON.parse(run('events', '--format', 'json', '--place', 'morek'));
    const out = run('incident', e.id);
    expect(out).toMatch(/status contested/);
    expect(out).toMatch(/opposition: .*\[(monitor|state-media)\] says (9|90) \(exact, claim \S+\) against .*\[(monitor|state-media)\] says (9|90) \(exact/);
  });

  it('knows who held the town on each date', () => {
    const before = JSON.parse(run('control', '--at', '2016-02-10', '--format', 'json'));
    const after = JSON.parse(run('control', '--at', '2016-02-25', '--format', 'json'));
    expect(before[0]).toMatchObject({ takerBloc: 'pro-government' });
    expect(after[0]).toMatchObject({ takerBloc: 'opposition', from: 'pro-government' });
  });
});
});
