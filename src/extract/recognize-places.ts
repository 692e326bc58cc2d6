// Stage 3b. Places named in the report, resolved against the gazetteer in the report's country.
// A place that only says where a claimant sits ("the Britain-based monitor", "a spokesman in Washington",
// "Russia's defence ministry said") or where the story was filed (the dateline) is not where anything happened,
// so it is dropped here; it still hints at the report's country when nothing else does.
import type { Place, PlaceMention, PlacePrecision, Sentence } from '../domain/types.js';
import type { Located } from './analysis.js';
import { loadGazetteer, normalizePlaceName, type Gazetteer, type GazetteerInternals } from './gazetteer.js';
import { findPlaceMentions, isMinorPlace, type PlaceMatch } from './find-place-mentions.js';
import type { Token } from './tokenize.js';
import { tokenRange } from './analysis.js';

const DIRECTION = /(?:(\d+\s*(?:km|kilometres|kilometers|miles)\s+)?\b(north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)(?:ern)?\s+of\s+(?:the\s+)?(?:city\s+of\s+|town\s+of\s+|capital\s+)?|\b(near|outside|around|outskirts\s+of|countryside\s+of|edge\s+of|close\s+to)\s+(?:the\s+)?(?:city\s+of\s+|town\s+of\s+)?)$/i;

export interface PlaceReading {
  places: Array<PlaceMention & Located>;
  country: string | null;
}

/** How much a place dropped as a speaker's seat or a dateline, or a demonym, counts towards the report's country. */
const HINT_WEIGHT = 0.4;
const DEMONYM_WEIGHT = 0.25;
const DEMONYM_CAP = 0.6;
/** "a man from the West Bank", "fighters from neighbouring Somalia": where someone comes from. */
const ORIGIN = /\bfrom[ \u00a0]+(?:the[ \u00a0]+)?(?:neighbou?ring[ \u00a0]+)?$/i;
/** A small foreign town worded as a place counts towards the report's country, less than a place known on its own. */
const MINOR_WEIGHT = 0.6;

