// Stage 6. The report's headline incident: the first incident-scope death count the report
// leads with, read together with its place, date, weapon and perpetrator. Period totals and the
// war's cumulative toll never add into it; a report with no incident at all is summarized by a
// toll of a few days at most, never by a longer one.
import { loadGazetteer } from './gazetteer.js';
import { loadLexicon } from './lexicon.js';
import type { Bloc, Claim, EventLocation, Fatalities, PlaceMention, ReportSummary, Weapon } from '../domain/types.js';
import type { Analysis, CueMention } from './analysis.js';
import { inSentence } from './analysis.js';
import type { EventRecord } from './build-events.js';
import { dateFor, identifiedBloc, located, locationFor } from './build-events.js';
import { blocImpliedByWeapon, findPerpetrator, framedInLead, identifies, namesSomeone, type Perpetrator } from './find-perpetrators.js';
import { withReportMeans } from './classify-event.js';
import { headlineWeapon } from './headline-weapon.js';
import { isShortSummary } from './casualty-refiners/dead-attackers.js';

const REMOTE_OR_BLAST: ReadonlySet<Weapon> = new Set([
  'air_strike', 'drone_strike', 'shelling', 'artillery', 'missile', 'rocket', 'barrel_bomb', 'cluster_munition',
  'ied', 'car_bomb', 'suicide_bomb', 'landmine', 'explosion', 'bomb', 'grenade', 'chemical',
]);
const LEAD = 3;
/** Words of a toll that grew ("rose to", "has reached", "has become"), as against "at" or "of". */
const RISING = /ris|rose|climb|reach|becom|jump|increas|bring|brought/;
/** How far into the body the agent of the headline's weapon is looked for. */
const FOLLOW_UP = 8;

export interface HeadlineContext {
  /** The same report's title, read by the same stages, when the input has one. */
  title: { analysis: Analysis; records: EventRecord[] } | null;
  /** Every claim of the report, wounded and captured ones included (a sentence may give no deaths). */
  claims?: Claim[];
}

