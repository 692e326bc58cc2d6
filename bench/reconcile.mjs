// Linking benchmark (not a test): synthetic claims spread over regions and days, as a large
// monitor's record would hold them; time to link 10k and 100k, and the growth between them. Then the
// densest block one report can make: one killing told 5,600 times in one town on one day (190 KB),
// reconciled (linked, ranged, summarized, tallied), and stored in SQLite with its incidents kept in step,
// then a second report of the same killing stored beside it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
const { linkIncidents } = await load('reconcile/link-incidents.js');
const { reckon, tally } = await load('reconcile/tally.js');
const { summarizeIncident } = await load('reconcile/summarize-incident.js');
const { observationsFrom } = await load('reconcile/from-extraction.js');
const { extractReport } = await load('extract/pipeline.js');
const { openSqliteStore } = await load('store/sqlite.js');

const REGIONS = ['Aleppo', 'Idlib', 'Hama', 'Homs', 'Rural Damascus', 'Daraa', 'Raqqa', 'Deir ez-Zor', 'Hasakeh', 'Lattakia'];
const KINDS = ['monitor', 'wire', 'state-media', 'armed-group'];

function synthetic(n) {
  // mulberry32: a small seeded generator, so every run links the same record.
  let seed = 42;
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [];
  // About three reports per incident, as when a monitor, a wire and state media tell the same strike.
  const incidents = Math.ceil(n / 3);
  for (let i = 0; i < n; i++) {
    const k = Math.floor(rnd() * incidents);
    const day = new Date(Date.UTC(2014, 0, 1) + ((k * 7919) % 3650) * 86_400_000).toISOString().slice(0, 10);
    const town = k % 5000;
    const region = REGIONS[town % REGIONS.length];
    const lat = 32.5 + (town % 50) * 0.08;
    const lon = 35.8 + Math.floor(town / 50) * 0.05;
    const best = 1 + Math.floor(rnd() * 30);
    out.push({
      id: `o${i}`,
      reportId: `r${i}`,
      type: 'Explosions/Remote violence',
      subType: 'Air/drone strike',
      date: { start: day, end: day, precision: 'day' },
      location: { name: `town-${town}`, admin1: region, country: 'Syria', lat, lon, precision: 'exact' },
      actors: [{ name: 'Syrian Arab Army', bloc: 'pro-government', role: 'perpetrator' }],
      weapon: 'air_strike',
      scope: 'incident',
      claims: [{ id: `c${i}`, reportId: `r${i}`, publisher: null, claimant: `claimant-${i % 7}`, claimantKind: KINDS[i % 4], claimantBloc: null, measure: 'killed', scope: 'incident', fatalities: [{ group: 'civilians', low: best, best, high: best, kind: 'exact' }], sentence: '' }],
    });
  }
  return out;
}

const times = {};
for (const n of [10_000, 100_000]) {
  const obs = synthetic(n);
  const t0 = performance.now();
  const incidents = linkIncidents(obs);
  const linkMs = performance.now() - t0;
  const t1 = performance.now();
  const rows = tally(reckon(incidents), 'admin1');
  const tallyMs = performance.now() - t1;
  times[n] = linkMs;
  console.log(`linking: ${n} claims -> ${incidents.length} incidents in ${(linkMs / 1000).toFixed(2)} s; ranges + tally by admin1 (${rows.length} rows) ${(tallyMs / 1000).toFixed(2)} s`);
}
const growth = times[100_000] / times[10_000];
console.log(`  growth 10k -> 100k: x${growth.toFixed(1)} for x10 the claims (linear would be x10, quadratic x100)`);

// The dense block.
const DENSE = 'Three shepherds killed in Manbij. '.repeat(5_600);
const meta = { published: '2016-03-10', source: 'Valley Courier', title: null };
let t = performance.now();
const x = extractReport(DENSE, meta);
const readS = (performance.now() - t) / 1000;
const dense = observationsFrom(x, 'dense', meta.source);
t = performance.now();
const work = { comparisons: 0 };
const denseIncidents = linkIncidents(dense, [], work);
const summaries = denseIncidents.map(summarizeIncident);
tally(reckon(denseIncidents), 'admin1');
const reconcileS = (performance.now() - t) / 1000;
const pairs = (dense.length * (dense.length - 1)) / 2;
console.log(
  `dense block: ${dense.length} same-place figures from one ${(DENSE.length / 1000).toFixed(0)} KB report -> ${denseIncidents.length} incident (best ${summaries[0].deaths.best}) reconciled in ${reconcileS.toFixed(2)} s; ${work.comparisons} comparisons (all pairs: ${pairs.toLocaleString('en')}); extraction ${readS.toFixed(1)} s`,
);
const dir = mkdtempSync(join(tmpdir(), 'observatory-bench-dense-'));
try {
  const store = await openSqliteStore(join(dir, 'dense.sqlite'));
  const ingest = async (text, m, path) => {
    const r = extractReport(text, m);
    const s = performance.now();
    await store.ingestReport({ text: r.analysis.text, meta: m, extraction: { summary: r.summary, events: r.events, claims: r.claims }, origin: { path, line: null, id: null } });
    return (performance.now() - s) / 1000;
  };
  const first = await ingest(DENSE, meta, 'dense.txt');
  const second = await ingest('Three shepherds were killed in Manbij on Thursday, the Syrian Observatory for Human Rights said.', { published: '2016-03-11', source: 'Wire', title: null }, 'monitor.txt');
  const [inc] = await store.listIncidents({});
  console.log(`  stored in SQLite with its incident kept in step: ${first.toFixed(2)} s; a second report of the same killing beside it ${second.toFixed(2)} s (incidents: ${(await store.countIncidents({}))}, events in it: ${inc.events})`);
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