export function recognizePlaces(text: string, sentences: Sentence[], tokens: Token[]): PlaceReading {
  const gaz = loadGazetteer();
  const raw = findPlaceMentions(text, gaz);
  const hints = new Map<string, number>();
  const hint = (cc: string, w: number) => hints.set(cc, (hints.get(cc) ?? 0) + w);
  const kept: PlaceMatch[] = [];
  let lastDateline = -1;
  for (const m of raw) {
    const dateline = isDateline(text, m.start, m.end) || (lastDateline >= 0 && isDatelineCountry(text, lastDateline, m));
    if (dateline) lastDateline = m.end;
    // A claimant's seat ("the Britain-based monitor") says nothing of the incident's country.
    if (isClaimantBase(text, m.end)) continue;
    // "TAIZ, Aug 22 (Red Sea Reporter) -": a word of the agency's name in a dateline is no place at all.
    if (isDatelineAgency(text, m.start, m.end)) continue;
    // "Barangay San Jose": a village of the country whose word names it, not that country's namesake abroad.
    const local = localUnitCountry(text, m.start, gaz);
    if (local) {
      const here = m.candidates.filter((p) => p.cc === local);
      if (here.length === 0) {
        hint(local, 1);
        continue;
      }
      kept.push(Object.assign({}, m, { candidates: here, cued: true }));
      continue;
    }
    // A place in an organisation's name ("Patriotic Union of Kurdistan", "Communist Party of Nepal") is not where
    // anything happened; it hints where the organisation fights. A region phrase stays a place ("... Council of Borno State").
    if (!REGION_PHRASE_END.test(m.text) && ORGANISATION_BEFORE.test(text.slice(Math.max(0, m.start - 70), m.start))) {
      if (m.candidates[0]) hint(m.candidates[0].cc, HINT_WEIGHT);
      continue;
    }
    // "near the border with Kenya": the neighbour is not where anything happened, nor a hint of it.
    if (isBorder(text, m)) continue;
    if (dateline || isSpeakerSeat(text, m.start, m.end)) {
      if (m.candidates[0] && !m.candidates.every((p) => isMinorPlace(gaz, p))) hint(m.candidates[0].cc, HINT_WEIGHT);
      continue;
    }
    kept.push(m);
  }
  demonymHints(text, gaz, hint);
  countryWordHints(text, gaz, hint);
  // The report's country: a town named with its region votes for the region's country; a small foreign town
  // only when worded as a place and named in one country alone, and then less than a known place.
  const votes: Vote[] = [];
  kept.forEach((m, i) => {
    const region = kept[i + 1] ? enclosingRegion(m, kept[i + 1], text, null) : null;
    const anchor = kept[i + 1] ? distanceAnchor(m, kept[i + 1], text) : null;
    if (anchor) {
      // "Balad, 31 km northeast of Mogadishu": the town lies in the anchor's country; the anchor votes for itself.
      const near = m.candidates.find((p) => p.cc === anchor.cc);
      if (near) votes.push({ place: near, weight: 1 });
      return;
    }
    const top = m.candidates[0];
    // Where someone comes from ("a man from the West Bank stabbed ... in Netanya") is not where it happened.
    const origin = ORIGIN.test(text.slice(Math.max(0, m.start - 24), m.start));
    if (region) votes.push({ place: region, weight: 1 });
    else if (origin) votes.push({ place: top, weight: 0.4, flat: true });
    // "the UAE ambassador", "the US embassy": a country's envoys serve abroad.
    else if (top.kind === 'country' && ABROAD_AFTER.test(text.slice(m.end, m.end + 40))) return;
    else if (!m.candidates.every((p) => isMinorPlace(gaz, p))) votes.push({ place: top, weight: top.kind === 'country' ? 0.5 : 1, alternatives: knownElsewhere(gaz, m) });
    else if (m.cued && new Set(m.candidates.map((p) => p.cc)).size === 1) votes.push({ place: top, weight: MINOR_WEIGHT, flat: true });
  });
  const country = dominantCountry(votes, hints);
  const places: Array<PlaceMention & Located> = [];
  let s = 0;
  const matched: Resolved[] = kept.map((m, i) => ({ m, place: resolve(gaz, m, kept[i + 1], text, country) }));
  matched.push(...unlistedTowns(text, kept, gaz, country));
  matched.sort((x, y) => x.m.start - y.m.start);
  for (const { m, place } of matched) {
    if (!place) continue;
    while (s + 1 < sentences.length && sentences[s].end <= m.start) s++;
    while (s > 0 && sentences[s].start > m.start) s--;
    const before = text.slice(Math.max(0, m.start - 60), m.start);
    const rel = DIRECTION.exec(before);
    let precision: PlacePrecision = place.id.startsWith(UNLISTED) ? (place.admin1 ? 'admin1' : 'country') : place.kind === 'region' ? 'admin1' : place.kind === 'country' ? 'country' : 'exact';
    if (rel && precision === 'exact') precision = 'near';
    const range = tokenRange(tokens, m.start, m.end);
    const mention: PlaceMention & Located = { start: m.start, end: m.end, from: range.from, to: range.to, text: m.text, sentence: s, place, precision };
    if (rel) mention.direction = (rel[2] ?? rel[3]).toLowerCase().replace(/\s+/g, ' ');
    places.push(mention);
  }
  return { places, country };
}

interface Resolved {
  m: PlaceMatch;
  place: Place | undefined;
}

/** Id prefix of a town the gazetteer lacks, known only by the region named with it. */
const UNLISTED = 'unlisted:';