export function summarizeReport(a: Analysis, records: EventRecord[], ctx: HeadlineContext = { title: null }): ReportSummary {
  // The lead's own figure first: a headline rounds and abridges ("kill 50 fighters" over "50 fighters and 8 civilians").
  const body = records.filter((r) => r.sentence >= a.headlineSentences);
  const headline = records.filter((r) => r.sentence < a.headlineSentences);
  const titled = pickHeadline(headline, true) ?? (ctx.title ? pickHeadline(ctx.title.records, true) : null);
  const lead = pickHeadline(body);
  // A body figure far from the top is a detail; the headline's own count is then the incident's.
  const leadIsLead = lead && lead.sentence <= a.headlineSentences + 1 && lead.event.fatalities.some(isCount);
  const first =
    (leadIsLead ? (confirmedLarger(titled, lead, records) ?? lead) : (sharperThanTitle(titled, lead) ?? titled ?? lead)) ??
    pickHeadline(headline) ??
    (ctx.title ? pickHeadline(ctx.title.records) : null);
  const head = first ? updatedToll(a, widerWhole(a, first, records), records) : shortPeriod(records);
  const headDoc = head && ctx.title?.records.includes(head) ? ctx.title.analysis : a;
  const means = headlineWeapon(a, head ? { doc: headDoc, sentence: head.sentence, weapon: head.event.weapon } : null, ctx.title?.analysis ?? null);
  const weapon: Weapon | null = means.weapon;
  const location = headlineLocation(a, head, ctx);
  const country = location?.country ?? countryName(a);
  // A report with no deaths is still about something: a strike, a town taken, a protest, an arrest.
  const act = (r: EventRecord) => r.statement === null;
  const firstAct = head ? null : (records.find((r) => act(r) && r.sentence >= a.headlineSentences) ?? records.find(act) ?? ctx.title?.records.find(act) ?? null);
  const date = (head ?? firstAct)?.event.date?.start ?? dateFor(a, Math.min(a.headlineSentences, a.sentences.length - 1), 'incident').start;
  // A headline that names one victim but no perpetrator ("a commander was also killed") leaves the lead to say who.
  const namedOnly = head?.statement?.totals.every((f) => f.named) ?? false;
  const named = head?.perpetratorBloc && !(namedOnly && head.perpetratorBloc === 'unknown') ? headPerpetrator(head) : leadPerpetrator(a, records, ctx, means.named);
  const perpetratorName = named?.name ?? framedPerpetrator(a, records, ctx)?.actor.actor.name ?? null;
  // The bloc stays as the attack's own sentences code it: in a long article a claim further down is often another attack's.
  const perpetrator = head?.perpetratorBloc ?? named?.bloc ?? blocImpliedByWeapon(means.named, a.country) ?? 'unknown';

  const main = (head ?? firstAct)?.event;
  const eventType = main && head ? withReportMeans({ event_type: main.type, sub_event_type: main.sub_type }, main.weapon, means.named) : main ? { event_type: main.type, sub_event_type: main.sub_type } : null;
  const added = head ? addedDead(a, head, records) : [];
  // Incident summaries (database entries, coded notes) count the attackers who died, as ACLED, UCDP
  // and GTD do; a news report's toll counts the victims, and its attackers stay a line of their own.
  const withAttackers = isShortSummary(a);
  const ownAttackers = head && !withAttackers ? attackersIn(head) : 0;
  const killed = head ? sumOrNull(totalKilled(head), [...added.map(totalKilled), -ownAttackers]) : 0;
  const captured = capturedIn(ctx.claims ?? records.flatMap((r) => r.related));
  const wounded = measured(head, records, ctx.claims ?? [], 'wounded');
  return {
    killed,
    killed_low: head ? sumOrNull(leastKilled(head), [...added.map(leastKilled), -ownAttackers]) : 0,
    killed_civilians: head ? civiliansKilled(head, weapon) : 0,
    wounded: wounded.best,
    wounded_low: wounded.low,
    captured: captured.best,
    captured_low: captured.low,
    date,
    country,
    admin1: location?.admin1 ?? null,
    location: location ? { name: location.name, lat: location.lat, lon: location.lon } : null,
    perpetrator_bloc: perpetrator,
    perpetrator: perpetratorName,
    event_type: eventType?.event_type ?? null,
    sub_event_type: eventType?.sub_event_type ?? null,
    weapon,
  };
}

/** "More than 200 killed" over a body that says "at least 213": the body's figure is the same toll, sharper. */
function sharperThanTitle(titled: EventRecord | null, lead: EventRecord | null): EventRecord | null {
  if (!titled || !lead) return null;
  const t = totalKilled(titled);
  const l = totalKilled(lead);
  const bound = titled.event.fatalities.every((f) => f.kind === 'lower-bound' || f.kind === 'approximate');
  return t !== null && l !== null && bound && l > t && l <= t * 1.5 ? lead : null;
}

/**
 * A headline count larger than the lead's, which the body also gives somewhere, is the report's total
 * and the lead only its first part ("40 killed in rocket attacks": "12 died in one district, ...").
 */
function confirmedLarger(titled: EventRecord | null, lead: EventRecord, records: EventRecord[]): EventRecord | null {
  const t = titled ? totalKilled(titled) : null;
  const l = totalKilled(lead);
  if (!titled || t === null || l === null || t === l) return null;
  // A smaller headline count only beats a lead that is itself loose ("nearly 30" under "29 killed").
  const loose = lead.event.fatalities.every((f) => f.kind === 'approximate' || f.kind === 'upper-bound');
  if (t < l && !(loose && t >= l * 0.8)) return null;
  const later = records.filter((r) => r !== titled && r.sentence >= lead.sentence && r.statement?.measure === 'killed' && r.statement.scope === 'incident');
  if (later.some((r) => r.sentence > lead.sentence && totalKilled(r) === t)) return titled;
  // ... or the body's parts in the same region add up to it ("9 killed in one district", "7 in another").
  const seen = new Set<string>();
  let sum = 0;
  for (const r of later) {
    if (r.event.location?.admin1 !== lead.event.location?.admin1) continue;
    if (seen.has(r.event.sentence)) continue;
    seen.add(r.event.sentence);
    sum += totalKilled(r) ?? 0;
    if (sum === t) return titled;
    if (sum > t) break;
  }
  return null;
}

