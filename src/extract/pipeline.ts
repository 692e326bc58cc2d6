// The extraction pipeline: the stage order lives here and only here.
//   normalize -> headline breaks -> header and dateline -> sentences -> recognize (quantities, dates, places, actors, cues) -> attribute
//   -> extract (casualties, acts) -> events and claims -> summary
import type { ClaimantKind, ReportExtraction, ReportMeta } from '../domain/types.js';
import type { Analysis } from './analysis.js';
import { attributeClaimants } from './attribute-claimants.js';
import { buildEvents, type EventRecord } from './build-events.js';
import { extractActions } from './extract-actions.js';
import { extractCasualties } from './extract-casualties.js';
import { findHeadlineBreaks } from './find-headline-breaks.js';
import { loadGazetteer, normalizePlaceName } from './gazetteer.js';
import { loadLexicon } from './lexicon.js';
import { normalizeText } from './normalize-text.js';
import { recognizeActors } from './recognize-actors.js';
import { recognizeCues } from './recognize-cues.js';
import { recognizeDates } from './recognize-dates.js';
import { blankParts, recognizeHeader, type Dateline } from './recognize-header.js';
import { recognizePlaces } from './recognize-places.js';
import { recognizeQuantities } from './recognize-quantities.js';
import { splitSentences } from './split-sentences.js';
import { summarizeReport } from './summarize-report.js';
import { tokenize } from './tokenize.js';
import { tokenRange } from './analysis.js';

/** Reports longer than this are cut: no news report is this long, and the engine must stay bounded. */
export const MAX_REPORT_CHARS = 200_000;

export interface ExtractOptions {
  published?: string | null;
  source?: string | null;
  title?: string | null;
  /** The outlet's claimant kind when the lexicon does not know it. */
  publisher_kind?: ClaimantKind | null;
}

/** Runs the recognizers and the attribution stage: everything the claim rules read. */
/** `countryHint`: read actors as in this country (a title is read in its report's country). */
export function analyze(raw: string, meta: ReportMeta, countryHint: string | null = null): Analysis {
  const text = normalizeText(raw.length > MAX_REPORT_CHARS ? raw.slice(0, MAX_REPORT_CHARS) : raw);
  const breaks = findHeadlineBreaks(text, meta.title);
  const header = recognizeHeader(text, { breaks, published: meta.published, source: meta.source });
  // The dateline's date is the report's own and anchors "yesterday" and "on Monday"; a page's date stamp
  // (which may be an update's) only stands in for a missing publication date.
  const published = header.dateline?.date ?? meta.published ?? header.stamp ?? new Date().toISOString().slice(0, 10);
  const sentences = splitSentences(text, breaks, header.parts);
  const headEnd = Math.max(breaks.length ? breaks[breaks.length - 1] : 0, header.end);
  const headlineSentences = sentences.filter((s) => s.end <= headEnd).length;
  const tokens = tokenize(text);
  const sentenceTokens: Array<[number, number]> = [];
  let hint = 0;
  for (const s of sentences) {
    const r = tokenRange(tokens, s.start, s.end, hint);
    sentenceTokens.push([r.from, r.to]);
    hint = r.from;
  }
  // Object.assign, not a spread: adding fields to a spread copy is very slow in V8.
  const locate = <T extends { start: number; end: number }>(xs: T[]) => xs.map((x) => Object.assign({}, x, tokenRange(tokens, x.start, x.end)));
  // The header is not read for places: a dateline city is where the story was filed.
  const reading = recognizePlaces(blankParts(text, header.parts), sentences, tokens);
  const places = reading.places;
  const country = countryHint ?? reading.country ?? datelineCountry(header.dateline) ?? claimantCountry(text, tokens);
  const analysis: Analysis = {
    text,
    meta,
    published,
    header,
    dateline: header.dateline,
    sentences,
    tokens,
    sentenceTokens,
    quantities: locate(recognizeQuantities(text, sentences)),
    dates: recognizeDates(text, sentences, published, { dayFirst: header.dayFirst }),
    places,
    actors: recognizeActors(tokens, sentenceTokens, country, published),
    cues: recognizeCues(tokens, sentenceTokens),
    country,
    headlineSentences,
    attributions: [],
  };
  analysis.attributions = attributeClaimants(analysis);
  return analysis;
}

/** "KABUL, Afghanistan -" says the country; "BAGHDAD (Reuters) -" says it through its city. */
function datelineCountry(dateline: Dateline | null): string | null {
  if (!dateline) return null;
  if (dateline.country?.cc) return dateline.country.cc;
  const city = loadGazetteer().lookup(normalizePlaceName(dateline.city.text)).find((p) => p.kind === 'city');
  return city?.cc ?? null;
}

/** A report that names no place is read in the country of the claimants it names by name (the Syrian Observatory, UNAMA). */
function claimantCountry(text: string, tokens: ReturnType<typeof tokenize>): string | null {
  const countries = new Set<string>();
  for (const m of loadLexicon().claimants.findAll(tokens)) {
    if (m.value.countries?.length === 1 && namesClaimant(text.slice(m.start, m.end))) countries.add(m.value.countries[0]);
  }
  return countries.size === 1 ? [...countries][0] : null;
}

/** Words every state's bodies share: "the Ministry of Defense" or "Red Crescent" alone does not say whose. */
const SHARED_INSTITUTION = /\b(?:Ministry|Minister|Defen[cs]e|Interior|Health|Red|Crescent|Civil|Army|Military|Police|Command|Government|Officials?)\b/g;

/**
 * A claimant written as a proper name ("the Observatory", "SOHR", "Iraq Body Count"), not a description that fits
 * any war ("rebels", "a police source", "security officials", a sentence-initial "Rebels said").
 */
export function namesClaimant(mention: string): boolean {
  return /\p{Lu}/u.test(mention.slice(1).replace(SHARED_INSTITUTION, ''));
}

export interface Extraction extends ReportExtraction {
  analysis: Analysis;
  records: EventRecord[];
}

function extractFrom(analysis: Analysis): { records: EventRecord[]; claims: ReportExtraction['claims'] } {
  const statements = extractCasualties(analysis);
  const actions = extractActions(analysis, new Set(statements.map((s) => s.sentence)));
  return buildEvents(analysis, statements, actions);
}

export function extractReport(raw: string, opts: ExtractOptions = {}): Extraction {
  const meta: ReportMeta = { published: opts.published ?? null, source: opts.source ?? null, title: opts.title ?? null, publisher_kind: opts.publisher_kind ?? null };
  const analysis = analyze(raw, meta);
  const { records, claims } = extractFrom(analysis);
  let title = null;
  if (meta.title && meta.title.trim()) {
    // The title is read in the body's country, so its actors resolve the same way.
    const titleAnalysis = analyze(meta.title, Object.assign({}, meta, { title: null }), analysis.country);
    title = { analysis: titleAnalysis, records: extractFrom(titleAnalysis).records };
  }
  const summary = summarizeReport(analysis, records, { title, claims });
  return { summary, events: records.map((r) => r.event), claims, analysis, records };
}
