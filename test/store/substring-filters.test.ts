// The substring filters (place, actor, claimant) read a trigram index now (migration 0007); they must give what
// "a name containing this text, whatever its case" gives, as they always promised: checked here against that
// sentence computed over the record's own names, on every database, for needles of every kind (under three
// characters, so no trigram; accented and upper-case letters; LIKE's % and _ which are plain characters), through
// every query that filters (a page, keyset pages, counts, tallies, exports, incidents). Then the index after an
// edit, a new report, a renamed or deleted name, and a copy to another database.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRecord } from '../../src/store/copy.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { openStore } from '../../src/store/open-store.js';
import type { EventFilter, EventRow, PageCursor, ReportInput } from '../../src/store/store.js';
import { DIALECTS, EACH } from '../dialects.js';

// Names the record is made of. None of them shares a slug (the vocabulary id) with another, so each event's
// names are exactly the ones it was given.
const ACTORS = [
  'Syrian Arab Army', 'Free Syrian Army', 'Armée nationale syrienne', 'ÉTAT ISLAMIQUE', 'Islamic State', "Hay'at Tahrir al-Sham",
  '100% Brigade', 'Unit_7 Militia', 'Taliban', 'Houthis (Ansar Allah)', 'Ukrainian Armed Forces', 'Straße Police', 'ΟΜΑΔΑ ΣΙΓΜΑΣ',
];
const CLAIMANTS = ['Syrian Observatory for Human Rights', 'SANA', 'Ministry of Defence', 'Ministère de la Défense', 'OBSERVATOIRE ÉTAT', '50%_Watch', 'Airwars', 'UN OCHA'];
const PLACES: { name: string; admin1: string; country: string }[] = [
  { name: 'Aleppo', admin1: 'Aleppo', country: 'Syria' },
  { name: 'Al-Bab', admin1: 'Aleppo', country: 'Syria' },
  { name: 'Ḥamāh', admin1: 'Hama', country: 'Syria' },
  { name: 'Saraqib', admin1: 'Idlib', country: 'Syria' },
  { name: 'Kharkiv', admin1: 'Kharkiv Oblast', country: 'Ukraine' },
  { name: 'Zone_5 checkpoint', admin1: 'Donetsk Oblast', country: 'Ukraine' },
  { name: '100% Square', admin1: 'Sanaa', country: 'Yemen' },
  { name: 'Ménaka', admin1: 'Ménaka', country: 'Mali' },
  { name: 'ÎLE DE GORÉE', admin1: 'Dakar', country: 'Senegal' },
];

const NEEDLES: Record<'actor' | 'claimant' | 'place', string[]> = {
  actor: ['army', 'ARMY', 'ar', 'a', 'é', 'armée', 'ARMÉE', 'état', 'ÉTAT', 'etat', '%', '_', '100%', '0%', 'unit_', 't_7', '%_', "hay'at", '(ansar', 'straße', 'STRASSE', 'σ', 'σιγμας', 'no such actor'],
  claimant: ['observatory', 'OBSERVATOIRE', 'état', 'sa', 's', 'défense', 'DÉFENSE', '%', '_', '50%_', '%_w', 'un o', 'airwars'],
  place: ['al', 'AL-', 'ḥamāh', 'ḤAMĀH', 'hamah', 'ménaka', 'MÉNAKA', 'îl', 'zone_', '_', '%', '100% s', 'kh', 'k'],
};

/** An event as the test wrote it: the names the filters should find it by. */
interface Spec {
  id: string;
  /** The incident the store put it in. */
  incident: string;
  date: string | null;
  country: string;
  actors: string[];
  claimants: string[];
  place: string;
}

const holds = (names: string[], needle: string) => names.some((n) => n.toLowerCase().includes(needle.toLowerCase()));