/** What stands between a town and the region that places it: "Tula municipality, Hidalgo", "Afgooye (Lower Shabelle)", "Tikrit district in Saladin". */
const TOWN_IN_REGION = /^(?:[ \u00a0]+(?:district|municipality|county|sub-?district|tehsil|township|village|town|city|area|commune))?[ \u00a0]*(?:,|\(|[ \u00a0]in|[ \u00a0]of)[ \u00a0]*(?:the[ \u00a0]+)?(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?[ \u00a0]+)?(?:province[ \u00a0]+of[ \u00a0]+)?$/i;

/**
 * The place a match means: within the region named right after it ("X district, Y"), else in the report's country.
 * A small foreign town counts only when worded as a place or in the report's country.
 */
function resolve(gaz: Gazetteer, m: PlaceMatch, next: PlaceMatch | undefined, text: string, country: string | null): Place | undefined {
  const anchor = next ? distanceAnchor(m, next, text) : null;
  if (anchor) return m.candidates.find((p) => p.cc === anchor.cc) ?? unlisted(m.text, anchor);
  const region = next ? enclosingRegion(m, next, text, country) : null;
  if (region) {
    const inside = m.candidates.find(
      (p) => p.cc === region.cc && p.kind !== 'country' && (region.kind === 'country' || (p.kind !== 'region' && p.admin1 === region.admin1)),
    );
    if (inside) return inside;
    // Known elsewhere in that country: a list of places ("Aleppo, Idlib and Hama"), not a town in the region.
    if (!m.candidates.some((p) => p.cc === region.cc)) return unlisted(m.text, region);
  }
  const place = (country && m.candidates.find((p) => p.cc === country)) || m.candidates[0];
  if (!place) return undefined;
  // A small town abroad is kept when worded as a place, unless the report is known to be about another country
  // ("the north Cameroonian town of Bodo" is not Bodø in Norway).
  if (isMinorPlace(gaz, place) && place.cc !== country && (!m.cued || country)) return undefined;
  return place;
}

/** The region (or country) `next` names when it follows `m` as the one that encloses it ("X district, Y", "X (Y)", "X, Jordan"). */
function enclosingRegion(m: PlaceMatch, next: PlaceMatch, text: string, country: string | null): Place | null {
  if (!TOWN_IN_REGION.test(text.slice(m.end, next.start))) return null;
  const top = m.candidates[0];
  if (top && (top.kind === 'country' || (top.kind === 'region' && top.cc === country))) return null;
  // "Al-Karak, Jordan": the town in that country.
  if (next.candidates[0]?.kind === 'country') return next.candidates[0];
  const regions = next.candidates.filter((p) => p.kind === 'region');
  if (regions.length === 0) return null;
  const ccs = new Set(m.candidates.map((p) => p.cc));
  return regions.find((r) => r.cc === country && ccs.has(r.cc)) ?? regions.find((r) => ccs.has(r.cc)) ?? regions.find((r) => r.cc === country) ?? regions[0];
}

/** "X, some 31 km northeast of Y", "X, 20 miles south of the capital Y": the gap between a town and the place it is measured from. */
const DISTANCE_FROM = /^,?[ \u00a0]+(?:some[ \u00a0]+|about[ \u00a0]+|around[ \u00a0]+|roughly[ \u00a0]+|nearly[ \u00a0]+)?\d+(?:[.,]\d+)?[ \u00a0]*(?:km|kilomet(?:re|er)s?|miles?)[ \u00a0]+(?:\(\d+[ \u00a0]*(?:km|miles?)\)[ \u00a0]+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?(?:(?:city|town|capital|village)[ \u00a0]+(?:of[ \u00a0]+)?)?$/i;

function distanceAnchor(m: PlaceMatch, next: PlaceMatch, text: string): Place | null {
  const top = next.candidates[0];
  if (!top || top.kind === 'country' || !DISTANCE_FROM.test(text.slice(m.end, next.start))) return null;
  return top;
}

/** A town the gazetteer does not know, placed by the region (or country) it is named with: its admin1 and centroid. */
function unlisted(name: string, region: Place): Place {
  return {
    id: `${UNLISTED}${region.cc}:${normalizePlaceName(name).replace(/ /g, '-')}`,
    name,
    country: region.country,
    cc: region.cc,
    admin1: region.admin1,
    lat: region.lat,
    lon: region.lon,
    population: 0,
    kind: 'city',
  };
}

/** "Dara-i-Nur district, Nangarhar", "Sangin district of Helmand": a capitalized name the gazetteer lacks, before an administrative word and a known region. */
const NAME = String.raw`(\p{Lu}[\p{L}'’]*(?:[-‐ ](?:(?:i|e|ul|ud|ur|al|el|de|la|del|di|da|do|dos)[-‐ ])?\p{Lu}[\p{L}'’]*){0,3})`;
const UNKNOWN_BEFORE_REGION = new RegExp(
  String.raw`(?:${NAME}[ \u00a0]+(?:district|municipality|county|department|division|sub-?district|tehsil|taluka|township|village|town|area|commune)[ \u00a0]*(?:,|\(|[ \u00a0]in|[ \u00a0]of)|\b(?:in|near|at|outside|of)[ \u00a0]+(?:the[ \u00a0]+)?(?:(?:village|town|city|municipality|commune|district|county)[ \u00a0]+of[ \u00a0]+)?${NAME}[ \u00a0]*(?:,|\(|[ \u00a0]in))[ \u00a0]*(?:the[ \u00a0]+)?$`,
  'u',
);

function unlistedTowns(text: string, kept: PlaceMatch[], gaz: Gazetteer, country: string | null): Resolved[] {
  const out: Resolved[] = [];
  kept.forEach((r, i) => {
    const region = r.candidates.find((p) => p.kind === 'region' && (!country || p.cc === country));
    if (!region) return;
    const from = Math.max(i > 0 ? kept[i - 1].end : 0, r.start - 80);
    const u = UNKNOWN_BEFORE_REGION.exec(text.slice(from, r.start));
    if (!u) return;
    const name = u[1] ?? u[2];
    const start = from + u.index + u[0].indexOf(name);
    // A common word capitalized ("Most", "Both") is written in lowercase elsewhere in the report.
    if (/^(?:The|A|An|In|Of)\b/.test(name) || new RegExp(`\\b${name.toLowerCase()}\\b`).test(text)) return;
    if ((gaz as GazetteerInternals).stopwords.has(normalizePlaceName(name))) return;
    const m: PlaceMatch = { start, end: start + name.length, text: name, candidates: [], cued: true };
    out.push({ m, place: unlisted(name, region) });
  });
  return out;
}

const REGION_PHRASE_END = /[ \u00a0](?:State|Province|Region|District|Governorate|County|Department)$/i;
/** Before a place inside an organisation's name: "Patriotic Union of", "the Alliance of Patriots for a Free and Sovereign". */
const ORGANISATION_BEFORE = /(?:(?:^|[^\p{L}])(?!(?:The|A|An|In|On|At)[ \u00a0])\p{Lu}[\p{L}'’]*[ \u00a0]+(?:Union|Front|Party|Movement|Army|Council|Alliance|Forces|Brigades?|Organi[sz]ation|Congress|League|Association|Federation|Coalition|Committee|Liberation|Patriots|Freedom|Independence|Mujahideen|State)|\bthe[ \u00a0]+(?:Union|Front|Party|Movement|Army|Council|Alliance|Forces|Organi[sz]ation|Congress|League|Coalition|Committee))[ \u00a0]+(?:of|for)[ \u00a0]+(?:the[ \u00a0]+|a[ \u00a0]+)?(?:\p{Lu}[\p{L}'’]*[ \u00a0]+(?:(?:and|of|for|the|a)[ \u00a0]+){0,2}){0,3}$/u;

/** "Britain-based", "London-based": the claimant's seat; "US-led", "Iranian-backed", "United States-operated": a sponsor, not a place. */
function isClaimantBase(text: string, end: number): boolean {
  return /^\s*-?\s*(?:based|backed|led|funded|trained|supplied|sponsored|operated|made|allied|aligned)\b/i.test(text.slice(end, end + 14));
}

/** Who speaks from a place: "Russia's defence ministry", "Kabul's envoy". */
const SPEAKER_AFTER = /^(?:['’]s)?[ \u00a0]+(?:(?:defen[cs]e|foreign|interior|state|home|health|information|war)[ \u00a0]+)?(?:ministry|ministries|minister|government|officials|spokes(?:man|woman|person)|embassy|envoy|ambassador|president|prime[ \u00a0]minister|foreign[ \u00a0]minister|authorities|state[ \u00a0]media|news[ \u00a0]agency|television|mission|delegation)\b[^.!?]{0,80}\b(?:said|says|told|announced|stated|claimed|denied|reported|condemned|warned)\b/i;
/** Where a speaker sits: "a spokesman in Washington", "told reporters in Geneva", "the embassy in Kabul". */
const SPEAKER_BEFORE = /\b(?:spokes(?:man|woman|person)|officials?|diplomats?|envoy|ambassador|correspondent|reporters|news[ \u00a0]conference|press[ \u00a0]conference|briefing|speaking|statement[ \u00a0]issued)[ \u00a0]+(?:based[ \u00a0]+)?in[ \u00a0]+(?:the[ \u00a0]+)?$/i;
/** "The ministry in Kabul said": an institution's seat only when it speaks; "shells hit the embassy in Baghdad" is a target. */
const INSTITUTION_BEFORE = /\b(?:ministry|embassy|consulate|headquarters)[ \u00a0]+in[ \u00a0]+(?:the[ \u00a0]+)?$/i;
const SPEAKS_AFTER = /^[^.!?;]{0,60}\b(?:said|says|told|announced|stated|denied|condemned|warned)\b/;
/** "In Moscow, officials said ...": a clause that opens with the place and goes straight to the speaking. */
const SPEAKER_OPENING = /(?:^|[.!?;\n][ \u00a0"“]*)In[ \u00a0]+$/;
const SPEAKER_CLAUSE = /^,[ \u00a0]+(?:[\p{L}'’-]+[ \u00a0]+){0,5}?(?:said|says|told|announced|stated|claimed|denied|warned|condemned)\b/u;

function isSpeakerSeat(text: string, start: number, end: number): boolean {
  const after = text.slice(end, end + 140);
  if (SPEAKER_AFTER.test(after)) return true;
  const before = text.slice(Math.max(0, start - 40), start);
  if (SPEAKER_BEFORE.test(before)) return true;
  if (INSTITUTION_BEFORE.test(before) && SPEAKS_AFTER.test(after)) return true;
  return SPEAKER_OPENING.test(before) && SPEAKER_CLAUSE.test(after);
}

function isDatelineAgency(text: string, start: number, end: number): boolean {
  return start < 400 && /\([^()\n]{0,40}$/.test(text.slice(Math.max(0, start - 40), start)) && /^[^()\n]{0,40}\)[ \u00a0]*[-–—]/.test(text.slice(end, end + 45));
}

/** "BEIRUT -", "DAMASCUS (Reuters) -", "Beirut, Feb 15 -": the dateline at the top of a wire story. */
function isDateline(text: string, start: number, end: number): boolean {
  // "BEIRUT (Reuters) -" anywhere near the top, after headline junk.
  const name = text.slice(start, end);
  if (start < 400 && name.length > 3 && name === name.toUpperCase() && /^\s*(?:\([A-Za-z .]+\)\s*)?-/.test(text.slice(end, end + 30))) return true;
  if (start > 80) return false;
  const after = text.slice(end, end + 40);
  const head = text.slice(0, start);
  const upper = text.slice(start, end) === text.slice(start, end).toUpperCase();
  // The dateline's dash stands apart ("Beirut, Feb 15 -"), never inside a word ("Avtury, south-east of ...").
  return (/^\s*(?:,[^.\n]{0,25})?\s*(?:\([A-Za-z .]+\))?\s*-(?!\p{L})/u.test(after) && (upper || !/[.!?]/.test(head))) || (upper && /^\s*[,(:]/.test(after) && !/[a-z]/.test(head));
}

/** "KABUL, Afghanistan (March 3, 2012) -": the country that follows a dateline city is part of the dateline. */
function isDatelineCountry(text: string, datelineEnd: number, m: PlaceMatch): boolean {
  return /^,[ \u00a0]*$/.test(text.slice(datelineEnd, m.start)) && /^[ \u00a0]*(?:\(|[-–—]|,[ \u00a0]*\p{Lu}[a-z]{2})/u.test(text.slice(m.end, m.end + 12));
}

/**
 * Demonyms: a weak hint of the report's country ("two Israeli teenagers"), capped per country; stronger when they
 * qualify a place ("the north Cameroonian town of Bodo", "the Malian Mopti region") or a country's own police
 * ("Iraqi policemen", "a Malian gendarmerie post"), none for those who serve abroad ("Chadian peacekeepers", "a Turkish
 * embassy") or a neighbour's side of a border ("near the Nigerian border").
 */
function demonymHints(text: string, gaz: Gazetteer, hint: (cc: string, w: number) => void): void {
  const seen = new Map<string, number>();
  const strong = new Set<string>();
  for (const d of text.matchAll(/\b\p{Lu}[\p{Ll}]+\b/gu)) {
    const c = gaz.countryByDemonym(d[0]);
    if (!c) continue;
    const after = text.slice(d.index! + d[0].length, d.index! + d[0].length + 40);
    // "Saudi Arabia", "South Sudan": part of a country's name, which votes (or not) as a place.
    const next = /^[ \u00a0]+(\p{Lu}\p{Ll}+)/u.exec(after);
    if (next && gaz.countryByName(`${d[0]} ${next[1]}`)) continue;
    // "an Iranian-American": the last of joined demonyms says where the person belongs.
    if (/^-\p{Lu}/u.test(after)) continue;
    // "pro-Russian separatists", "anti-American protesters": a side taken, not a place.
    if (/\b(?:pro|anti)-$/i.test(text.slice(Math.max(0, d.index! - 5), d.index!))) continue;
    if (BORDER_AFTER.test(after) || ABROAD_AFTER.test(after) || SPONSOR_AFTER.test(after)) continue;
    const weight = PLACE_AFTER.test(after) ? DEMONYM_PLACE_WEIGHT : FORCE_AFTER.test(after) ? DEMONYM_FORCE_WEIGHT : 0;
    if (weight > 0) {
      // Once per country: a second "Iraqi police" adds nothing the first did not say.
      if (!strong.has(`${c.cc}:${weight}`)) hint(c.cc, weight);
      strong.add(`${c.cc}:${weight}`);
      continue;
    }
    const had = seen.get(c.cc) ?? 0;
    if (had >= DEMONYM_CAP) continue;
    seen.set(c.cc, had + DEMONYM_WEIGHT);
    hint(c.cc, DEMONYM_WEIGHT);
  }
}

const PLACE_AFTER = /^[ \u00a0]+(?:\p{Lu}[\p{L}'’-]+[ \u00a0]+){0,2}(?:(?:border|frontier|coastal|port|northern|southern|eastern|western|central|capital)[ \u00a0]+)?(?:town|city|village|province|region|district|state|governorate|capital|port)\b(?![ \u00a0]+(?:of(?:ficials?)?[ \u00a0]+\p{Lu}[\p{Ll}]+[ \u00a0]+(?:said|says)))/u;
/** Police serve at home; soldiers often abroad ("British troops" in Iraq, "Kenyan soldiers" in Somalia). */
const FORCE_AFTER = /^[ \u00a0]+(?:(?:border|traffic|riot|federal|state|local)[ \u00a0]+)?(?:police(?:m[ae]n|wom[ae]n)?|police[ \u00a0]+(?:officers?|station|post|checkpoint|patrol)|gendarmes?|gendarmerie|constables?|border[ \u00a0]+guards?)\b/;
/** Those serving or sailing abroad: a ship flies its flag far from home ("a Vietnamese cargo ship" hijacked off Basilan). */
const ABROAD_AFTER = /^[ \u00a0]+(?:(?:UN|U\.N\.)[ \u00a0]+)?(?:peacekeep(?:ers?|ing)|embassy|consulate|diplomats?|ambassador|tourists?|volunteers?|aid[ \u00a0]+workers?|journalists?|nationals?|pilgrims?|contractors?|(?:(?:cargo|merchant|container)[ \u00a0]+)?(?:ships?|vessels?|tankers?)|seafarers?|sailors|crew)\b/;
const SPONSOR_AFTER = /^-(?:backed|led|funded|trained|supplied|sponsored|operated|made|allied|aligned)\b/i;
const DEMONYM_PLACE_WEIGHT = 1;
const DEMONYM_FORCE_WEIGHT = 0.6;

/** "in Barangay San Jose", "Jere LGA", "a village sarpanch": words of local administration only one country uses. */
const COUNTRY_WORD_WEIGHT = 0.5;
const countryWordPatterns = new WeakMap<Gazetteer, RegExp>();

function countryWordHints(text: string, gaz: Gazetteer, hint: (cc: string, w: number) => void): void {
  let re = countryWordPatterns.get(gaz);
  if (!re) {
    const words = [...gaz.countryWords.keys()].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \u00a0]+'));
    re = new RegExp(`\\b(?:${words.join('|')})\\b`, 'gi');
    countryWordPatterns.set(gaz, re);
  }
  const seen = new Set<string>();
  for (const m of text.matchAll(re)) {
    const cc = gaz.countryWords.get(m[0].toLowerCase().replace(/\s+/g, ' '));
    if (cc && !seen.has(cc)) hint(cc, COUNTRY_WORD_WEIGHT);
    if (cc) seen.add(cc);
  }
}

/** The country of a local-administration word right before a name ("Barangay San Jose", "Tambon Bang Pu"). */
function localUnitCountry(text: string, start: number, gaz: Gazetteer): string | undefined {
  const w = /([\p{L}]+)[ \u00a0]+$/u.exec(text.slice(Math.max(0, start - 20), start));
  return w ? gaz.countryWords.get(w[1].toLowerCase()) : undefined;
}

interface Vote {
  place: Place;
  weight: number;
  /** No bonus for coming early. */
  flat?: boolean;
  /** The same name's well-known places in other countries ("Rafah" in Gaza and in Sinai; "Tripoli" in Libya and Lebanon). */
  alternatives?: Place[];
}

/** The known (not minor) places of a name in countries other than its first candidate's. */
function knownElsewhere(gaz: Gazetteer, m: PlaceMatch): Place[] | undefined {
  const top = m.candidates[0];
  const others = m.candidates.filter((p) => p.cc !== top.cc && p.kind !== 'country' && !isMinorPlace(gaz, p));
  return others.length ? others : undefined;
}

/** "near the border with Nigeria", "the Nigeria border", "crossed from Nigeria": a neighbour, not where it happened. */
const BORDER_BEFORE = /\b(?:borders?[ \u00a0]+(?:with|of)|frontier[ \u00a0]+with|crossed[ \u00a0]+(?:over[ \u00a0]+)?from|fled[ \u00a0]+(?:in)?to|fled[ \u00a0]+from)[ \u00a0]+(?:the[ \u00a0]+)?$/i;
const BORDER_AFTER = /^[ \u00a0]+(?:border|frontier)\b(?![ \u00a0]+(?:guards?|police|force|troops|town|city|village|province|region|district|area|crossing[ \u00a0]+(?:in|of)))/i;

function isBorder(text: string, m: PlaceMatch): boolean {
  if (m.candidates[0]?.kind !== 'country') return false;
  return BORDER_BEFORE.test(text.slice(Math.max(0, m.start - 30), m.start)) || BORDER_AFTER.test(text.slice(m.end, m.end + 30));
}

/**
 * The country with most weight; earlier mentions weigh more (the lead names the incident's place). A name known in
 * several countries goes to the one the rest of the report points at, else to its best-known place.
 */
function dominantCountry(votes: Vote[], hints: Map<string, number>): string | null {
  const others = new Map(hints);
  for (const v of votes) if (!v.alternatives) others.set(v.place.cc, (others.get(v.place.cc) ?? 0) + v.weight);
  const weight = new Map(hints);
  votes.forEach((v, i) => {
    const backed = v.alternatives?.filter((p) => (others.get(p.cc) ?? 0) > (others.get(v.place.cc) ?? 0)).sort((a, b) => others.get(b.cc)! - others.get(a.cc)!)[0];
    const cc = (backed ?? v.place).cc;
    weight.set(cc, (weight.get(cc) ?? 0) + v.weight + (v.flat ? 0 : v.weight / (1 + i)));
  });
  let best: string | null = null;
  for (const [cc, w] of weight) if (!best || w > weight.get(best)!) best = cc;
  return best;
}