/** "... killed 12. State TV said the toll has risen to 40": a later, larger toll of the same attack replaces it. */
function updatedToll(a: Analysis, head: EventRecord, records: EventRecord[]): EventRecord {
  const n = totalKilled(head) ?? 0;
  const update = records.find(
    (r) =>
      r !== head &&
      r.sentence >= head.sentence &&
      r.sentence - head.sentence <= 3 &&
      r.statement?.measure === 'killed' &&
      r.statement.scope === 'incident' &&
      r.statement.totals.some(
        (f) =>
          f.toll &&
          (f.trigger?.cue.kind === 'toll' ||
            f.trigger?.cue.kind === 'toll-update' ||
            inSentence(a.cues, r.sentence).some((c) => c.cue.kind === 'toll-verb' && RISING.test(c.cue.phrase))),
      ) &&
      (totalKilled(r) ?? 0) > n &&
      (!head.event.weapon || !r.event.weapon || r.event.weapon === head.event.weapon),
  );
  return update ?? head;
}

/**
 * A report with no incident of its own but a toll over a few days ("72 killed in the bombing over the
 * past few days") is about that toll: it is the headline, as long as the period is no longer than a week.
 */
function shortPeriod(records: EventRecord[]): EventRecord | null {
  const days = (r: EventRecord) => (r.event.date ? (Date.parse(r.event.date.end) - Date.parse(r.event.date.start)) / 86_400_000 : Infinity);
  return records.find((r) => r.statement?.measure === 'killed' && r.statement.scope === 'period-total' && days(r) <= 7 && r.event.fatalities.some(isCount)) ?? null;
}

/** "... left 10 dead. They were among 19 people killed in strikes across the province": the whole is the incident. */
function widerWhole(a: Analysis, head: EventRecord, records: EventRecord[]): EventRecord {
  const next = head.sentence + 1;
  const [from] = a.sentenceTokens[next] ?? [0];
  const among = inSentence(a.cues, next).find((c) => c.cue.kind === 'subset-after' && c.from - from <= 2);
  if (!among) return head;
  const whole = records.find((r) => r.sentence === next && r.statement?.measure === 'killed' && r.statement.scope === 'incident' && r.event.fatalities.some(isCount));
  return whole ?? head;
}

/** The first incident-scope killing the report gives a number for; else the first with any count. */
function pickHeadline(records: EventRecord[], countedOnly = false): EventRecord | null {
  const killings = records.filter((r) => r.statement && r.statement.measure === 'killed' && r.statement.scope === 'incident');
  const numeric = killings.filter((r) => r.event.fatalities.some(isCount));
  // A figure the text gives beats one person named in passing ("the army killed a commander ... 40 were killed").
  const figured = numeric.find((r) => r.statement!.totals.some((f) => !f.named));
  return figured ?? numeric[0] ?? (countedOnly ? null : killings[0]) ?? null;
}

/** A figure the text states as a number; "many" or "scores of" is no count. */
const isCount = (f: Fatalities) => (f.kind !== 'vague' && f.kind !== 'unknown' && (f.best !== null || f.low !== null)) || knownPart(f) > 0;

/** "Dozens killed, including at least 29 in one district": the counted part of a vague whole. */
const knownPart = (f: Fatalities) => (f.kind === 'vague' || f.kind === 'unknown' ? (f.includes ?? []).reduce((x, s) => x + s.count, 0) : 0);

function totalKilled(r: EventRecord): number | null {
  let sum = 0;
  let any = false;
  for (const f of r.event.fatalities) {
    if (!isCount(f)) continue;
    const n = knownPart(f) || (f.best ?? f.low);
    if (n === null) continue;
    sum += n;
    any = true;
  }
  return any ? sum : null;
}