/** The events the filter keeps, by the sentence the filters promise, newest first and undated last. */
function expected(specs: Spec[], f: EventFilter): Spec[] {
  return specs
    .filter((s) => (!f.actor || holds(s.actors, f.actor)) && (!f.claimant || holds(s.claimants, f.claimant)) && (!f.place || holds([s.place], f.place)))
    .filter((s) => (!f.from || (s.date !== null && s.date >= f.from)) && (!f.to || (s.date !== null && s.date <= f.to)))
    .filter((s) => !f.country || s.country.toLowerCase() === f.country.toLowerCase())
    .sort((a, b) => (a.date === b.date ? (a.id < b.id ? 1 : -1) : a.date === null ? 1 : b.date === null ? -1 : a.date < b.date ? 1 : -1));
}

/** Event k of the record: names rotate at different strides, so most combinations occur; one in 23 is undated. */
function eventSpec(k: number) {
  const day = new Date(Date.UTC(2015, 0, 1) + ((k * 37) % 700) * 86_400_000).toISOString().slice(0, 10);
  const actors = [ACTORS[k % ACTORS.length], ...(k % 4 === 0 ? [ACTORS[(k * 5 + 3) % ACTORS.length]] : [])];
  const claimants = [CLAIMANTS[(k * 3) % CLAIMANTS.length], ...(k % 5 === 0 ? [CLAIMANTS[(k * 3 + 1) % CLAIMANTS.length]] : [])];
  return { date: k % 23 === 0 ? null : day, actors: [...new Set(actors)], claimants: [...new Set(claimants)], place: PLACES[(k * 7) % PLACES.length] };
}

/** A report of `n` events from event `first` on, each with its own claims. */
function report(first: number, n: number, tag: string): ReportInput {
  const events: ReportInput['extraction']['events'] = [];
  const claims: ReportInput['extraction']['claims'] = [];
  for (let k = first; k < first + n; k++) {
    const s = eventSpec(k);
    const date = s.date ? { start: s.date, end: s.date, precision: 'day' as const } : null;
    const fatalities = [{ group: 'civilians', low: k % 9, best: k % 9, high: k % 9, kind: 'exact' as const }];
    const ids = s.claimants.map((claimant, j) => {
      const id = `c${k}-${j}`;
      claims.push({ id, claimant, claimant_kind: 'monitor', publisher: 'Test Wire', scope: 'incident', measure: 'killed', fatalities, date, weapon: null, span: { start: 0, end: 5 }, sentence: `Event ${k}.`, rule: 'test:substring' });
      return id;
    });
    events.push({
      id: `e${k}`, type: 'Battles', sub_type: 'Armed clash', date,
      location: { ...s.place, lat: 30 + (k % 10), lon: 40 + (k % 10), precision: 'exact' },
      actors: s.actors.map((name, j) => ({ name, bloc: 'unknown', role: j === 0 ? 'perpetrator' : 'victim' })),
      fatalities, weapon: null, claims: ids, scope: 'incident', sentence: `Event ${k}.`, span: { start: 0, end: 5 },
    });
  }
  return { text: `Substring filter test report ${tag} (events ${first} to ${first + n - 1}).`, meta: { published: '2017-01-01', source: 'Test Wire', title: null }, extraction: { summary: {} as never, events, claims } };
}

async function fill(store: KyselyStore, reports: number, perReport: number, tag = 'a'): Promise<Spec[]> {
  const specs: Spec[] = [];
  for (let r = 0; r < reports; r++) {
    const first = r * perReport;
    const { reportId } = await store.ingestReport(report(first, perReport, `${tag}${r}`));
    // The store names an event by its report and the extraction's id (e<k>).
    for (const e of (await store.getReport(reportId))!.extracted.events) {
      const s = eventSpec(Number(/-e(\d+)$/.exec(e.id)![1]));
      specs.push({ id: e.id, incident: (await store.incidentOf(e.id))!, date: s.date, country: s.place.country, actors: s.actors, claimants: s.claimants, place: s.place.name });
    }
  }
  return specs;
}

/** An edit or a new report can regroup incidents around it: each event's incident read again. */
async function reread(store: KyselyStore, specs: Spec[]): Promise<void> {
  for (const s of specs) s.incident = (await store.incidentOf(s.id))!;
}

