// The track-record rule on every database in DIALECTS, as a desk would turn it on: a local medic whose tolls analysts
// verified three times is proven; with the rule on, its figure is the best of an incident where a monitor gives
// another; with it off (the default) the claimant kinds decide. Turning it on or off keeps every incident's id.
// Reports written for the project; places and dates are real, events invented.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractReport } from '../../src/extract/pipeline.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { openStore } from '../../src/store/open-store.js';
import { EACH } from '../dialects.js';

const root = join(import.meta.dirname, '..', '..');
const cli = (args: string[], db: string) => spawnSync(process.execPath, [join(root, 'dist', 'cli', 'main.js'), ...args, '--db', db], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: '1' } });

const MEDIC_ONLY = [
  ['Shelling killed 4 civilians in Kafr Nabl on Sunday, a local medic said.', '2019-06-03'],
  ['An air strike killed 6 civilians in Khan Shaykhun on Monday, a local medic said.', '2019-06-11'],
  ['Rocket fire killed 3 civilians in Saraqib on Friday, a local medic said.', '2019-06-22'],
] as const;
const DISPUTED = [
  ['Shelling killed 9 civilians in Maarat al-Numan on Tuesday, the Syrian Observatory for Human Rights said.', 'AFP'],
  ['Shelling killed 13 civilians in Maarat al-Numan on Tuesday, a local medic said.', 'Reuters'],
] as const;

describe.each(EACH)('[%s]', (_name, dialect) => {
  let store: KyselyStore;
  let db: string;
  const ingest = (text: string, published: string, source: string) => {
    const meta = { published, source, title: null };
    const x = extractReport(text, meta);
    return store.ingestReport({ text: x.analysis.text, meta, extraction: { summary: x.summary, events: x.events, claims: x.claims } });
  };
  const maarat = async () => (await store.listIncidents({})).find((i) => i.location === 'Maarat al-Numan')!;

  beforeEach(async () => {
    if (!dialect.available) return;
    db = await dialect.fresh('track-record-rule');
    store = await openStore(db);
    for (const [text, day] of MEDIC_ONLY) await ingest(text, day, 'Local Wire');
    for (const [text, source] of DISPUTED) await ingest(text, '2019-07-24', source);
    for (const i of await store.listIncidents({})) if (i.location !== 'Maarat al-Numan') await store.reviewIncident(i.id, 'verified', 'amal', 'the hospital list agrees');
  });
  afterEach(async () => store?.close());

  describe.skipIf(!dialect.available)('the track-record rule', () => {
    it('is off by default: the monitor, the most reliable kind, sets the best of the disputed incident', async () => {
      expect(await store.trackRecordRule()).toBeNull();
      expect((await maarat()).deaths_best).toBe(9);
      expect(cli(['rules'], db).stdout).toMatch(/^track-record rule: off/);
    });

    it('on: the medic, right on 3 verified incidents, sets it; the incident keeps its id; off again restores the kinds', async () => {
      const before = await maarat();
      const on = cli(['rules', 'track-record', 'on', '--min-incidents', '3', '--as', 'amal'], db);
      expect(on.stderr).toBe('');
      expect(on.stdout).toMatch(/^track-record rule on \(at least 3 verified incidents, agreeing in 80%\), set by amal; 4 incidents reckoned again/);
      const after = await maarat();
      expect([after.id, after.deaths_best]).toEqual([before.id, 13]);
      const shown = cli(['rules'], db).stdout;
      expect(shown).toMatch(/^track-record rule: on/);
      // "A local medic" is read as the claimant the record calls residents and eyewitnesses.
      expect(shown).toMatch(/Residents and eyewitnesses\s+3\s+3\s+100%/);
      expect(cli(['incident', before.id], db).stdout).toMatch(/best 13: .*agreed with 3 of 3 verified incidents \(track-record rule\)/);

      expect(cli(['rules', 'track-record', 'off'], db).stdout).toMatch(/^track-record rule off/);
      expect(await maarat()).toMatchObject({ id: before.id, deaths_best: 9 });
    });

    it('on, asking for more verified incidents than the medic has: nothing changes', async () => {
      await store.setTrackRecordRule({ minIncidents: 4, minAgreement: 0.8 }, 'amal');
      expect((await maarat()).deaths_best).toBe(9);
    });

    it('refuses a rule it cannot read, in one line', () => {
      expect(cli(['rules', 'track-record', 'maybe'], db)).toMatchObject({ status: 2, stderr: 'observatory: rules track-record: say on or off, got "maybe"\n' });
      expect(cli(['rules', 'track-record', 'on', '--min-agreement', '80'], db).stderr).toMatch(/--min-agreement must be a share above 0 and at most 1/);
    });
  });
});