/** Civilians among the dead: counted as civilians, or named in a subset ("including seven children"); people killed by a strike or a bomb with no fighter among them are civilians. */
function civiliansKilled(r: EventRecord, weapon: Weapon | null): number | null {
  let civ = 0;
  for (const f of r.event.fatalities) {
    const n = f.best ?? f.low ?? 0;
    if (f.group === 'civilians') civ += n;
    else if (f.group === 'people') {
      const civSub = (f.includes ?? []).filter((s) => /civilian|child|women|woman|girl|boy|famil|resident|student|worker|medic|doctor|nurse|journalist|refugee|displaced|patient|teacher/.test(s.what));
      const fighterSub = (f.includes ?? []).some((s) => /fighter|soldier|troop|militant|rebel|member|officer|jihadist|militiam|gunm|combatant|policem/.test(s.what));
      if (fighterSub) {
        civ += civSub.reduce((x, s) => x + s.count, 0);
      } else if (weapon && REMOTE_OR_BLAST.has(weapon)) civ += n;
      else civ += civSub.reduce((x, s) => x + s.count, 0);
    }
  }
  return civ;
}

/** The least the headline's figures support: "at least 20" is 20, "dozens" its floor. */
function leastKilled(r: EventRecord): number | null {
  let sum = 0;
  let any = false;
  for (const f of r.event.fatalities) {
    const n = knownPart(f) || (f.low ?? f.best);
    if (n === null) continue;
    sum += n;
    any = true;
  }
  return any ? sum : null;
}

/** A best figure plus the parts the text adds; a vague whole (null) stays null. */
function sumOrNull(base: number | null, parts: Array<number | null>): number | null {
  if (base === null) return null;
  return parts.reduce<number>((x, n) => x + (n ?? 0), base);
}

/** Words that add a later death claim to the headline's attack ("two attackers were also killed"). */
const ALSO = /^(?:also|additionally|too)$/;

/**
 * Deaths the text adds to the headline's attack: the attackers killed ("the gunman was shot dead",
 * "four of the assailants were killed") and deaths said as an addition ("two soldiers were also
 * killed"), in the headline's sentence or the two after it. Other incidents are never added.
 */
function addedDead(a: Analysis, head: EventRecord, records: EventRecord[]): EventRecord[] {
  const headAttackers = head.statement?.totals.some((f) => f.group === 'attackers') ?? false;
  return records.filter((r) => {
    const st = r.statement;
    if (r === head || !st || st.measure !== 'killed' || st.scope !== 'incident') return false;
    if (r.sentence < head.sentence || r.sentence - head.sentence > 2 || r.sentence < a.headlineSentences) return false;
    if (!r.event.fatalities.some((f) => f.best !== null || f.low !== null)) return false;
    const attackers = st.totals.every((f) => f.group === 'attackers');
    if (attackers) return !headAttackers && isShortSummary(a);
    // Deaths on the attackers' own side said as an addition ("several Taliban were also killed");
    // more victims said so are, in a longer report, usually another incident.
    // A short incident summary tells one incident, so there any addition belongs to it.
    const perpetrators = head.perpetratorBloc && head.perpetratorBloc !== 'unknown' ? head.perpetratorBloc : null;
    if (!isShortSummary(a) && (!perpetrators || !st.totals.every((f) => f.group === perpetrators))) return false;
    const t = st.trigger;
    for (let k = Math.max(0, t.from - 3); k < Math.min(a.tokens.length, t.to + 1); k++) if (ALSO.test(a.tokens[k].key)) return true;
    return false;
  });
}


/** The attackers among a record's dead (a bomber who blew himself up, a gunman shot dead). */
function attackersIn(r: EventRecord): number {
  return r.event.fatalities.filter((f) => f.group === 'attackers').reduce((x, f) => x + (f.best ?? f.low ?? 0), 0);
}

