// Finds the gazetteer's names in report text: capitalized words (or an article-prefixed name such as "al-Bab"),
// longest match first, region phrases ("Idlib province", "rural Hama"), and the cues that make a small foreign
// town believable ("in X", "X district"). Which candidate a name means is decided by recognize-places.ts.
import type { Place } from '../domain/types.js';
import { ARTICLES, CONFLICT_COUNTRIES, PARTICLES, foldToken, type Gazetteer, type GazetteerInternals } from './gazetteer.js';
import { isAsciiAlnum } from './tokenize.js';


interface Token {
  start: number;
  end: number;
  /** Folded form (lowercase, no diacritics or apostrophes). */
  norm: string;
  cap: boolean;
  /** All letters uppercase ("SANA", "HOMS"). */
  allCaps: boolean;
  /** For a capitalized word ending in -s, the word without it: a possessive whose apostrophe was lost ("Aleppos"). */
  bare?: string;
}

// A word: letters/digits, with apostrophes inside ("Dar'a", "Sana'a"); marks allowed for decomposed text.
const TOKEN_RE = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[‘’ʿʾʻʼ'`][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;
// What may stand between two tokens of one name: spaces, one hyphen, opening ayn/hamza marks.
const GAP_RE = /^[ \u00a0]{0,2}[-‐‑–]?[ \u00a0]{0,2}[‘ʿʾ'’`]?$/;

/** Most words: lowercase ASCII, already in folded form. */
const PLAIN_LOWER = /^[a-z0-9]+$/;
const POSSESSIVE = /[’'`][sS]$/;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let pos = 0;
  while (pos < n) {
    // Plain ASCII words are read by hand (most of the text); anything else goes to TOKEN_RE, which decides alone.
    const c = text.charCodeAt(pos);
    if (c < 128 && !isAsciiAlnum(c)) {
      pos++;
      continue;
    }
    if (c < 128) {
      let end = pos + 1;
      let upper = c <= 90 && c >= 65;
      let lower = !upper && c >= 97;
      let d = end < n ? text.charCodeAt(end) : 32;
      while (d < 128 && isAsciiAlnum(d)) {
        if (d <= 90 && d >= 65) upper = true;
        else if (d >= 97) lower = true;
        d = ++end < n ? text.charCodeAt(end) : 32;
      }
      // An apostrophe or a letter beyond ASCII may continue the word: TOKEN_RE reads it.
      if (d < 128 && d !== 39 && d !== 96) {
        const w = text.slice(pos, end);
        if (!upper) out.push({ start: pos, end, norm: w, cap: false, allCaps: false, bare: undefined });
        else {
          const cap = c <= 90 && c >= 65;
          const norm = w.toLowerCase();
          out.push({
            start: pos,
            end,
            norm,
            cap,
            allCaps: cap && w.length > 1 && !lower,
            bare: cap && norm.length >= 5 && norm.endsWith('s') && !norm.endsWith('ss') ? norm.slice(0, -1) : undefined,
          });
        }
        pos = end;
        continue;
      }
    }
    TOKEN_RE.lastIndex = pos;
    const m = TOKEN_RE.exec(text);
    if (!m) break;
    pos = m.index + m[0].length;
    let w = m[0];
    let end = m.index + w.length;
    if (PLAIN_LOWER.test(w)) {
      out.push({ start: m.index, end, norm: w, cap: false, allCaps: false, bare: undefined });
      continue;
    }
    // Possessive: "Raqqa's" -> "Raqqa".
    if (w.length > 3 && POSSESSIVE.test(w)) {
      w = w.slice(0, -2);
      end -= 2;
    }
    const first = w[0];
    const cap = first !== first.toLowerCase();
    const norm = foldToken(w);
    out.push({
      start: m.index,
      end,
      norm,
      cap,
      allCaps: cap && w.length > 1 && w === w.toUpperCase(),
      bare: cap && norm.length >= 5 && norm.endsWith('s') && !norm.endsWith('ss') ? norm.slice(0, -1) : undefined,
    });
  }
  return out;
}

/** Words that follow a region's name and name its rank ("Idlib governorate", "Borno State"). */
export const REGION_SUFFIX = new Set([
  'county', 'department', 'province', 'provinces', 'governorate', 'governorates', 'region', 'oblast', 'state', 'countryside', 'muhafazah',
  'wilayat', 'wilayah', 'vilayet', 'provincial',
]);
const REGION_PREFIX = new Set(['province', 'governorate', 'countryside', 'region', 'oblast', 'state', 'provinces']);
const DIRECTIONS = new Set([
  'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'northeastern', 'northwestern',
  'southeastern', 'southwestern', 'northeast', 'northwest', 'southeast', 'southwest', 'central', 'rural',
]);

export interface PlaceMatch {
  start: number;
  end: number;
  text: string;
  candidates: Place[];
  /** Worded as a place ("in X", "near X", "the village of X", "X district"): a small foreign town is believable. */
  cued: boolean;
}

/** Words before a name that say it is a place. */
const CUE_BEFORE = /\b(?:in|near|at|outside|from|into|inside|around|towards?|across|nearby|(?:area|outskirts|suburbs?|cent(?:re|er)|neighbou?rhood|capital|hamlet|settlement|mayor)\s+of|(?:town|city|village|district|municipality|commune|province|region|county)(?:\s+of)?)\s+(?:the\s+)?$/i;
/** Words after a name that say it is a place ("Tula municipality", "Dara-i-Nur district"). */
const CUE_AFTER = /^[ \u00a0]+(?:district|municipality|province|county|village|town|city|region|state|governorate|sub-?district|township|tehsil|prefecture|department|commune|camp|neighbou?rhood|market|area|police|(?:international[ \u00a0]+)?airport|museum|stadium|cathedral)\b/i;
/**
 * An incident named for its place: "the 2005 X bombings", "X nightclub shooting", "the X Museum attack". The name
 * before a word of violence (at most two words apart) is where it happened.
 */
const INCIDENT_AFTER = /^[ \u00a0]+(?:[\p{L}-]+[ \u00a0]+){0,2}?(?:bombings?|attacks?|shootings?|massacres?|stabbings?|explosions?|blasts?|siege|riots?|hostage[ \u00a0]+crisis|(?:train|plane|bus)[ \u00a0]+crash)\b/iu;
/** "Riverside, California", "Cagayan de Oro, Misamis Oriental": a region after a town and a comma is where the town lies. */
const TOWN_COMMA_BEFORE = /\p{Lu}[\p{L}'’.-]*,[ \u00a0]+$/u;
/** Persian and Urdu names joined by a short particle ("Dara-i-Nur", "Pul-e-Khumri", "Dera-ul-Islam"): the part is not the name. */
const EZAFE_AFTER = /^[-‐‑](?:i|e|ul|ud|ur|us|un|o|a|al)[-‐‑]\p{L}/iu;
const EZAFE_BEFORE = /\p{L}[-‐‑](?:i|e|ul|ud|ur|us|un|o|a|al)[-‐‑]$/iu;

/**
 * A town (or a region without curated spellings) too small and too far from the conflict countries to be believed
 * without a place cue or the report's country: "Uri", "Chita", "Beerwah" are towns somewhere, and words elsewhere.
 */
export function isMinorPlace(gaz: Gazetteer, p: Place): boolean {
  const g = gaz as GazetteerInternals;
  if (p.kind === 'region') return g.minorRegions.has(p);
  return p.kind === 'city' && !CONFLICT_COUNTRIES.has(p.cc) && p.population < MINOR_POPULATION && !g.curated.has(p.id) && !g.capitals.has(p.id);
}
const MINOR_POPULATION = 1_000_000;

/**
 * Finds gazetteer names in `text`: capitalized words (or article-prefixed capitalized names such as "al-Bab"),
 * longest match first, left to right, without overlaps. Region phrases ("Idlib province", "the province of Raqa",
 * "Aleppo's countryside", "rural Hama") give the region. Offsets are into `text`.
 */
export function findPlaceMentions(text: string, gaz: Gazetteer): PlaceMatch[] {
  const g = gaz as GazetteerInternals;
  if (!g.keys) throw new Error('findPlaceMentions: gazetteer not made by loadGazetteer');
  const toks = tokenize(text);
  const n = toks.length;
  const out: PlaceMatch[] = [];
  const gapOk = (a: number): boolean => {
    // between toks[a] and toks[a+1]
    const s = text.slice(toks[a].end, toks[a + 1].start);
    return s.length > 0 && s.length <= 6 && GAP_RE.test(s);
  };
  const phraseMap = g.phraseTargets;
  // In a region phrase a possessive may stand between name and suffix: "Hama's northern countryside".
  const gapOkPhrase = (a: number): boolean => gapOk(a) || /^[’'`]s[ \u00a0]{1,2}$/.test(text.slice(toks[a].end, toks[a + 1].start));

  let i = 0;
  while (i < n) {
    const t0 = toks[i];
    let matchStart = i;
    if (isArticlePrefix(text, toks, i) && gapOk(i)) matchStart = i + 1;
    else if (!t0.cap) {
      // Lowercase: only "rural" before a region name can open a phrase here.
      if (t0.norm === 'rural' && i + 1 < n && gapOk(i)) {
        const r = longest(g, toks, i + 1, gapOk, true);
        if (r) {
          const reg = regionOf(r.regions, phraseMap);
          if (reg) {
            out.push(Object.assign(mk(text, t0.start, toks[r.end - 1].end, [reg]), { cued: true }));
            i = r.end;
            continue;
          }
        }
      }
      i++;
      continue;
    }
    const r = longest(g, toks, matchStart, gapOk, false);
    if (!r) {
      i++;
      continue;
    }
    let spanStart = toks[i].start;
    let spanEnd = toks[r.end - 1].end;
    let next = r.end;
    let cands: Place[] | null = null;
    let phrase = false;

    // Region phrases; a country's name is the country ("the Kidal region of Mali" is not Mali Prefecture of Guinea).
    if (r.regions && r.places?.[0]?.kind !== 'country') {
      const reg = regionOf(r.regions, phraseMap);
      let j = r.end;
      const firstGap = j;
      if (reg && j < n && gapOkPhrase(j - 1) && DIRECTIONS.has(toks[j].norm) && j + 1 < n && gapOk(j)) j++;
      if (reg && j < n && REGION_SUFFIX.has(toks[j].norm) && (j === firstGap ? gapOkPhrase(j - 1) : gapOk(j - 1))) {
        cands = [reg];
        spanEnd = toks[j].end;
        phrase = true;
        next = j + 1;
      } else if (reg && i >= 1 && toks[i - 1].norm === 'rural') {
        cands = [reg];
        spanStart = toks[i - 1].start;
        phrase = true;
      } else if (reg && i >= 2 && toks[i - 1].norm === 'of' && REGION_PREFIX.has(toks[i - 2].norm)) {
        cands = [reg];
        spanStart = toks[i - 2].start;
        phrase = true;
      } else if (reg && i >= 3 && toks[i - 1].norm === 'the' && toks[i - 2].norm === 'of' && REGION_PREFIX.has(toks[i - 3].norm)) {
        cands = [reg];
        spanStart = toks[i - 3].start;
        phrase = true;
      }
    }
    if (!cands) {
      if (!r.places) {
        i++;
        continue;
      }
      cands = filterCandidates(g, r.places, r.end - matchStart, r.allCaps, r.key);
      // A lone GeoNames town or generated region stuck to other capitalized words is a piece of an unknown longer
      // name ("Bustan al-Qasr", "Kurdistan Freedom Falcons", "Tala wa Barfak").
      const loose = cands.length > 0 && ((cands[0].kind === 'city' && !g.curated.has(cands[0].id)) || g.generatedRegions.has(cands[0]));
      if (loose && r.end - matchStart === 1) {
        if (gluedToName(g, text, toks, matchStart, r.end - 1, toks[i].start)) cands = [];
      }
      if (cands.length === 0) {
        i++;
        continue;
      }
    }
    if (EZAFE_AFTER.test(text.slice(spanEnd, spanEnd + 6)) || EZAFE_BEFORE.test(text.slice(Math.max(0, spanStart - 8), spanStart))) {
      i = next;
      continue;
    }
    // Drop an earlier overlapping match (a "rural X" look-behind can reach back over one).
    while (out.length && out[out.length - 1].end > spanStart) out.pop();
    const m = mk(text, spanStart, spanEnd, cands);
    // A region phrase ("Rio Negro Province", "the province of X") is worded as a place.
    if (phrase) m.cued = true;
    out.push(m);
    i = next;
  }
  return out;
}

/**
 * Token i is an Arabic article opening a name: "al-Bab", "Al Bab", "Ar-Raqqa", "Ar Raqqah". English "at", "as",
 * "an" before a capitalized word ("at Aleppo") are not: lowercase short forms count only when hyphen-joined.
 */
function isArticlePrefix(text: string, toks: Token[], i: number): boolean {
  const t = toks[i];
  if (!ARTICLES.has(t.norm) || i + 1 >= toks.length || !toks[i + 1].cap) return false;
  if (t.norm === 'al' || t.norm === 'el') return true;
  if (t.cap) return true;
  return /^[-‐‑]/.test(text.slice(t.end, toks[i + 1].start));
}

/** Capitalized words that may stand next to a place name without being part of a longer, unknown name. */
const NEIGHBOUR_OK = new Set([
  'the', 'in', 'at', 'on', 'of', 'from', 'to', 'near', 'into', 'outside', 'inside', 'around', 'and', 'or', 'by',
  'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'northeast',
  'northwest', 'southeast', 'southwest', 'northeastern', 'northwestern', 'southeastern', 'southwestern', 'upper',
  'lower', 'greater', 'rural', 'city', 'town', 'province', 'governorate', 'region', 'district', 'countryside',
  'area', 'village', 'camp', 'airport', 'suburb', 'suburbs', 'but', 'while', 'as', 'after', 'before', 'when',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  // An incident or a landmark named for its town: "the Yangon Bombings", "the Haifa Museum of Art".
  'bombing', 'bombings', 'attack', 'attacks', 'massacre', 'shooting', 'shootings', 'stabbing', 'siege', 'explosion',
  'explosions', 'blast', 'blasts', 'riots', 'museum',
]);

/** A single-word GeoNames town glued to other capitalized words ("Bustan Al-Qasr", "Hamra Street") is a piece of a longer name. */
function gluedToName(g: GazetteerInternals, text: string, toks: Token[], first: number, last: number, spanStart: number): boolean {
  const knownKey = (key: string | undefined) => key !== undefined && (g.keys.get(key) ?? []).some((p) => !isMinorPlace(g, p));
  const known = (k: number) => NEIGHBOUR_OK.has(toks[k].norm) || knownKey(toks[k].norm) || knownKey(toks[k].bare);
  const glued = (a: number, b: number) => /^(?:[ \u00a0]|[ \u00a0]?[-‐‑][ \u00a0]?)$/.test(text.slice(toks[a].end, toks[b].start));
  let p = first - 1;
  // Skip an article that belongs to this match ("Bustan al-Qasr": check "Bustan").
  if (p >= 0 && toks[p].start >= spanStart) p--;
  if (p >= 0 && toks[p].cap && !known(p) && glued(p, p + 1) && !sentenceStartBefore(text, toks[p].start)) {
    // "al" between a capitalized word and the match also glues: "Bustan al-Qasr".
    return true;
  }
  if (p >= 1 && ARTICLES.has(toks[p].norm) && toks[p - 1].cap && !known(p - 1) && glued(p - 1, p) && glued(p, p + 1)) {
    return true;
  }
  const q = last + 1;
  if (q < toks.length && toks[q].cap && !known(q) && glued(last, q)) return true;
  // A particle, then an unknown capitalized word: "Tala wa Barfak", "Khan al Asal".
  return q + 1 < toks.length && PARTICLES.has(toks[q].norm) && !toks[q].cap && toks[q + 1].cap && !known(q + 1) && glued(last, q) && glued(q, q + 1);
}

/** True when position `pos` begins a sentence (nothing but opening punctuation since the last . ! ? or line break). */
function sentenceStartBefore(text: string, pos: number): boolean {
  for (let k = pos - 1; k >= 0; k--) {
    const c = text[k];
    if (c === ' ' || c === '"' || c === '“' || c === '(' || c === '\u00a0') continue;
    return c === '.' || c === '!' || c === '?' || c === '\n' || c === ':';
  }
  return true;
}

function mk(text: string, start: number, end: number, candidates: Place[]): PlaceMatch {
  const after = text.slice(end, end + 40);
  const before = text.slice(Math.max(0, start - 40), start);
  const cued =
    CUE_BEFORE.test(before) ||
    CUE_AFTER.test(after) ||
    INCIDENT_AFTER.test(after) ||
    (candidates.some((p) => p.kind === 'region') && TOWN_COMMA_BEFORE.test(before));
  return { start, end, text: text.slice(start, end), candidates, cued };
}

function regionOf(regions: Place[] | null, phraseMap: Map<Place, Place> | undefined): Place | null {
  if (!regions || regions.length === 0) return null;
  const r = regions[0];
  return phraseMap?.get(r) ?? r;
}

interface LongestMatch {
  end: number; // token index, exclusive
  key: string;
  places: Place[] | null;
  regions: Place[] | null;
  allCaps: boolean;
}

/** Longest key starting at token `s`; for region-only lookups (after "rural"), only region keys. */
function longest(
  g: GazetteerInternals,
  toks: Token[],
  s: number,
  gapOk: (a: number) => boolean,
  regionOnly: boolean,
): LongestMatch | null {
  if (!toks[s].cap) return null;
  let key = '';
  let best: LongestMatch | null = null;
  let allCaps = true;
  const limit = Math.min(toks.length, s + g.maxTokens);
  for (let j = s; j < limit; j++) {
    const t = toks[j];
    if (j > s) {
      if (!gapOk(j - 1)) break;
      if (!t.cap && !PARTICLES.has(t.norm)) break;
    }
    const prev = key;
    // The Persian linking vowel is stored as "e" (see normalizePlaceName).
    key = key ? `${key} ${t.norm === 'i' ? 'e' : t.norm}` : t.norm;
    if (!g.prefixes.has(key)) {
      // "Aleppos", "Syrias": a possessive that lost its apostrophe, accepted for curated names, regions, countries.
      if (t.bare && !regionOnly && !g.stopwords.has(t.norm)) {
        const k2 = prev ? `${prev} ${t.bare}` : t.bare;
        const places = g.keys.get(k2);
        if (places && places.some((p) => p.kind !== 'city' || g.curated.has(p.id)) && !g.stopwords.has(k2)) {
          best = { end: j + 1, key: k2, places, regions: g.regionKeys.get(k2) ?? null, allCaps: allCaps && t.allCaps };
        }
      }
      break;
    }
    allCaps = allCaps && t.allCaps;
    if (!t.cap) continue; // a name does not end in a lowercase particle
    const places = regionOnly ? null : g.keys.get(key) ?? null;
    const regions = g.regionKeys.get(key) ?? null;
    if (places || regions) best = { end: j + 1, key, places, regions, allCaps };
  }
  if (!best) return null;
  // Stopwords: common words and names that are towns somewhere ("Police", "March", "Union").
  if (g.stopwords.has(best.key)) return null;
  return best;
}

/** Candidates worth reporting for a matched name of `ntok` tokens (small foreign towns are judged by recognize-places). */
function filterCandidates(g: GazetteerInternals, places: Place[], ntok: number, allCaps: boolean, key: string): Place[] {
  if (ntok > 1 && !allCaps) return places;
  const short = key.length <= 3;
  return places.filter((p) => {
    if (p.kind !== 'city' || g.curated.has(p.id)) {
      if (!allCaps) return true;
      // An area is not a dateline: in capitals it is an acronym ("SWAT" units), unless named so ("VRAEM").
      if (p.kind === 'landmark') return p.name === p.name.toUpperCase();
      return p.kind !== 'city' || key.length > 2;
    }
    // Acronyms in capitals (SANA, SDF, YPG) are not towns.
    if (allCaps && key.length <= 5) return false;
    if (short) return p.population >= 50_000;
    return true;
  });
}
