// Scores summaries against gold codings in the FA-KES-style format (see shared/eval/README.md):
// one accuracy per field, compared the way that README says.
import type { ReportSummary, Weapon } from '../domain/types.js';
import { loadGazetteer } from '../extract/gazetteer.js';

export interface Gold {
  killed?: number;
  killed_civilians?: number;
  wounded?: number;
  captured?: number;
  date?: string;
  admin1?: string;
  country?: string;
  perpetrator_bloc?: string;
  cause?: string;
  weapon_class?: string;
  perpetrator?: string;
  place?: string;
  event_type?: string;
  sub_event_type?: string;
  latitude?: number;
  longitude?: number;
}

export const FIELDS = [
  'killed', 'killed_civilians', 'wounded', 'captured', 'date', 'admin1', 'country', 'place', 'coordinates',
  'perpetrator_bloc', 'perpetrator', 'cause', 'weapon_class', 'event_type', 'sub_event_type',
] as const;
export type Field = (typeof FIELDS)[number];

const CAUSE: Record<string, string> = {
  air_strike: 'shelling', drone_strike: 'shelling', shelling: 'shelling', artillery: 'shelling', missile: 'shelling', rocket: 'shelling', barrel_bomb: 'shelling', cluster_munition: 'shelling',
  ied: 'explosion', car_bomb: 'explosion', suicide_bomb: 'explosion', landmine: 'explosion', explosion: 'explosion', bomb: 'explosion', grenade: 'explosion',
  chemical: 'chemical',
  gunfire: 'shooting', sniper: 'shooting', clash: 'shooting', shooting: 'shooting',
  execution: 'execution', torture: 'execution',
};

export function causeOf(weapon: Weapon | null | undefined): string {
  return (weapon && CAUSE[weapon]) || 'unknown';
}

const WEAPON_CLASS: Partial<Record<Weapon, string>> = {
  air_strike: 'explosives', drone_strike: 'explosives', shelling: 'explosives', artillery: 'explosives', missile: 'explosives',
  rocket: 'explosives', barrel_bomb: 'explosives', cluster_munition: 'explosives', ied: 'explosives', car_bomb: 'explosives',
  suicide_bomb: 'explosives', landmine: 'explosives', explosion: 'explosives', bomb: 'explosives', grenade: 'explosives',
  gunfire: 'firearms', sniper: 'firearms', shooting: 'firearms', execution: 'firearms',
  chemical: 'chemical',
  arson: 'incendiary',
  stabbing: 'melee', beating: 'melee',
};

/** The eval README's weapon classes; null for a weapon in none of them (a clash, a ramming). */
export function weaponClassOf(weapon: Weapon | null | undefined): string | null {
  return (weapon && WEAPON_CLASS[weapon]) || null;
}

/** Words that say what kind of body a name is, not which one: set aside when names are compared. */
const NAME_STOPWORDS = new Set([
  'the', 'of', 'al', 'el', 'and', 'in', 'forces', 'force', 'group', 'groups', 'militants', 'militant', 'suspected', 'movement',
  'organization', 'organisation', 'army', 'front', 'party', 'near', 'city', 'town', 'village', 'district', 'province', 'a', 'an',
]);