/** Wounded with the headline incident (its sentence's companion claim), else the report's first incident's. */
function measured(head: EventRecord | null, records: EventRecord[], claims: Claim[], measure: 'wounded' | 'captured'): { best: number | null; low: number | null } {
  const own = head?.related.find((c) => c.measure === measure);
  const claim = own ?? claims.find((c) => c.measure === measure && c.scope === 'incident') ?? records.flatMap((r) => r.related).find((c) => c.measure === measure);
  return claim ? countOf([claim]) : { best: null, low: null };
}

/**
 * People detained, arrested, captured or abducted: a release that tells of several operations
 * ("detained two suspects in X ... in Y the force detained one insurgent") counts them all.
 */
function capturedIn(claims: Claim[]): { best: number | null; low: number | null } {
  return countOf(claims.filter((c) => c.measure === 'captured' && c.scope === 'incident'));
}

/** The best and the least count of a set of claims; best is null when one of them gives only a vague amount. */
function countOf(claims: Claim[]): { best: number | null; low: number | null } {
  const lines = claims.flatMap((c) => c.fatalities);
  if (lines.length === 0) return { best: null, low: null };
  const best = lines.some((f) => f.best === null && f.kind !== 'lower-bound') ? null : lines.reduce((x, f) => x + (f.best ?? f.low ?? 0), 0);
  const low = lines.every((f) => f.low === null && f.best === null) ? null : lines.reduce((x, f) => x + (f.low ?? f.best ?? 0), 0);
  return { best, low };
}

interface NamedPerpetrator {
  name: string | null;
  bloc: Bloc;
}

/** The perpetrator the headline's own sentence names. A partisan label ("terrorists") or "gunmen" names nobody. */
function headPerpetrator(head: EventRecord): NamedPerpetrator | null {
  const actor = head.event.actors.find((x) => x.role === 'perpetrator');
  if (!actor || !head.perpetratorBloc) return null;
  return { name: namesSomeone(actor.name) ? actor.name : null, bloc: head.perpetratorBloc };
}

function namedFrom(p: Perpetrator): NamedPerpetrator {
  return { name: identifies(p.actor) ? p.actor.actor.name : null, bloc: identifiedBloc(p.actor) };
}

/** When no sentence about the attack names its author, a claim or the blame near the top of the report does. */
function framedPerpetrator(a: Analysis, records: EventRecord[], ctx: HeadlineContext): Perpetrator | null {
  const victims = (recs: EventRecord[]) => recs.flatMap((r) => r.statement?.totals.flatMap((f) => f.actors) ?? []);
  const fromTitle = ctx.title ? framedInLead(ctx.title.analysis, ctx.title.analysis.sentences.length, victims(ctx.title.records)) : null;
  return fromTitle ?? framedInLead(a, a.headlineSentences + FOLLOW_UP, victims(records));
}

