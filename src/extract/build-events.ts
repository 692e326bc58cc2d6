// Stage 5c. Turns casualty statements and acts into sourced claims and events: each with its
// claimant, date, place, actors, weapon and the sentence it came from.
import type { ActorMention, Attribution, Claim, ConflictEvent, DateMention, DateValue, EventActor, EventLocation, Fatalities, PlaceMention, Weapon } from '../domain/types.js';
import type { Analysis, CueMention, Located } from './analysis.js';
import { inSentence } from './analysis.js';
import { classifyEvent, reportContext, sentenceFacts, type ReportContext } from './classify-event.js';
import type { ActionStatement } from './extract-actions.js';
import { fatalitiesOf, type CasualtyStatement } from './extract-casualties.js';
import { findPerpetrator, strongestWeapon } from './find-perpetrators.js';
import { loadGazetteer } from './gazetteer.js';
import { meansCues } from './headline-weapon.js';
import { loadLexicon } from './lexicon.js';

/** An event with what the summary stage needs to know about how it was read. */
export interface EventRecord {
  event: ConflictEvent;
  claim: Claim;
  statement: CasualtyStatement | null;
  action: ActionStatement | null;
  sentence: number;
  perpetratorBloc: string | null;
  /** Companion claims from the same sentence (wounded, captured). */
  related: Claim[];
}

export interface BuiltEvents {
  records: EventRecord[];
  claims: Claim[];
}

