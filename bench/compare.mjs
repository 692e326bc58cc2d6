// Matching benchmark (not a test): a synthetic record and dataset of one country as dense as Syria's war years
// (about 140 events a day on each side, in 2,000 towns), two thirds of the dataset's events telling one of the
// record's incidents (a few km off, a toll a little different, some coded to the week or the month, some to the
// province only); CPU time to match 10k and 100k a side (73 and 730 days), and the growth between them.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { matchDatasetEvents } = await import(pathToFileURL(join(root, 'dist/reconcile/match-dataset-events.js')).href);

const DAY0 = Date.UTC(2016, 0, 1) / 86_400_000;
const RULES = { km: 25, kinds: (type) => ({ Battles: ['Battles', 'Explosions/Remote violence'], 'Explosions/Remote violence': ['Explosions/Remote violence', 'Battles'] })[type] ?? [] };

const PER_DAY = 137;

function synthetic(n) {
  const days = Math.round(n / PER_DAY);
  // mulberry32: a small seeded generator, so every run matches the same sides.
  let seed = 7;
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const town = () => Math.floor(rnd() * 2000);
  const at = (t) => ({ admin1: `region-${t % 14}`, lat: 32.5 + (t % 50) * 0.1, lon: 35.8 + Math.floor(t / 50) * 0.1 });
  const record = [];
  const dataset = [];
  for (let i = 0; i < n; i++) {
    const day = DAY0 + Math.floor(rnd() * days);
    const t = town();
    const deaths = 1 + Math.floor(rnd() * 30);
    const type = rnd() < 0.5 ? 'Battles' : 'Explosions/Remote violence';
    record.push({ id: `i${i}`, country: 'SY', ...at(t), point: true, firstDay: day, lastDay: day, deaths, type, subType: '', inRange: true });
    const told = rnd() < 2 / 3;
    const p = rnd();
    const give = p < 0.9 ? 0 : p < 0.97 ? 3 : 15;
    const d = told ? day : DAY0 + Math.floor(rnd() * days);
    const place = told ? at(t) : at(town());
    dataset.push({ id: `e${i}`, country: 'SY', ...place, lat: place.lat + (rnd() - 0.5) * 0.05, point: rnd() < 0.9, firstDay: d - give, lastDay: d + give, deaths: told ? deaths + Math.floor(rnd() * 5) : 1, kind: type, inRange: true });
  }
  return { record, dataset };
}

const times = {};
for (const n of [10_000, 100_000]) {
  const { record, dataset } = synthetic(n);
  // CPU time, not the wall clock: a shared machine's other work does not count.
  const c0 = process.cpuUsage();
  const m = matchDatasetEvents(record, dataset, RULES);
  const c = process.cpuUsage(c0);
  times[n] = (c.user + c.system) / 1000;
  console.log(`compare: ${n} incidents against ${n} dataset events -> ${m.matches.length} pairs in ${(times[n] / 1000).toFixed(2)} s of CPU`);
}
console.log(`  growth 10k -> 100k: x${(times[100_000] / times[10_000]).toFixed(1)} (x10 is linear, x100 all pairs)`);