function nameWords(s: string): string[] {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’‘`]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !NAME_STOPWORDS.has(w));
}

/** The same name once stop words are set aside, or one name's words all contained in the other's. */
export function sameName(pred: string | null | undefined, gold: string): boolean {
  if (!pred) return false;
  const p = nameWords(pred);
  const g = nameWords(gold);
  if (p.length === 0 || g.length === 0) return false;
  const ps = new Set(p);
  const gs = new Set(g);
  return g.every((w) => ps.has(w)) || p.every((w) => gs.has(w));
}

/** Spelling-insensitive: case, accents, punctuation and spaces do not matter. */
export function looseKey(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]/g, '');
}

function sameAdmin1(pred: string | null, gold: string): boolean {
  if (!pred) return false;
  const p = looseKey(pred.replace(/^rural\s+|\s+countryside$|^rif\s+/i, ''));
  const g = looseKey(gold);
  // The FA-KES annotators code Rural Damascus as Damascus.
  return p === g || (g === 'damascus' && p === looseKey('Dimashq'));
}

function sameType(pred: string | null, gold: string): boolean {
  if (looseKey(gold) === 'none') return pred === null;
  return !!pred && looseKey(pred) === looseKey(gold);
}

/** One country however it is spelled: "DR Congo" and "Democratic Republic of the Congo" are one. */
function sameCountry(pred: string | null, gold: string): boolean {
  if (!pred) return false;
  if (looseKey(pred) === looseKey(gold)) return true;
  const gaz = loadGazetteer();
  const p = gaz.countryByName(pred);
  const g = gaz.countryByName(gold);
  return !!p && !!g && p.cc === g.cc;
}

function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = 6371;
  const dLat = ((lat2 - lat1) * Math.PI) / 180;
  const dLon = ((lon2 - lon1) * Math.PI) / 180;
  const x = Math.sin(dLat / 2) ** 2 + Math.cos((lat1 * Math.PI) / 180) * Math.cos((lat2 * Math.PI) / 180) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(x));
}

/** Per field: true (hit), false (miss), or undefined when the gold line does not code it. */
export function scoreOne(pred: ReportSummary | null, gold: Gold): Partial<Record<Field, boolean>> {
  const s: Partial<Record<Field, boolean>> = {};
  const p = pred;
  if (gold.killed !== undefined) s.killed = (p?.killed ?? 0) === gold.killed;
  if (gold.killed_civilians !== undefined) s.killed_civilians = (p?.killed_civilians ?? 0) === gold.killed_civilians;
  if (gold.wounded !== undefined) s.wounded = (p?.wounded ?? 0) === gold.wounded;
  if (gold.captured !== undefined) s.captured = (p?.captured ?? 0) === gold.captured;
  if (gold.date !== undefined) s.date = p?.date === gold.date;
  if (gold.admin1 !== undefined) s.admin1 = sameAdmin1(p?.admin1 ?? null, gold.admin1);
  if (gold.country !== undefined) s.country = sameCountry(p?.country ?? null, gold.country);
  if (gold.perpetrator_bloc !== undefined) s.perpetrator_bloc = (p?.perpetrator_bloc ?? 'unknown') === gold.perpetrator_bloc;
  if (gold.cause !== undefined) s.cause = causeOf(p?.weapon) === gold.cause;
  if (gold.weapon_class !== undefined) s.weapon_class = weaponClassOf(p?.weapon) === gold.weapon_class;
  if (gold.perpetrator !== undefined) s.perpetrator = sameName(p?.perpetrator, gold.perpetrator);
  if (gold.place !== undefined) s.place = sameName(p?.location?.name, gold.place);
  // A report of no political violence or demonstration is coded `none`: a null type is its right answer.
  if (gold.event_type !== undefined) s.event_type = sameType(p?.event_type ?? null, gold.event_type);
  if (gold.sub_event_type !== undefined) s.sub_event_type = sameType(p?.sub_event_type ?? null, gold.sub_event_type);
  if (gold.latitude !== undefined && gold.longitude !== undefined) {
    const loc = p?.location;
    s.coordinates = !!loc && loc.lat !== null && loc.lon !== null && km(loc.lat, loc.lon, gold.latitude, gold.longitude) <= 25;
  }
  return s;
}

export interface FieldScore {
  field: string;
  hits: number;
  total: number;
}

/** Accuracy per field, plus `killed` split into reports with deaths and reports without. */
export function scoreAll(pairs: Array<{ pred: ReportSummary | null; gold: Gold }>): FieldScore[] {
  const rows = new Map<string, FieldScore>();
  const bump = (field: string, hit: boolean) => {
    const r = rows.get(field) ?? { field, hits: 0, total: 0 };
    r.total++;
    if (hit) r.hits++;
    rows.set(field, r);
  };
  for (const { pred, gold } of pairs) {
    const s = scoreOne(pred, gold);
    for (const f of FIELDS) if (s[f] !== undefined) bump(f, s[f]!);
    if (gold.killed !== undefined) bump(gold.killed > 0 ? 'killed (where deaths)' : 'killed (where none)', !!s.killed);
  }
  const order = [...FIELDS, 'killed (where deaths)', 'killed (where none)'];
  return order.filter((f) => rows.has(f)).map((f) => rows.get(f)!);
}