export function buildEvents(a: Analysis, statements: CasualtyStatement[], actions: ActionStatement[]): BuiltEvents {
  const claims: Claim[] = [];
  const records: EventRecord[] = [];
  // Every claim is one literal of one shape: adding fields to a spread copy is very slow in V8.
  const newClaim = (attribution: Attribution, c: ClaimBody): Claim => {
    const claim: Claim = {
      id: `c${claims.length + 1}`,
      claimant: attribution.claimant.name,
      claimant_kind: attribution.claimant.kind,
      claimant_bloc: attribution.claimant.bloc,
      publisher: a.meta.source,
      scope: c.scope,
      measure: c.measure,
      fatalities: c.fatalities,
      date: c.date,
      weapon: c.weapon,
      span: c.span,
      sentence: c.sentence,
      rule: c.rule,
    };
    claims.push(claim);
    return claim;
  };

  const cuesOf = new Map<number, CueMention[]>();
  for (const c of a.cues) {
    const list = cuesOf.get(c.sentence);
    if (list) list.push(c);
    else cuesOf.set(c.sentence, [c]);
  }
  const context = reportContext(a, a.headlineSentences + LEAD);

  for (const st of statements) {
    const attribution = a.attributions[st.sentence];
    const cues = cuesOf.get(st.sentence) ?? [];
    const weapon = weaponFor(cues);
    const fatalities = fatalitiesOf(st);
    const span = spanOf(st);
    const claim = newClaim(attribution, {
      scope: st.scope,
      measure: st.measure,
      fatalities,
      date: dateFor(a, st.dateSentence, st.scope),
      weapon,
      span,
      sentence: a.sentences[st.sentence].text,
      rule: st.rule,
    });
    if (st.measure !== 'killed') continue;
    // Deaths in a flood, a crash or a robbery are no conflict event: the claim stays, the event does not.
    const typed = classifyEvent(sentenceFacts(a, cues, context, st.sentence, { weapon, killed: fatalities.map((f) => f.group), wounded: false }));
    if (!typed) continue;
    const victims = st.totals.flatMap((f) => f.actors);
    const perp = findPerpetrator(a, st.sentence, [st.trigger, ...st.totals.map((f) => f.quantity)], victims);
    const perpetratorBloc = perp ? identifiedBloc(perp.actor) : null;
    const actors: EventActor[] = [];
    if (perp) actors.push({ name: perp.actor.actor.name, bloc: perp.actor.bloc, role: 'perpetrator' });
    for (const f of st.totals) {
      const v = f.actors.find((m) => m.actor.type !== 'civilians');
      actors.push({ name: v ? v.actor.name : f.nounText || f.group, bloc: f.group, role: 'victim' });
    }
    const { event_type: type, sub_event_type: sub_type } = typed;
    records.push({
      event: {
        id: `e${records.length + 1}`,
        type,
        sub_type,
        date: claim.date,
        location: locationFor(a, st.sentence, st.trigger),
        actors,
        fatalities,
        weapon,
        claims: [claim.id],
        scope: st.scope,
        sentence: claim.sentence,
        span,
      },
      claim,
      statement: st,
      action: null,
      sentence: st.sentence,
      perpetratorBloc,
      related: [],
    });
  }
  // Wounded and captured counts join the killed event of their sentence.
  for (const claim of claims) {
    if (claim.measure === 'killed') continue;
    const rec = records.find((r) => r.claim.sentence === claim.sentence && r.claim.span.start <= claim.span.end + 200);
    if (rec) {
      rec.related.push(claim);
      rec.event.claims.push(claim.id);
    }
  }

  for (const act of actions) {
    const attribution = a.attributions[act.sentence];
    const span = { start: Math.min(act.cue.start, act.actor?.start ?? act.cue.start), end: Math.max(act.cue.end, act.place?.end ?? act.cue.end) };
    const fatalities: Fatalities[] = act.casualtiesUnknown ? [{ group: 'unknown', low: null, best: null, high: null, kind: 'unknown' }] : [];
    const claim = newClaim(attribution, {
      scope: 'incident',
      measure: act.kind === 'territory' ? 'control' : 'event',
      fatalities,
      date: dateFor(a, act.sentence, 'incident'),
      weapon: act.weapon,
      span,
      sentence: a.sentences[act.sentence].text,
      rule: act.rule,
    });
    const actors: EventActor[] = act.actor ? [{ name: act.actor.actor.name, bloc: act.actor.bloc, role: act.kind === 'strike' ? 'perpetrator' : 'participant' }] : [];
    const [type, sub_type] = actionType(act);
    let location = act.place ? located(act.place) : locationFor(a, act.sentence, act.cue);
    if (location && act.object && !act.place) location.name = `${act.object} (${location.name})`;
    // A place the gazetteer does not know stays a named place without coordinates, never a guessed one.
    if (!location && act.object) location = { name: act.object.replace(/^.*\bof\s+/, ''), admin1: null, country: countryName(a.country), lat: null, lon: null, precision: 'unknown' };
    records.push({
      event: { id: `e${records.length + 1}`, type, sub_type, date: claim.date, location, actors, fatalities, weapon: act.weapon, claims: [claim.id], scope: 'incident', sentence: claim.sentence, span },
      claim,
      statement: null,
      action: act,
      sentence: act.sentence,
      perpetratorBloc: act.actor?.bloc ?? null,
      related: [],
    });
  }
  records.push(...incidents(a, records, claims, cuesOf, context, newClaim));
  records.sort((x, y) => x.event.span.start - y.event.span.start);
  records.forEach((r, i) => (r.event.id = `e${i + 1}`));
  return { records, claims };
}

/** What a claim says; who says it and who published it come from the sentence's attribution. */
type ClaimBody = Pick<Claim, 'scope' | 'measure' | 'fatalities' | 'date' | 'weapon' | 'span' | 'sentence' | 'rule'>;

/** The bloc of a perpetrator as identified: a partisan label ("terrorists") identifies no one. */
export function identifiedBloc(m: ActorMention): string {
  return loadLexicon().actorsById.get(m.actor.id)?.label ? 'unknown' : m.bloc;
}

function spanOf(st: CasualtyStatement): { start: number; end: number } {
  const starts = [st.trigger.start, ...st.totals.map((f) => f.quantity.start), ...st.subsets.map((f) => f.quantity.start)].filter((x) => x > 0 || st.trigger.start === 0);
  const ends = [st.trigger.end, ...st.totals.map((f) => f.quantity.end), ...st.subsets.map((f) => f.quantity.end)];
  return { start: Math.min(...starts), end: Math.max(...ends) };
}

