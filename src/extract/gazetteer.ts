// The gazetteer: places (GeoNames towns, curated aliases, first-level regions of every country, every country),
// loaded once per process from data/gazetteer/ (see its README.md) and looked up by normalized name. The generated
// files there are built by scripts/build-gazetteer.ts and never edited by hand. Finding names in text is
// find-place-mentions.ts.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Place } from '../domain/types.js';
import { foldKey } from './fold-text.js';
import { dataDir } from './data-dir.js';

// ---------------------------------------------------------------------------------------------------------------
// Normalization

/** Arabic definite-article forms dropped at the start of a name ("Al-Bab" -> "bab", "Ar Raqqah" -> "raqqah"). */
export const ARTICLES = new Set(['al', 'el', 'ar', 'as', 'ad', 'ash', 'at', 'az', 'an', 'adh', 'ath']);

/** Lowercase particles allowed inside a multi-token name ("Deir ez-Zor", "Jisr al-Shughour", "Bay of Bengal", "Republic of the Congo"). */
export const PARTICLES = new Set([
  ...ARTICLES,
  'ez', 'es', 'ed', 'er', 'en', 'ul', 'el', 'of', 'de', 'del', 'della', 'la', 'le', 'les', 'du', 'des', 'da', 'do',
  'di', 'bin', 'ibn', 'bint', 'wa', 'w', 'sur', 'am', 'im', 'upon', 'on', 'and', 'y', 'e', 'i', 'dos', 'das', 'al-', 'the',
]);