async function allPages(store: KyselyStore, f: EventFilter, size: number): Promise<EventRow[]> {
  const rows: EventRow[] = [];
  let after: PageCursor | null = null;
  for (;;) {
    const page = await store.listEventsAfter(f, after, size);
    rows.push(...page);
    if (page.length < size) return rows;
    const last = page[page.length - 1];
    after = { date: last.date_start, id: last.id };
  }
}

const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

/** Every query that filters gives the events the sentence gives. */
async function agrees(store: KyselyStore, specs: Spec[], f: EventFilter): Promise<void> {
  const want = expected(specs, f);
  const label = JSON.stringify(f);
  expect(ids(await store.listEvents(f, { limit: 10_000 })), label).toEqual(ids(want));
  expect(ids(await store.listEvents(f, { limit: 5 })), label).toEqual(ids(want.slice(0, 5)));
  expect(ids(await allPages(store, f, 7)), label).toEqual(ids(want));
  expect(await store.countEvents(f), label).toBe(want.length);
  const byCountry = new Map<string, number>();
  for (const s of want) byCountry.set(s.country, (byCountry.get(s.country) ?? 0) + 1);
  const tally = await store.tally(f, 'country', 100);
  expect(new Map(tally.map((r) => [r.key, r.events])), label).toEqual(byCountry);
  const exported: string[] = [];
  for await (const e of store.exportEvents(f)) exported.push(e.id);
  expect(exported.sort(), label).toEqual(ids(want).sort());
  expect(ids(await store.listIncidents(f, { limit: 10_000 })).sort(), label).toEqual([...new Set(want.map((s) => s.incident))].sort());
}

const TOGETHER: EventFilter[] = [
  { actor: 'army', claimant: 'observatory' }, { actor: 'a', claimant: 's', place: 'al' }, { actor: 'état', claimant: 'état' },
  { actor: 'army', from: '2015-03-01', to: '2015-08-31' }, { claimant: 'sa', country: 'syria' }, { place: '_', actor: '%' },
];
/** Filters of one kind, each needle alone. */
const alone = (k: keyof typeof NEEDLES): EventFilter[] => NEEDLES[k].map((n) => ({ [k]: n }));

/** On SQLite, the FTS5 tables hold every name of their table once and nothing else; PostgreSQL's GIN indexes are the database's own. */
async function indexHoldsEveryName(store: KyselyStore, dialect: string): Promise<void> {
  if (dialect !== 'sqlite') return;
  for (const t of ['places', 'actors', 'sources']) {
    const names = (await sql<{ id: string; key: string }>`select id, key from ${sql.table(t)} order by id`.execute(store.db)).rows;
    const indexed = (await sql<{ id: string; key: string }>`select id, key from ${sql.table(`${t}_search`)} order by id`.execute(store.db)).rows;
    expect(indexed, t).toEqual(names);
  }
}