/** The means named in a sentence: the most specific weapon word, or an execution. */
export function weaponFor(cues: CueMention[]): Weapon | null {
  const w = strongestWeapon(meansCues(cues));
  if (w?.cue.weapon) return w.cue.weapon;
  if (cues.some((c) => c.cue.kind === 'killed' && /execut|behead/.test(c.cue.phrase))) return 'execution';
  return null;
}

/** Sentences of the lead in which an event with no deaths is looked for: the report's main event. */
const LEAD = 3;

/**
 * Events nobody died in: a protest, an arrest, an abduction, a bomb defused or one that wounded
 * people, a looting. Read in the report's first sentences, where its main event is told.
 */
function incidents(
  a: Analysis,
  records: EventRecord[],
  claims: Claim[],
  cuesOf: Map<number, CueMention[]>,
  context: ReportContext,
  newClaim: (attribution: Attribution, c: ClaimBody) => Claim,
): EventRecord[] {
  const out: EventRecord[] = [];
  const taken = new Set(records.map((r) => r.sentence));
  const last = Math.min(a.sentences.length, a.headlineSentences + LEAD);
  for (let i = 0; i < last; i++) {
    if (taken.has(i)) continue;
    const cues = cuesOf.get(i) ?? [];
    const sentence = a.sentences[i].text;
    const related = claims.filter((c) => c.sentence === sentence && c.measure !== 'killed');
    const wounded = related.some((c) => c.measure === 'wounded');
    const facts = sentenceFacts(a, cues, context, i, { killed: [], wounded });
    // Something happened: a cue phrase of a sub-event type, people hurt or taken, a weapon used, or an armed side attacking.
    const attack = facts.weapon === 'clash' && (facts.armedActor || facts.stateActor);
    if (facts.cues.size === 0 && related.length === 0 && (!facts.weapon || facts.weapon === 'clash') && !attack) continue;
    const typed = classifyEvent(facts);
    if (!typed) continue;
    // "... killing seven. At least 15 others were wounded when shells hit a market": more of an incident
    // already read, whose wounded and captured join it, not a second event.
    const told = records.find((r) => r.statement && r.sentence < i && r.event.sub_type === typed.sub_event_type);
    if (told) {
      for (const c of related) if (!told.event.claims.includes(c.id)) told.related.push(c), told.event.claims.push(c.id);
      continue;
    }
    const anchor = cues.find((c) => c.cue.kind === 'sub-event' || c.cue.kind === 'weapon') ?? cues[0];
    const span = anchor ? { start: anchor.start, end: anchor.end } : { start: a.sentences[i].start, end: a.sentences[i].end };
    const attribution = a.attributions[i];
    const claim = newClaim(attribution, {
      scope: 'incident',
      measure: 'event',
      fatalities: [],
      date: dateFor(a, i, 'incident'),
      weapon: facts.weapon,
      span,
      sentence,
      rule: `event:${typed.sub_event_type}`,
    });
    const location = locationFor(a, i, anchor ?? { from: a.sentenceTokens[i][0], to: a.sentenceTokens[i][0] });
    out.push({
      event: { id: '', type: typed.event_type, sub_type: typed.sub_event_type, date: claim.date, location, actors: [], fatalities: [], weapon: facts.weapon, claims: [claim.id, ...related.map((c) => c.id)], scope: 'incident', sentence, span },
      claim,
      statement: null,
      action: null,
      sentence: i,
      perpetratorBloc: null,
      related,
    });
  }
  return out;
}

