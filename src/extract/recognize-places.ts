// Stage 3b. Places named in the report, resolved against the gazetteer in the report's country.
// A place that only says where a claimant sits ("the Britain-based monitor") or where the story was
// filed (the dateline) is not where anything happened, so it is dropped here.
import type { Place, PlaceMention, PlacePrecision, Sentence } from '../domain/types.js';
import type { Located } from './analysis.js';
import { findPlaceMentions, loadGazetteer } from './gazetteer.js';
import type { Token } from './tokenize.js';
import { tokenRange } from './analysis.js';

const DIRECTION = /(?:(\d+\s*(?:km|kilometres|kilometers|miles)\s+)?\b(north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)(?:ern)?\s+of\s+(?:the\s+)?(?:city\s+of\s+|town\s+of\s+|capital\s+)?|\b(near|outside|around|outskirts\s+of|countryside\s+of|edge\s+of|close\s+to)\s+(?:the\s+)?(?:city\s+of\s+|town\s+of\s+)?)$/i;

export interface PlaceReading {
  places: Array<PlaceMention & Located>;
  country: string | null;
}

export function recognizePlaces(text: string, sentences: Sentence[], tokens: Token[]): PlaceReading {
  const gaz = loadGazetteer();
  const raw = findPlaceMentions(text, gaz);
  const kept = raw.filter((m) => !isClaimantBase(text, m.end) && !isDateline(text, m.start, m.end));
  const country = dominantCountry(kept.map((m) => m.candidates[0]).filter(Boolean));
  const places: Array<PlaceMention & Located> = [];
  let s = 0;
  for (const m of kept) {
    while (s + 1 < sentences.length && sentences[s].end <= m.start) s++;
    const place = pickCandidate(m.candidates, country);
    if (!place) continue;
    const before = text.slice(Math.max(0, m.start - 60), m.start);
    const rel = DIRECTION.exec(before);
    let precision: PlacePrecision = place.kind === 'region' ? 'admin1' : place.kind === 'country' ? 'country' : 'exact';
    if (rel && precision === 'exact') precision = 'near';
    const range = tokenRange(tokens, m.start, m.end);
    places.push({
      start: m.start,
      end: m.end,
      ...range,
      text: m.text,
      sentence: s,
      place,
      precision,
      ...(rel ? { direction: (rel[2] ?? rel[3]).toLowerCase().replace(/\s+/g, ' ') } : {}),
    });
  }
  return { places, country };
}

/** "Britain-based", "London-based": the claimant's seat. */
function isClaimantBase(text: string, end: number): boolean {
  return /^\s*-?\s*based\b/i.test(text.slice(end, end + 12));
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
  return (/^\s*(?:,[^.\n]{0,25})?\s*(?:\([A-Za-z .]+\))?\s*-/.test(after) && (upper || !/[.!?]/.test(head))) || (upper && /^\s*[,(:]/.test(after) && !/[a-z]/.test(head));
}

function dominantCountry(places: Place[]): string | null {
  const weight = new Map<string, number>();
  places.forEach((p, i) => weight.set(p.cc, (weight.get(p.cc) ?? 0) + (p.kind === 'country' ? 0.5 : 1) + 1 / (1 + i)));
  let best: string | null = null;
  for (const [cc, w] of weight) if (!best || w > weight.get(best)!) best = cc;
  return best;
}

function pickCandidate(candidates: Place[], country: string | null): Place | undefined {
  if (!country) return candidates[0];
  return candidates.find((p) => p.cc === country) ?? candidates[0];
}