/** When the headline itself names no perpetrator, the lead often does ("regime air strikes pounded ..."). */
function leadPerpetrator(a: Analysis, records: EventRecord[], ctx: HeadlineContext, weapon: Weapon | null): NamedPerpetrator | null {
  const docs: Array<[Analysis, EventRecord[]]> = ctx.title ? [[ctx.title.analysis, ctx.title.records], [a, records]] : [[a, records]];
  for (const [doc, recs] of docs) {
    for (let i = 0; i < Math.min(doc.headlineSentences + LEAD, doc.sentences.length); i++) {
      const cues = inSentence(doc.cues, i);
      // Only sentences about the headline's kind of attack: a lead also recalls other incidents.
      const sameAttack = !weapon || cues.some((c) => c.cue.kind === 'weapon' && c.cue.weapon === weapon);
      if (!sameAttack) continue;
      const anchors: CueMention[] = cues.filter((c) => c.cue.kind === 'killed' || c.cue.kind === 'weapon' || c.cue.kind === 'strike-verb');
      if (anchors.length === 0) continue;
      // The dead of this sentence are not its perpetrators ("raids kill 20 IS militants").
      const victims = recs.filter((r) => r.sentence === i && r.statement).flatMap((r) => r.statement!.totals.flatMap((f) => f.actors));
      const p = findPerpetrator(doc, i, anchors, victims);
      if (p) return namedFrom(p);
    }
  }
  // A group that claims the attack, near the top of the report (further down are other attacks).
  for (const c of a.cues.filter((x) => x.cue.kind === 'responsibility' && x.sentence < a.headlineSentences + FOLLOW_UP)) {
    const p = findPerpetrator(a, c.sentence, [c], []);
    if (p) return namedFrom(p);
  }
  // A little further down, the report often says who flew or fired the weapon of its headline;
  // much further down it is usually telling of other attacks.
  if (weapon) {
    const last = Math.min(a.sentences.length, a.headlineSentences + FOLLOW_UP);
    for (let i = a.headlineSentences + LEAD; i < last; i++) {
      const anchors = inSentence(a.cues, i).filter((c) => c.cue.kind === 'weapon' && c.cue.weapon === weapon);
      if (anchors.length === 0) continue;
      const victims = records.filter((r) => r.sentence === i && r.statement).flatMap((r) => r.statement!.totals.flatMap((f) => f.actors));
      const p = findPerpetrator(a, i, anchors, victims);
      if (p) return namedFrom(p);
    }
  }
  return null;
}

/**
 * Where the headline incident happened: its own sentence's place; else the next sentences, which
 * usually name the town ("The raids hit the city of Raqa"); else the title; else the lead.
 */
function headlineLocation(a: Analysis, head: EventRecord | null, ctx: HeadlineContext): EventLocation | null {
  const own = head?.event.location ?? null;
  // Places abroad (a dateline, a claimant's seat, a foreign capital) are not where the incident was.
  const home = (m: PlaceMention) => m.precision !== 'country' && (!a.country || m.place.cc === a.country);
  const titlePlace = ctx.title?.analysis.places.find(home) ?? a.places.find((m) => m.sentence < a.headlineSentences && home(m));
  // The headline's place, unless the incident's own sentence names a town inside it.
  if (titlePlace && own && (own.precision === 'exact' || own.precision === 'near') && own.admin1 && own.admin1 === titlePlace.place.admin1) return own;
  if (titlePlace) return located(titlePlace);
  if (own && own.precision !== 'country') return own;
  const from = head && !(ctx.title && ctx.title.records.includes(head)) ? head.sentence : 0;
  for (let i = from; i < Math.min(a.sentences.length, from + 4); i++) {
    const p = inSentence(a.places, i).find((m) => home(m));
    if (p) return located(p);
  }
  const any = a.places.find(home);
  if (any) return located(any);
  return own ?? locationFor(a, 0, { from: 0, to: 0 });
}

/**
 * The report's country by name, also when only a dateline, a speaker's seat or a demonym told it; a report that
 * names no place at all is coded, as an analyst would, in the home country of the armed group or force it names
 * (Boko Haram: Nigeria; Abu Sayyaf: the Philippines).
 */
function countryName(a: Analysis): string | null {
  const cc = a.country ?? groupHome(a);
  return cc ? (loadGazetteer().country(cc)?.name ?? null) : null;
}

const HOME_TYPES = new Set(['armed-group', 'militia', 'state-force']);

function groupHome(a: Analysis): string | null {
  const actors = loadLexicon().actorsById;
  for (const m of a.actors) {
    const e = actors.get(m.actor.id);
    // Named ("Boko Haram", "al-Shabab", "NPA", not "rebels"; also a proper name written in lowercase: "naxals"),
    // and at home in a few countries at most (not the Islamic State).
    const named = /\p{Lu}/u.test(m.text) || (e?.aliases.some((x) => /^\p{Lu}/u.test(x) && x.toLowerCase() === m.text.toLowerCase()) ?? false);
    if (e && named && !e.generic && !e.label && HOME_TYPES.has(e.type) && e.countries?.length && e.countries.length <= 4) return e.countries[0];
  }
  return null;
}