/** Lowercase, fold diacritics, drop apostrophe-like marks: the pipeline's one fold, without apostrophes. */
export function foldToken(s: string): string {
  const k = foldKey(s);
  return k.includes("'") || k.includes('`') ? k.replace(/['`]/g, '') : k;
}

const ASCII_WORD = /^[A-Za-z]+$/;

/**
 * The key under which a place name is stored and looked up: lowercase, no diacritics, no apostrophes
 * (‘ ’ ʿ ʾ ' `), hyphens/underscores and other punctuation as spaces, spaces collapsed, and one leading Arabic
 * article dropped when joined by a hyphen or space ("Al-Bab" -> "bab"), and the Persian linking vowel written one
 * way ("Mazar-i-Sharif" and "Mazar-e Sharif" are one key). Never reduces a name to nothing.
 */
export function normalizePlaceName(s: string): string {
  // Most names asked for are one plain word: that is its own key, lowercased.
  if (ASCII_WORD.test(s)) return s.toLowerCase();
  const t = foldToken(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (!t) return t;
  return dropArticle(t.includes(' i ') ? t.replace(/ i (?=\S)/g, ' e ') : t);
}

/** One leading Arabic article dropped ("bab" for "al bab"); never the whole name. */
function dropArticle(t: string): string {
  const sp = t.indexOf(' ');
  if (sp > 0 && ARTICLES.has(t.slice(0, sp))) return t.slice(sp + 1);
  return t;
}

// ---------------------------------------------------------------------------------------------------------------
// Data files

/** Countries where reports are expected; their cities outrank foreign ones and their small towns are matched. */
export const CONFLICT_COUNTRIES = new Set([
  'SY', 'IQ', 'AF', 'YE', 'LB', 'TR', 'JO', 'IL', 'PS', 'UA', 'RU', 'LY', 'SO', 'SD', 'SS', 'ML', 'NG', 'BF', 'NE',
  'CD', 'CF', 'ET', 'MM', 'PK', 'MZ', 'CM', 'TD', 'EG', 'IR', 'SA',
]);

/** Order of countries when the same name is a region in several (Tripoli: Libya before Lebanon is not wanted). */
const COUNTRY_PRIORITY = ['SY', 'IQ', 'AF', 'YE', 'LB', 'UA', 'LY', 'SO', 'ML', 'NG'];

/** One first-level region as regions.json holds it (the build script reads the same shape). */
export interface RegionRecord {
  cc: string;
  name: string;
  admin1: string | null;
  capital: string;
  lat: number;
  lon: number;
  aliases: string[];
  noBareName?: boolean;
  /** Region that "X countryside", "rural X", "X province" mean (Damascus -> Rural Damascus). */
  phraseRegion?: string;
}

/** One curated alias as aliases.json holds it (the build script checks the same shape). */
export interface AliasRecord {
  name: string;
  cc: string;
  /** Name of a place in the generated data (matched by normalized key within cc) that gives id and coordinates. */
  ref?: string;
  /** Disambiguates `ref` when several places share its name. */
  refAdmin1?: string;
  admin1?: string | null;
  lat?: number;
  lon?: number;
  population?: number;
  kind?: Place['kind'];
  aliases: string[];
}

/** Hand-curated extras of one country as countries.json holds them (names and centroids are generated). */
export interface CountryRecord {
  cc: string;
  /** The plain English name analysts use, when it differs from the generated one. */
  name?: string;
  aliases: string[];
  demonyms: string[];
}

/** One country as countries.generated.json holds it. */
interface GeneratedCountry {
  cc: string;
  name: string;
  lat: number;
  lon: number;
}

/** One first-level region as regions.generated.json holds it. */
export interface GeneratedRegion {
  cc: string;
  name: string;
  /** ISO 3166-2 subdivision code (without the country). */
  code: string;
  /** GeoNames admin1 code, voted by the towns both packages share; null when none. */
  admin1: string | null;
  lat: number;
  lon: number;
  aliases: string[];
  /** Normalized names matched in text (the name, and short forms of more than three letters). */
  keys: string[];
}

/** Curated spellings of a generated region as region-aliases.json holds them. */
export interface RegionAliasRecord {
  cc: string;
  name: string;
  aliases: string[];
}

/** places.generated.json: the towns in columns, the i-th town the i-th entry of each; keys joined by |. */
interface GeneratedTowns {
  geonameId: number[];
  name: string[];
  keys: string[];
  cc: string[];
  admin1: Array<string | null>;
  lat: number[];
  lon: number[];
  population: number[];
  featureCode: string[];
}

export interface Gazetteer {
  /** Candidate places for a normalized key, best first (region/country entries included). */
  lookup(key: string): Place[];
  /** Longest name in tokens, for the matcher. */
  maxTokens: number;
  region(cc: string, admin1: string): Place | undefined;
  country(cc: string): Place | undefined;
  countryByName(nameOrDemonym: string): Place | undefined;
  /** The country of a demonym alone ("Afghan", "Congolese"), for a weak hint of where a report is. */
  countryByDemonym(word: string): Place | undefined;
  /** Words of local administration only one country uses ("barangay", "upazila"), from country-words.json; matched case-insensitively as whole words. */
  countryWords: ReadonlyMap<string, string>;
}

/** What the matcher needs beyond the public interface. */
export interface GazetteerInternals extends Gazetteer {
  readonly keys: Map<string, Place[]>;
  /** Region names and aliases (including those not matched bare), for "X province" phrases. */
  readonly regionKeys: Map<string, Place[]>;
  /** Every key of `keys` or `regionKeys` and every token-prefix of one: a name that misses here can grow no longer. */
  readonly prefixes: Set<string>;
  readonly stopwords: Set<string>;
  /** Place ids that come from curated aliases. */
  readonly curated: Set<string>;
  /** Place ids of capitals (PPLC). */
  readonly capitals: Set<string>;
  /** Region phrase targets ("Damascus countryside" -> Rural Damascus). */
  readonly phraseTargets: Map<Place, Place>;
  /** Generated regions (not curated in regions.json). */
  readonly generatedRegions: Set<Place>;
  /** Generated regions outside the conflict countries without curated spellings: believed like small foreign towns. */
  readonly minorRegions: Set<Place>;
}

export function defaultGazetteerDir(): string {
  return join(dataDir(), 'gazetteer');
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

const cache = new Map<string, GazetteerInternals>();

/** Loads (once per directory) the gazetteer from data/gazetteer. */
export function loadGazetteer(folder?: string): Gazetteer {
  const dir = resolve(folder ?? defaultGazetteerDir());
  let g = cache.get(dir);
  if (!g) {
    g = build(dir);
    cache.set(dir, g);
  }
  return g;
}

/** Rank of a candidate among places of one name: curated, countries and curated regions, generated regions and towns of the conflict countries, then towns elsewhere. */
function rankOf(p: Place, curated: Set<string>, generatedRegions: Set<Place>): number {
  if (curated.has(p.id)) return 0;
  if (p.kind === 'country') return 1;
  if (p.kind === 'region') return generatedRegions.has(p) ? 2 : 1;
  return CONFLICT_COUNTRIES.has(p.cc) ? 2 : 3;
}

function build(dir: string): GazetteerInternals {
  const gen = readJson<GeneratedTowns>(join(dir, 'places.generated.json'));
  const regionsFile = readJson<{ regions: RegionRecord[] }>(join(dir, 'regions.json'));
  const genRegions = readJson<{ regions: GeneratedRegion[] }>(join(dir, 'regions.generated.json')).regions;
  const regionAliases = readJson<{ regions: RegionAliasRecord[] }>(join(dir, 'region-aliases.json')).regions;
  const aliasesFile = readJson<{ aliases: AliasRecord[] }>(join(dir, 'aliases.json'));
  const genCountries = readJson<{ countries: GeneratedCountry[] }>(join(dir, 'countries.generated.json')).countries;
  const handCountries = new Map(readJson<{ countries: CountryRecord[] }>(join(dir, 'countries.json')).countries.map((c) => [c.cc, c]));
  const stopwords = new Set<string>();
  for (const line of readFileSync(join(dir, 'stopwords.txt'), 'utf8').split('\n')) {
    const t = line.replace(/#.*/, '').trim();
    if (t) stopwords.add(normalizePlaceName(t));
  }

  const countryName = new Map<string, string>();
  for (const c of genCountries) countryName.set(c.cc, handCountries.get(c.cc)?.name ?? c.name);
  const cname = (cc: string) => countryName.get(cc) ?? cc;

  const keys = new Map<string, Place[]>();
  const regionKeys = new Map<string, Place[]>();
  const curated = new Set<string>();
  const capitals = new Set<string>();
  const add = (m: Map<string, Place[]>, key: string, p: Place) => {
    if (!key) return;
    const list = m.get(key);
    if (!list) m.set(key, [p]);
    else if (!list.includes(p)) list.push(p);
  };

  // A generated region is shown by its short name, as analysts and ACLED write it ("Amhara", not "Amhara Region");
  // its towns carry the same name.
  const shortName = new Map(genRegions.map((r) => [`${r.cc}|${r.name}`, r.aliases.find((x) => x.length > 3) ?? r.name]));
  // Generated towns, indexed first: they are most of the names.
  const townKeys = (p: Place) => gen.keys[gen.geonameId.indexOf(Number(p.id.slice(9)))].split('|');
  for (let row = 0; row < gen.geonameId.length; row++) {
    const cc = gen.cc[row];
    const p: Place = {
      id: `geonames:${gen.geonameId[row]}`,
      name: gen.name[row],
      country: cname(cc),
      cc,
      admin1: gen.admin1[row] === null ? null : (shortName.get(`${cc}|${gen.admin1[row]}`) ?? gen.admin1[row]),
      lat: gen.lat[row],
      lon: gen.lon[row],
      population: gen.population[row],
      kind: 'city',
    };
    if (gen.featureCode[row] === 'PPLC') capitals.add(p.id);
    const ks = gen.keys[row];
    for (const k of ks.includes('|') ? ks.split('|') : [ks]) {
      const list = keys.get(k);
      if (list) list.push(p);
      else keys.set(k, [p]);
    }
  }

  // Regions: the curated ones of the conflict countries, then the generated ones of every other country.
  const regionByCode = new Map<string, Place>();
  const regionByName = new Map<string, Place>();
  const phraseTargets = new Map<Place, Place>();
  const generatedRegions = new Set<Place>();
  const minorRegions = new Set<Place>();
  const pendingPhrase: Array<[Place, RegionRecord]> = [];
  const region = (cc: string, name: string, id: string, lat: number, lon: number): Place => ({
    id: `region:${cc}:${id}`,
    name,
    country: cname(cc),
    cc,
    admin1: name,
    lat,
    lon,
    population: 0,
    kind: 'region',
  });
  // A region named like a people ("Somali" Region of Ethiopia, "Afar") is that people far more often in a report.
  const demonymKeys = new Set([...handCountries.values()].flatMap((c) => c.demonyms.map(normalizePlaceName)));
  const addRegionKeys = (p: Place, ks: string[], bare: boolean) => {
    for (const k of ks) {
      add(regionKeys, k, p);
      if (bare && !stopwords.has(k) && !demonymKeys.has(k)) add(keys, k, p);
    }
  };
  const addRegionNames = (p: Place, names: string[], bare: boolean) => addRegionKeys(p, names.map(normalizePlaceName), bare);
  for (const r of regionsFile.regions) {
    const p = region(r.cc, r.name, r.admin1 ?? normalizePlaceName(r.name).replace(/ /g, '-'), r.lat, r.lon);
    if (r.admin1) regionByCode.set(`${r.cc}|${r.admin1}`, p);
    regionByName.set(`${r.cc}|${normalizePlaceName(r.name)}`, p);
    addRegionNames(p, [r.name, ...r.aliases], !r.noBareName);
    if (r.phraseRegion) pendingPhrase.push([p, r]);
  }
  for (const [p, r] of pendingPhrase) {
    const target = regionByName.get(`${r.cc}|${normalizePlaceName(r.phraseRegion!)}`);
    if (target) phraseTargets.set(p, target);
  }
  const extraSpellings = new Map(regionAliases.map((a) => [`${a.cc}|${a.name}`, a.aliases]));
  for (const r of genRegions) {
    const p = region(r.cc, shortName.get(`${r.cc}|${r.name}`)!, r.code, r.lat, r.lon);
    generatedRegions.add(p);
    const spellings = extraSpellings.get(`${r.cc}|${r.name}`);
    if (!spellings && !CONFLICT_COUNTRIES.has(r.cc)) minorRegions.add(p);
    // Several states of the package can share one GeoNames code; the towns carry the name of the first one voted.
    if (r.admin1 && !regionByCode.has(`${r.cc}|${r.admin1}`)) regionByCode.set(`${r.cc}|${r.admin1}`, p);
    regionByName.set(`${r.cc}|${r.keys[0]}`, p);
    addRegionKeys(p, r.keys, true);
    addRegionNames(p, spellings ?? [], true);
  }

  // Countries.
  const countryByCc = new Map<string, Place>();
  const countryNames = new Map<string, Place>();
  const demonyms = new Map<string, Place>();
  for (const c of genCountries) {
    const hand = handCountries.get(c.cc);
    const p: Place = {
      id: `country:${c.cc}`,
      name: cname(c.cc),
      country: cname(c.cc),
      cc: c.cc,
      admin1: null,
      lat: c.lat,
      lon: c.lon,
      population: 0,
      kind: 'country',
    };
    countryByCc.set(c.cc, p);
    for (const n of new Set([p.name, c.name, ...(hand?.aliases ?? [])])) {
      add(keys, normalizePlaceName(n), p);
      countryNames.set(normalizePlaceName(n), p);
    }
    for (const n of hand?.demonyms ?? []) {
      countryNames.set(normalizePlaceName(n), p);
      demonyms.set(normalizePlaceName(n), p);
    }
    countryNames.set(c.cc.toLowerCase(), p);
  }

  // Curated aliases: either a generated town renamed (the curated place takes its id and its names) or a place of its own.
  const override = new Map<Place, Place>();
  for (const a of aliasesFile.aliases) {
    let p: Place;
    if (a.ref) {
      const cands = (keys.get(normalizePlaceName(a.ref)) ?? []).filter(
        (c) => c.id.startsWith('geonames:') && c.cc === a.cc && (!a.refAdmin1 || c.admin1 === a.refAdmin1),
      );
      if (cands.length === 0) continue; // the build script reports these; at run time skip quietly
      const base = cands.reduce((b, c) => (c.population > b.population ? c : b));
      p = override.get(base) ?? { ...base, name: a.name };
      if (a.admin1 !== undefined) p.admin1 = a.admin1;
      if (a.population !== undefined) p.population = a.population;
      if (a.kind) p.kind = a.kind;
      if (!override.has(base)) {
        override.set(base, p);
        for (const k of townKeys(base)) {
          const list = keys.get(k)!;
          list[list.indexOf(base)] = p;
        }
      }
    } else {
      p = {
        id: `alias:${a.cc}:${normalizePlaceName(a.name).replace(/ /g, '-')}`,
        name: a.name,
        country: cname(a.cc),
        cc: a.cc,
        admin1: a.admin1 ?? null,
        lat: a.lat ?? null,
        lon: a.lon ?? null,
        population: a.population ?? 0,
        kind: a.kind ?? 'city',
      };
    }
    curated.add(p.id);
    for (const n of [a.name, ...a.aliases]) add(keys, normalizePlaceName(n), p);
  }

  // A region named like its own capital ("Aleppo") ranks after that town: the town is more precise and carries the
  // region as admin1.
  for (const [, list] of keys) {
    if (list.length < 2) continue;
    list.sort((a, b) => {
      const ra = rankOf(a, curated, generatedRegions);
      const rb = rankOf(b, curated, generatedRegions);
      if (a.kind === 'region' && b.kind !== 'region' && b.cc === a.cc && b.admin1 === a.admin1 && rb <= 2) return 1;
      if (b.kind === 'region' && a.kind !== 'region' && a.cc === b.cc && a.admin1 === b.admin1 && ra <= 2) return -1;
      if (ra !== rb) return ra - rb;
      if (a.kind === 'region' && b.kind === 'region') return ccPriority(a.cc) - ccPriority(b.cc);
      return b.population - a.population;
    });
  }
  for (const [, list] of regionKeys) {
    if (list.length > 1) list.sort((a, b) => ccPriority(a.cc) - ccPriority(b.cc));
  }

  // Keys and their token-prefixes in one set, so the matcher learns that a name can grow no longer in one lookup.
  let maxTokens = 1;
  const prefixes = new Set<string>();
  for (const m of [keys, regionKeys]) {
    for (const k of m.keys()) {
      prefixes.add(k);
      let sp = k.indexOf(' ');
      if (sp < 0) continue;
      let n = 1;
      while (sp >= 0) {
        prefixes.add(k.slice(0, sp));
        n++;
        sp = k.indexOf(' ', sp + 1);
      }
      if (n > maxTokens) maxTokens = n;
    }
  }

  return {
    keys,
    regionKeys,
    prefixes,
    stopwords,
    curated,
    capitals,
    phraseTargets,
    generatedRegions,
    minorRegions,
    maxTokens,
    lookup: (key: string) => keys.get(key) ?? [],
    region(cc: string, admin1: string) {
      const k = normalizePlaceName(admin1);
      return (
        regionByCode.get(`${cc}|${admin1}`) ??
        regionByName.get(`${cc}|${k}`) ??
        regionKeys.get(k)?.find((p) => p.cc === cc)
      );
    },
    country: (cc: string) => countryByCc.get(cc.toUpperCase()),
    countryByName(nameOrDemonym: string) {
      const n = normalizePlaceName(nameOrDemonym.replace(/\./g, ''));
      return countryNames.get(n) ?? countryNames.get(n.replace(/^the /, ''));
    },
    countryByDemonym: (word: string) => demonyms.get(normalizePlaceName(word)),
    countryWords: new Map(readJson<{ words: Array<{ word: string; cc: string }> }>(join(dir, 'country-words.json')).words.map((w) => [w.word.toLowerCase(), w.cc])),
  };
}

function ccPriority(cc: string): number {
  const i = COUNTRY_PRIORITY.indexOf(cc);
  return i < 0 ? COUNTRY_PRIORITY.length : i;
}