describe.each(EACH)('[%s] substring filters', (name, dialect) => {
  // One record for the cases that only read; the case that writes makes its own.
  let store: KyselyStore;
  let specs: Spec[];
  beforeAll(async () => {
    if (!dialect.available) return;
    store = await openStore(await dialect.fresh('substrings'));
    specs = await fill(store, 30, 6);
  });
  afterAll(async () => {
    await store?.close();
  });

  for (const k of ['actor', 'claimant', 'place'] as const) {
    it.skipIf(!dialect.available)(`on ${k}s give the events whose names contain the text, whatever its case, % and _ taken as they are`, async () => {
      for (const f of alone(k)) await agrees(store, specs, f);
    });
  }

  it.skipIf(!dialect.available)('together, and with other filters, give the events every one of them keeps', async () => {
    for (const f of TOGETHER) await agrees(store, specs, f);
    // The needles meet names of every kind: none of the comparisons is vacuous.
    for (const f of [{ actor: 'ÉTAT' }, { claimant: '50%_' }, { place: 'ḤAMĀH' }, { actor: 'σιγμας' }, ...TOGETHER]) expect(expected(specs, f).length, JSON.stringify(f)).toBeGreaterThan(0);
    // An upper-case accented claimant is found by its lower-case spelling (SQLite's lower() used to leave É as it was).
    expect(await store.countEvents({ claimant: 'observatoire état' })).toBe(expected(specs, { claimant: 'OBSERVATOIRE ÉTAT' }).length);
    // A wildcard is a character: "%" finds the names holding one, not every name.
    expect(expected(specs, { actor: '%' }).length).toBeLessThan(specs.length / 4);
    expect(await store.countEvents({ actor: '0%' })).toBe(expected(specs, { actor: '100% Brigade' }).length);
    await indexHoldsEveryName(store, name);
  });

  it.skipIf(!dialect.available)('page newest first through every event once: no duplicate, no gap, undated last', async () => {
    for (const f of [{}, { country: 'syria' }, { actor: 'army' }, { from: '2015-02-01', to: '2015-12-31' }]) {
      const whole = ids(await store.listEvents(f, { limit: 10_000 }));
      for (const size of [1, 7, 100]) {
        const paged = ids(await allPages(store, f, size));
        expect(paged, `${JSON.stringify(f)} by ${size}`).toEqual(whole);
        expect(new Set(paged).size).toBe(paged.length);
      }
    }
    const all = await allPages(store, {}, 9);
    expect(all.length).toBe(specs.length);
    expect(all.findIndex((e) => e.date_start === null)).toBe(all.length - specs.filter((s) => s.date === null).length);
    // After the last row there is nothing: a cursor past the end gives an empty page.
    const last = all[all.length - 1];
    expect(await store.listEventsAfter({}, { date: last.date_start, id: last.id }, 10)).toEqual([]);
  });

  for (const to of DIALECTS) {
    it.skipIf(!dialect.available || !to.available)(`are the same after a copy to ${to.name}`, async () => {
      const copy = await openStore(await to.fresh('substrings-copy'));
      try {
        await copyRecord(store.db, copy.db);
        for (const f of [...alone('actor'), ...alone('claimant'), ...alone('place'), ...TOGETHER]) await agrees(copy, specs, f);
        await indexHoldsEveryName(copy, to.name);
      } finally {
        await copy.close();
      }
    }, 180_000);
  }

  it.skipIf(!dialect.available)('stay in step after an edit, a new report and a renamed or deleted name', async () => {
    const own = await openStore(await dialect.fresh('substrings-edits'));
    try {
      const mine = await fill(own, 12, 6);
      const army = expected(mine, { actor: 'army' });
      const moved = army[army.length - 1];
      expect(await own.updateEvent(moved.id, { date: { start: '2019-06-01', end: '2019-06-01', precision: 'day' } }, 'analyst')).toBe(true);
      moved.date = '2019-06-01';
      await reread(own, mine);
      await agrees(own, mine, { actor: 'army' });
      expect(ids(await own.listEventsAfter({ actor: 'army' }, null, 1))).toEqual([moved.id]);

      ACTORS.push('Newly Formed Brigade');
      try {
        mine.push(...(await fill(own, 1, ACTORS.length, 'b')));
      } finally {
        ACTORS.pop();
      }
      await reread(own, mine);
      expect(expected(mine, { actor: 'newly formed' }).length).toBeGreaterThan(0);
      await agrees(own, mine, { actor: 'newly formed' });
      await agrees(own, mine, { actor: 'army' });

      // A name renamed or deleted in its table (by hand: the Store never does) is renamed or gone in the index.
      await sql`update actors set key = 'taliban movement' where key = 'taliban'`.execute(own.db);
      for (const s of mine) s.actors = s.actors.map((a) => (a === 'Taliban' ? 'Taliban movement' : a));
      await agrees(own, mine, { actor: 'movement' });
      const police = sql`(select id from actors where key = 'straße police')`;
      await sql`delete from event_actors where actor_id in ${police}`.execute(own.db);
      await sql`update events set perpetrator_actor_id = null where perpetrator_actor_id in ${police}`.execute(own.db);
      await sql`delete from actors where key = 'straße police'`.execute(own.db);
      for (const s of mine) s.actors = s.actors.filter((a) => a !== 'Straße Police');
      await agrees(own, mine, { actor: 'straße' });
      await agrees(own, mine, { actor: 'police' });
      await indexHoldsEveryName(own, name);
    } finally {
      await own.close();
    }
  }, 120_000);
});