function actionType(act: ActionStatement): [string, string] {
  if (act.kind === 'territory') {
    const gov = act.actor && /^(?:pro-government|government)$/.test(act.actor.bloc);
    return ['Battles', gov ? 'Government regains territory' : 'Non-state actor overtakes territory'];
  }
  if (act.kind === 'offensive') return ['Strategic developments', 'Change to group/activity'];
  const row = act.weapon ? loadLexicon().weaponEvents[act.weapon] : undefined;
  return row ? [row.event_type, row.sub_event_type] : ['Explosions/Remote violence', 'Air/drone strike'];
}

/** The date of what a sentence reports: its own date words, else the lead's, else publication. */
export function dateFor(a: Analysis, sentence: number, scope: Claim['scope']): DateValue {
  const own = inSentence(a.dates, sentence);
  if (scope !== 'incident') {
    const range = own.find((d) => d.date.start !== d.date.end) ?? own[0];
    if (range) return { ...range.date };
  }
  const day = own.find((d) => d.date.precision === 'day' && !/^since/.test(d.rule)) ?? own.find((d) => !/^since/.test(d.rule));
  if (day) return { ...day.date };
  const told = (d: DateMention) => d.sentence >= a.headlineSentences && d.date.precision === 'day' && !/^since/.test(d.rule);
  // A sentence with no date words goes on with its paragraph's story ("... on Tuesday. Twelve were killed").
  const paragraph = a.sentences[sentence]?.paragraph;
  const earlier = a.dates.filter((d) => told(d) && d.sentence < sentence && a.sentences[d.sentence].paragraph === paragraph).pop();
  if (earlier) return { ...earlier.date };
  // The lead is the first body sentence or the next: a headline above it is not the story.
  const lead = a.dates.find((d) => told(d) && d.sentence <= a.headlineSentences + 1);
  if (lead) return { ...lead.date };
  return { start: a.published, end: a.published, precision: 'day' };
}

function countryName(cc: string | null): string | null {
  return cc ? (loadGazetteer().country(cc)?.name ?? null) : null;
}

export function located(p: PlaceMention): EventLocation {
  return {
    name: p.direction ? `${p.direction}${/^(?:north|south|east|west)/.test(p.direction) ? ' of' : ''} ${p.place.name}` : p.place.name,
    admin1: p.place.admin1 ?? (p.place.kind === 'region' ? p.place.name : null),
    country: p.place.country,
    lat: p.place.lat,
    lon: p.place.lon,
    precision: p.precision,
  };
}

/** The place of what a sentence reports: its nearest named place, else the previous sentence's, else the lead's. */
export function locationFor(a: Analysis, sentence: number, anchor: Located): EventLocation | null {
  // Places abroad (a foreign capital, a claimant's city) are where something happened only when the report has no home.
  const own = inSentence(a.places, sentence).filter((p) => (!a.country || p.place.cc === a.country));
  const specific = own.filter((p) => p.precision !== 'country');
  if (specific.length) {
    // A town beats its province ("the town of Maarat al-Numan in Idlib province"); then the nearest.
    const rank = (p: PlaceMention) => (p.precision === 'admin1' ? 1 : 0);
    specific.sort((x, y) => rank(x) - rank(y) || Math.abs(x.from - anchor.from) - Math.abs(y.from - anchor.from));
    return located(specific[0]);
  }
  if (!a.sentences[sentence]) return null;
  const para = a.sentences[sentence].paragraph;
  // The previous sentence's place carries over only when the same claimant goes on speaking.
  const sameVoice = sentence > 0 && a.attributions[sentence - 1]?.claimant.id === a.attributions[sentence]?.claimant.id;
  if (sameVoice && a.sentences[sentence - 1].paragraph === para) {
    const prev = inSentence(a.places, sentence - 1).filter((p) => p.precision !== 'country');
    if (prev.length) return located(prev[0]);
  }
  if (own.length) return located(own[0]);
  const lead = a.places.find((p) => p.sentence <= 2 && p.precision !== 'country') ?? a.places.find((p) => p.sentence <= 2);
  return lead ? located(lead) : null;
}
