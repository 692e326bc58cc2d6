// Linking benchmark (not a test): synthetic claims spread over regions and days, as a large
// monitor's record would hold them; time to link 10k and 100k, and the growth between them.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { linkIncidents } = await import(pathToFileURL(join(root, 'dist/reconcile/link-incidents.js')).href);
const { reckon, tally } = await import(pathToFileURL(join(root, 'dist/reconcile/tally.js')).href);

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
