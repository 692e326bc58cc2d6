// `reextract` on every database in DIALECTS: a report stored by an "older engine" (the current engine's reading
// with one event misread and one event invented) is read again; the analyst's corrected date survives, the
// conflict is listed, the event keeps its id, incident and review, the invented event goes, and both tallies agree.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractReport } from '../../src/extract/pipeline.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { openStore } from '../../src/store/open-store.js';
import type { ReportInput } from '../../src/store/store.js';
import { EACH } from '../dialects.js';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const TEXT = 'Government shelling killed seven civilians in the town of Ariha in Idlib province on Monday, the Syrian Observatory for Human Rights said.';
const META = { published: '2019-05-14', source: 'Desk Wire', title: null };

/** What an older engine might have stored: the first event read as an armed clash on another day, and a second event that is not in the text. */
function olderReading(): { input: ReportInput; current: ReturnType<typeof extractReport> } {
  const current = extractReport(TEXT, META);
  const events = structuredClone(current.events);
  events[0].sub_type = 'Armed clash';
  events[0].type = 'Battles';
  events[0].date = { start: '2019-05-11', end: '2019-05-11', precision: 'day' };
  // Weeks apart from the first, so it is an incident of its own.
  events.push({ ...structuredClone(events[0]), id: 'e9', span: { start: 0, end: 10 }, sentence: 'Government', date: { start: '2019-04-02', end: '2019-04-02', precision: 'day' } });
  return { input: { text: current.analysis.text, meta: META, extraction: { summary: current.summary, events, claims: current.claims } }, current };
}

describe.each(EACH)('[%s]', (_name, dialect) => {
  let store: KyselyStore;
  let db: string;
  beforeEach(async () => {
    if (!dialect.available) return;
    db = await dialect.fresh('reextract');
    store = await openStore(db);
  });
  afterEach(async () => store?.close());

  describe.skipIf(!dialect.available)('reading stored reports again', () => {
    it("keeps the analyst's correction and the event's incident and review, lists the conflict, and lets the misread go", async () => {
      const { input, current } = olderReading();
      const { reportId } = await store.ingestReport(input);
      const events = (await store.getReport(reportId))!.extracted.events;
      const first = events.find((e) => e.sentence !== 'Government')!.id;
      const invented = events.find((e) => e.sentence === 'Government')!.id;
      // The analyst fixed the date (the older engine had it wrong) and verified the incident.
      await store.updateEvent(first, { date: { start: '2019-05-13', end: '2019-05-13', precision: 'day' } }, 'amal');
      const incident = (await store.incidentOf(first))!;
      await store.reviewIncident(incident, 'verified', 'amal', 'checked against the local council list');

      const dry = await store.reextractReport(reportId, { text: input.text, meta: META, extraction: { summary: current.summary, events: current.events, claims: current.claims } }, { dryRun: true });
      expect(dry.status).toBe('changed');
      expect((await store.getReport(reportId))!.extracted.events).toHaveLength(2);

      const r = await store.reextractReport(reportId, { text: input.text, meta: META, extraction: { summary: current.summary, events: current.events, claims: current.claims } });
      expect(r).toMatchObject({ status: 'changed', events: { before: 2, after: 1, kept: 1, added: 0, gone: 1, changed: 1 } });
      const after = (await store.getEvent(first))!.event;
      expect(after.sub_type).toBe(current.events[0].sub_type);
      expect(after.date).toEqual({ start: '2019-05-13', end: '2019-05-13', precision: 'day' });
      const engineNow = current.events[0].date;
      if (JSON.stringify(engineNow) === JSON.stringify({ start: '2019-05-11', end: '2019-05-11', precision: 'day' })) expect(r.conflicts).toEqual([]);
      else expect(r.conflicts).toEqual([{ event: first, field: 'date', engineBefore: { start: '2019-05-11', end: '2019-05-11', precision: 'day' }, engineNow, kept: { start: '2019-05-13', end: '2019-05-13', precision: 'day' } }]);
      expect(await store.getEvent(invented)).toBeNull();
      expect(await store.incidentOf(first)).toBe(incident);
      expect(await store.reviewQueue({ state: 'verified' })).toMatchObject([{ id: incident }]);
      expect(await store.eventEdits(first)).toHaveLength(1);
      for (const f of [{}, { from: '2019-05-01', to: '2019-05-31' }]) expect(await store.tally(f, 'actor', 50)).toEqual(await store.tallyEvents(f, 'actor', 50));
      expect((await store.listIncidents({})).length).toBe(1);

      // The same engine again: nothing to do.
      const again = await store.reextractReport(reportId, { text: input.text, meta: META, extraction: { summary: current.summary, events: current.events, claims: current.claims } });
      expect(again.status).toBe('unchanged');
    });

    it('holds a report back, unchanged, when an event someone decided about is no longer read', async () => {
      const { input, current } = olderReading();
      const { reportId } = await store.ingestReport(input);
      const invented = (await store.getReport(reportId))!.extracted.events.find((e) => e.sentence === 'Government')!.id;
      await store.updateEvent(invented, { notes: 'second strike, per a witness' }, 'omar');
      const r = await store.reextractReport(reportId, { text: input.text, meta: META, extraction: { summary: current.summary, events: current.events, claims: current.claims } });
      expect(r.status).toBe('held-back');
      expect(r.conflicts).toContainEqual(expect.objectContaining({ event: invented, field: 'event' }));
      expect((await store.getReport(reportId))!.extracted.events).toHaveLength(2);
    });

    it('on the command line: a dry run changes nothing, then the run reports what changed', async () => {
      await store.ingestReport(olderReading().input);
      await store.close();
      const run = (args: string[]) => spawnSync(process.execPath, [cli, 'reextract', ...args, '--db', db, '--no-progress'], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: '1' } });
      const dry = run(['--dry-run']);
      expect(dry.status, dry.stderr).toBe(0);
      expect(dry.stdout).toMatch(/^dry run: 1 reports read again: 1 would change, 0 unchanged, 0 held back; 0 conflicts$/m);
      expect(run([]).stdout).toMatch(/^1 reports read again: 1 changed, 0 unchanged, 0 held back; 0 conflicts$/m);
      expect(run([]).stdout).toMatch(/^1 reports read again: 0 changed, 1 unchanged/m);
      store = await openStore(db);
    });
  });
});
