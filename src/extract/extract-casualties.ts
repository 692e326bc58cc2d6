// Stage 5a. Reads casualty statements: which figures count the dead (or wounded, or captured),
// of which group, which figure is a subset of another, and whether the figure is one incident,
// a period's total or the war's cumulative toll.
import { MAX_EVENT_DEATHS } from '../domain/input-rules.js';
import type { ActorMention, Bloc, ClaimScope, Fatalities, Quantity } from '../domain/types.js';
import type { Analysis, CueMention, Located } from './analysis.js';
import { inSentence } from './analysis.js';
import { addDeadBombers } from './casualty-refiners/dead-attackers.js';
import { dropDeathSentences, dropForceSizes, dropNonCasualtyFigures } from './casualty-refiners/drop-figures.js';
import { CLAUSE_BREAK, lastFate, linkTriggers, subsetsShareTrigger } from './casualty-refiners/link-triggers.js';
import { dropCountedPronouns, isAttackerWord, isPassive, namedVictimsRefiner, takesThings } from './casualty-refiners/named-victims.js';
import { refine, type Refiner } from './casualty-refiners/refiner.js';
import { markSubsets } from './casualty-refiners/subsets.js';
import { loadLexicon } from './lexicon.js';

export type Measure = 'killed' | 'wounded' | 'captured';

/** One figure read as a count of people. */
export interface Figure {
  quantity: Quantity & Located;
  /** Token range of the noun phrase the figure counts ("43 members of the Syrian army"). */
  np: Located;
  noun: 'civilians' | 'combatants' | 'people';
  actors: Array<ActorMention & Located>;
  group: Bloc;
  trigger: CueMention | null;
  /** The figure this one is part of ("including 12 officers" is part of "43 members"). */
  subsetOf: Figure | null;
  /** The words naming who is counted, for labels. */
  nounText: string;
  /** Part of a whole the text does not count ("civilians, including three children"). */
  orphan?: boolean;
  /** Carries its own trigger: a toll phrase ("the death toll rose to 126") or "22 dead". */
  toll?: boolean;
  /** Counted from a noun phrase with no figure ("a judge was shot dead", "the driver and his son"). */
  named?: boolean;
}

export interface CasualtyStatement {
  sentence: number;
  measure: Measure;
  trigger: CueMention;
  totals: Figure[];
  subsets: Figure[];
  scope: ClaimScope;
  /** The sentence whose date words date this statement (its own, or the period lead it belongs to). */
  dateSentence: number;
  /** Rule id, "source:rule" style, naming why this was read as a casualty claim. */
  rule: string;
}

const TRIGGER_KINDS = new Set(['killed', 'wounded', 'captured']);
const NP_MAX = 6;

/**
 * The refiners every sentence's figures pass through, in this order (see casualty-refiners/):
 * parts first, then each figure's own casualty word, then the figures that count no casualties,
 * then the people named without a figure.
 */
export const SENTENCE_REFINERS: Refiner[] = [
  markSubsets,
  linkTriggers,
  lastFate,
  subsetsShareTrigger,
  dropForceSizes,
  dropNonCasualtyFigures,
  dropDeathSentences,
  namedVictimsRefiner,
];

/** `log`, when given, receives why each refiner dropped, linked or added a figure (`extract --explain`). */
export function extractCasualties(a: Analysis, log?: string[]): CasualtyStatement[] {
  const out: CasualtyStatement[] = [];
  for (let i = 0; i < a.sentences.length; i++) out.push(...sentenceCasualties(a, i, log));
  inheritPeriodScope(a, out);
  log?.push(...dropCountedPronouns(a, out).map((why) => `report: dropCountedPronouns: ${why}`));
  const result = out.filter((st) => st.totals.length > 0);
  const bombers = addDeadBombers(a, result);
  log?.push(...bombers.map((why) => `report: addDeadBombers: ${why}`));
  return result;
}

/**
 * A lead that gives a week's toll ("killed scores in the past week, the monitor said") is usually
 * followed by the same claimant's breakdown with no date of its own ("more than 50 rebels have been
 * killed in the fighting"): those figures belong to the same period, not to a new incident.
 */
function inheritPeriodScope(a: Analysis, statements: CasualtyStatement[]): void {
  let period: CasualtyStatement | null = null;
  for (const st of statements) {
    const dated = inSentence(a.dates, st.sentence).length > 0;
    if (st.scope === 'period-total') {
      period = st;
      continue;
    }
    if (dated) {
      period = null;
      continue;
    }
    if (!period || st.scope !== 'incident') continue;
    const sameClaimant = a.attributions[st.sentence]?.claimant.id === a.attributions[period.sentence]?.claimant.id;
    const near = a.sentences[st.sentence].paragraph - a.sentences[period.sentence].paragraph <= 2;
    if (sameClaimant && near) {
      st.scope = 'period-total';
      st.dateSentence = period.dateSentence;
    }
  }
}

function sentenceCasualties(a: Analysis, i: number, log?: string[]): CasualtyStatement[] {
  const [sFrom, sTo] = a.sentenceTokens[i];
  const cues = inSentence(a.cues, i);
  const triggers = cues.filter((c) => TRIGGER_KINDS.has(c.cue.kind));
  if (triggers.length === 0 && !cues.some((c) => c.cue.kind === 'toll')) return [];
  const ones = oneOf(a, i, cues);
  const quantities = [...inSentence(a.quantities, i).filter((q) => !q.unit && countsPeople(q)), ...singles(a, i, cues), ...ones].sort((x, y) => x.start - y.start);
  const actors = inSentence(a.actors, i);

  const figures: Figure[] = [];
  for (const q of quantities) {
    const f = readFigure(a, q, cues, actors, sTo);
    // "one of the commanders" names one person, as "a commander" does, and gives way to a figure the text counts.
    if (f && ones.includes(q)) f.named = true;
    if (f) figures.push(f);
  }
  const refined = refine(SENTENCE_REFINERS, figures, { a, sentence: i, cues, triggers, actors }, log);

  const statements = new Map<CueMention, CasualtyStatement>();
  const scope = scopeOf(a, i, cues);
  for (const f of refined) {
    if (!f.trigger) continue;
    let st = statements.get(f.trigger);
    if (!st) {
      st = { sentence: i, measure: measureOf(f.trigger), trigger: f.trigger, totals: [], subsets: [], scope, dateSentence: i, rule: '' };
      statements.set(f.trigger, st);
    }
    if (f.orphan) continue;
    (f.subsetOf === null ? st.totals : st.subsets).push(f);
  }
  // No single attack kills tens of thousands: such a figure with no day of its own is a war's toll.
  const dated = inSentence(a.dates, i).some((d) => d.date.precision === 'day');
  for (const st of statements.values()) {
    if (st.scope === 'incident' && !dated && st.totals.some((f) => (f.quantity.best ?? f.quantity.low ?? 0) > loadLexicon().incidentCeiling)) st.scope = 'cumulative-toll';
  }
  for (const st of statements.values()) st.rule = `casualties:${st.totals.some((f) => f.quantity.kind === 'vague') ? 'vague-figure' : 'figure'}-${st.trigger.from < st.totals[0]?.quantity.from ? 'after-trigger' : 'before-trigger'}`;
  for (const st of statements.values()) addNamedCompanion(a, st);
  const result = [...statements.values()].filter((st) => st.totals.length > 0);
  const unknown = unknownCount(a, i, cues, triggers, actors, result, scope);
  if (unknown) result.push(unknown);
  return result;
}

/** "a child", "an officer": one person, counted when a death is said of them ("killed 17 militants and a child"). */
/** A number that can count people: whole, and within the largest toll the record takes ("2.5 killed", "10^20
 * killed" are no tolls, and would not fit the databases' integer columns). */
function countsPeople(q: Quantity): boolean {
  return [q.low, q.best, q.high].every((v) => v === null || (Number.isInteger(v) && v >= 0 && v <= MAX_EVENT_DEATHS));
}

function singles(a: Analysis, i: number, cues: CueMention[]): Array<Quantity & Located> {
  const out: Array<Quantity & Located> = [];
  for (const c of cues) {
    if (c.cue.kind !== 'singular-victim') continue;
    // "a 60-year-old woman": an age between the article and the noun.
    const age = a.quantities.find((q) => q.unit === 'age' && q.to === c.from);
    const art = (age?.from ?? c.from) - 1;
    // "a woman and child", "a man and his young daughter": the second person is counted with the first.
    let and = art;
    while (and > c.from - 3 && /^(?:his|her|their|young|little|infant|teenage|elderly|pregnant|baby)$/.test(a.tokens[and]?.key ?? '')) and--;
    const sharesArticle = a.tokens[and]?.key === 'and' && out.some((q) => q.to + 1 === and || q.to === and);
    if (!sharesArticle && (art < a.sentenceTokens[i][0] || !/^(?:a|an)$/.test(a.tokens[art].key))) continue;
    // "a rebel-held town", "a civilian car": the word modifies a noun and counts nobody.
    if (a.text[c.end] === '-') continue;
    const next = a.tokens[c.to]?.key ?? '.';
    if (c.to < a.sentenceTokens[i][1] && !/^(?:[,.;:)"]|and|was|were|who|in|on|at|from|by|as|after|while|when|with|during|near|among|inside|outside|had|has|have|are|is|died|killed|dead|a|the|according|said)$/.test(next)) continue;
    // "A doctor at the hospital said two of the dead were children": the person speaks, and is no victim.
    const speaks = cues.find((x) => x.cue.kind === 'speech' && x.from >= c.to && x.from - c.to <= 10);
    if (speaks && !cues.some((x) => TRIGGER_KINDS.has(x.cue.kind) && x.from >= c.to && x.from < speaks.from)) continue;
    // The count covers the words before the noun ("a", or "his young" after "and"), so the noun phrase reads on from the noun.
    const from = sharesArticle ? and + 1 : art;
    if (age && sharesArticle) continue;
    const start = a.tokens[from].start;
    const end = from < c.from ? a.tokens[c.from - 1].end : start;
    out.push({ start, end, from, to: c.from, text: a.text.slice(start, end), low: 1, best: 1, high: 1, kind: 'exact', sentence: i });
  }
  return out;
}

/** "killing one of its occupants", "the death of one of the guards": the lone "one" a casualty word takes as its object. */
function oneOf(a: Analysis, i: number, cues: CueMention[]): Array<Quantity & Located> {
  const out: Array<Quantity & Located> = [];
  for (const c of cues) {
    if (c.cue.kind !== 'killed' || a.tokens[c.to]?.key !== 'one' || a.tokens[c.to + 1]?.key !== 'of') continue;
    if (c.to + 1 >= a.sentenceTokens[i][1] || a.quantities.some((q) => q.from === c.to)) continue;
    const t = a.tokens[c.to];
    out.push({ start: t.start, end: t.end, from: c.to, to: c.to + 1, text: t.text, low: 1, best: 1, high: 1, kind: 'exact', sentence: i });
  }
  return out;
}

/** "Commander X alongside nine of his comrades were killed": the named man is the tenth. */
function addNamedCompanion(a: Analysis, st: CasualtyStatement): void {
  const f = st.totals[0];
  if (!f || st.measure !== 'killed' || f.quantity.best === null) return;
  let k = f.quantity.from - 1;
  if (a.tokens[k]?.key === 'with' && /^(?:along|together)$/.test(a.tokens[k - 1]?.key ?? '')) k -= 2;
  else if (a.tokens[k]?.key === 'alongside') k -= 1;
  else return;
  const name = a.tokens[k];
  if (!name || !/^[A-Z]/.test(name.text) || /^(?:A|An|The)$/.test(name.text)) return;
  const q = Object.assign({}, f.quantity, { start: name.start, end: name.end, from: k, to: k + 1, text: name.text, low: 1, best: 1, high: 1, kind: 'exact' as const });
  st.totals.push(Object.assign({}, f, { quantity: q, np: { from: k, to: k + 1 }, actors: [], nounText: name.text, subsetOf: null }));
}

function measureOf(c: CueMention): Measure {
  return c.cue.kind === 'wounded' ? 'wounded' : c.cue.kind === 'captured' ? 'captured' : 'killed';
}

/** Is this number followed by people ("six civilians", "43 members of the army", "22 dead")? */
function readFigure(
  a: Analysis,
  q: Quantity & Located,
  cues: CueMention[],
  actors: Array<ActorMention & Located>,
  sTo: number,
): Figure | null {
  if (q.kind === 'unknown') return null;
  const lex = loadLexicon();
  const npActors: Array<ActorMention & Located> = [];
  let noun: Figure['noun'] | null = null;
  let j = q.to;
  let selfTrigger: CueMention | undefined;
  // "heavy losses", "heavy casualties": the figure names the dead itself; "on X" says whose.
  if (/loss|casualt/.test(q.text.toLowerCase())) {
    noun = 'combatants';
    if (j < sTo && /^(?:on|among|in)$/.test(a.tokens[j].key)) j++;
    const whose = actors.find((m) => m.from >= j && m.from - j <= 2);
    if (whose) {
      npActors.push(whose);
      j = whose.to;
    }
  }
  for (let steps = 0; !noun && j < sTo && steps < NP_MAX; steps++) {
    const tok = a.tokens[j];
    // "Islamic State (IS) group militants": a short parenthesis inside the noun phrase is skipped.
    if (tok.key === '(') {
      const close = a.tokens.slice(j, Math.min(sTo, j + 6)).findIndex((t) => t.key === ')');
      if (close > 0) {
        j += close + 1;
        // An abbreviation names the words before it and adds no word of its own.
        steps--;
        continue;
      }
    }
    // "27, including several soldiers, were killed": a bare figure, its parts between commas, then its passive verb.
    if (tok.key === ',' && j === q.to && a.tokens[j + 1]?.key === 'including') {
      const close = a.tokens.slice(j + 2, Math.min(sTo, j + 12)).findIndex((t) => t.key === ',');
      const verb = close >= 0 ? passiveAt(a, j + 3 + close, cues) : null;
      if (verb) {
        noun = 'people';
        break;
      }
    }
    if (CLAUSE_BREAK.has(tok.key) || tok.key === ',' || tok.key === '.') break;
    // A capitalized article starts a new sentence in copy that lost its full stops ("... 612 A woman was killed").
    if (/^(?:A|An|The)$/.test(tok.text)) break;
    // "one rebel-held district": a side named as a place's holder modifies the place and counts nobody.
    if (a.text[tok.end] === '-' && /^(?:held|controlled|run|besieged|occupied|dominated)$/.test(a.tokens[j + 1]?.key ?? '')) {
      j += 2;
      continue;
    }
    const actor = actors.find((m) => m.from === j);
    if (actor) {
      npActors.push(actor);
      if (actor.actor.type === 'civilians') noun = 'civilians';
      else if (lex.victimNouns.has(a.tokens[actor.to - 1].key)) noun = lex.victimNouns.get(a.tokens[actor.to - 1].key)!;
      j = actor.to;
      continue;
    }
    // "4 tourists from the capital were ambushed and killed": a chain of passive verbs ending in a casualty word.
    const chained = j - q.to >= 1 && /^(?:was|were|are|is)$/.test(tok.key) ? passiveAt(a, j, cues) : null;
    if (chained && !cues.some((c) => c.from === j && TRIGGER_KINDS.has(c.cue.kind)) && !takesThings(chained) && plainWords(a, q.to, j)) {
      noun = npActors.length ? 'combatants' : 'people';
      break;
    }
    const trig = cues.find((c) => c.from === j && TRIGGER_KINDS.has(c.cue.kind));
    // "Five Chadian peacekeepers were killed", "15 security forces were killed": whatever the
    // noun, a figure that is the subject of a passive casualty verb counts people.
    if (trig && j - q.to > 1 && isPassive(a, trig) && !takesThings(trig) && plainWords(a, q.to, j)) {
      noun = npActors.length ? 'combatants' : 'people';
      break;
    }
    if (trig) {
      // "22 dead", "four killed": a headline-style count whose noun is the trigger itself; not
      // "kidnapped 900 executed 18", where the figure is the object of the verb before it.
      // ("23 killed, over 100 injured": "killed" closes the figure before, it takes no object.)
      const objectOf = cues.find((c) => TRIGGER_KINDS.has(c.cue.kind) && c.to === q.from && !inSentence(a.quantities, q.sentence).some((o) => !o.unit && o.to <= c.from && c.from - o.to <= 2));
      // "killing one and injuring four": a verb after "and" is the next clause's, not this figure's.
      if (j - q.to <= 1 && !(j > q.to && a.tokens[q.to].key === 'and')) {
        noun = 'people';
        selfTrigger = objectOf ?? trig;
      }
      break;
    }
    // "Three suicide bombings in a police station": a figure of attacks or weapons counts no one.
    const weapon = cues.find((c) => c.from === j && c.cue.kind === 'weapon');
    if (weapon && j === q.to && !isAttackerWord(a.tokens[weapon.to - 1].key) && !cues.some((c) => c.from === j && (c.cue.kind === 'victim' || c.cue.kind === 'singular-victim'))) break;
    const victim = cues.find((c) => c.from === j && c.cue.kind === 'victim');
    if (victim) {
      noun = victim.cue.group ?? 'people';
      j = victim.to;
      break;
    }
    if (a.quantities.some((o) => o.from === j)) break;
    j++;
  }
  let tollCue: CueMention | undefined;
  // "Raids kill 21", "the strike killed 14 on Sunday": the figure is the verb's object, people unnamed.
  // "detained several", "arrested 12": verbs of capture that take only people do the same.
  if (!noun && cues.some((c) => TRIGGER_KINDS.has(c.cue.kind) && !takesThings(c) && c.to === q.from)) {
    noun = 'people';
    j = q.to;
  }
  if (!noun) {
    // "the death toll rose to 30", "put the toll at 58", "the toll ... has reached at least 126".
    const verb = cues.find((c) => c.cue.kind === 'toll-verb' && c.to <= q.from && q.from - c.to <= 1);
    // Nothing may stand between the toll and its figure: "the toll 44 civilians and wounding 140" gives 44, not 140.
    const clear = (c: CueMention) =>
      !cues.some((o) => o !== c && TRIGGER_KINDS.has(o.cue.kind) && o.from >= c.to && o.to <= q.from) && !inSentence(a.quantities, q.sentence).some((o) => o.from >= c.to && o.to <= q.from);
    tollCue =
      cues.find((c) => c.cue.kind === 'toll' && c.to <= q.from && q.from - c.to <= 4 && clear(c)) ??
      cues.find((c) => c.cue.kind === 'toll-update' && c.to <= q.from && q.from - c.to <= 2) ??
      (verb ? cues.find((c) => c.cue.kind === 'toll' && c.to <= verb.from && verb.from - c.to <= 12) : undefined) ??
      // "the number of civilians who were killed ... has become 40"
      (verb && a.tokens.slice(Math.max(0, verb.from - 15), verb.from).some((t) => t.key === 'number')
        ? cues.find((c) => c.cue.kind === 'killed' && c.to <= verb.from && verb.from - c.to <= 12)
        : undefined) ??
      // "bringing to 45 the number killed"
      (verb ? cues.find((c) => (c.cue.kind === 'toll' || c.cue.kind === 'killed') && c.from >= q.to && c.from - q.to <= 4 && a.tokens.slice(q.to, c.from).some((t) => t.key === 'number' || t.key === 'toll')) : undefined);
    if (!tollCue) return null;
    noun = 'people';
    j = q.to;
  }
  // "members of the Syrian army", "fighters from the Nusra Front", "fighters on the government side".
  let k = j;
  if (j < sTo && /^(?:of|from|on|loyal|belonging|affiliated)$/.test(a.tokens[j].key)) {
    for (let m = j + 1; m < sTo && m - j <= 5; m++) {
      if (CLAUSE_BREAK.has(a.tokens[m].key) || a.tokens[m].key === ',') break;
      const actor = actors.find((x) => x.from === m);
      if (actor) {
        npActors.push(actor);
        k = actor.to;
        // "members of IS and the Nusra Front": both groups lost the men counted.
        for (;;) {
          let n = k;
          while (n < sTo && /^(?:"|and|the|,)$/.test(a.tokens[n].key)) n++;
          const next = n > k && a.tokens.slice(k, n).some((t) => t.key === 'and') ? actors.find((x) => x.from === n) : undefined;
          if (!next) break;
          npActors.push(next);
          k = next.to;
        }
        break;
      }
    }
  }
  const np = { from: q.from, to: Math.max(j, k) };
  const nounText = a.text.slice(a.tokens[Math.min(q.to, j - 1)]?.start ?? q.end, a.tokens[j - 1]?.end ?? q.end).trim();
  // "all three attackers", "two of the gunmen": the attack's own attackers, said as known ones.
  const definite = /^(?:the|all|both)$/.test(a.tokens[q.from - 1]?.key ?? '') || (a.tokens[q.to]?.key === 'of' && a.tokens[q.to + 1]?.key === 'the');
  const attackers = definite && a.tokens.slice(q.to, np.to).some((t) => isAttackerWord(t.key));
  const figure: Figure = { quantity: q, np, noun, actors: npActors, group: attackers ? 'attackers' : groupOf(noun, npActors), trigger: null, subsetOf: null, nounText };
  if (tollCue ?? selfTrigger) {
    figure.toll = true;
    figure.trigger = (tollCue ?? selfTrigger)!;
  }
  return figure;
}

function groupOf(noun: Figure['noun'], actors: ActorMention[]): Bloc {
  if (noun === 'civilians') return 'civilians';
  // "pro-government and insurgent fighters": one figure for several sides stays one, named for all.
  const named = actors.filter((m) => m.actor.type !== 'civilians');
  // "jihadists from the Islamic State group": the named group, not the generic word.
  const specific = named.filter((m) => m.actor.type !== 'generic');
  const blocs = [...new Set((specific.length ? specific : named).map((m) => m.bloc))];
  const known = blocs.filter((b) => b !== 'unknown');
  const armed = known.length ? known : blocs;
  if (armed.length) return armed.join('+');
  if (actors.some((m) => m.actor.type === 'civilians')) return 'civilians';
  return noun === 'people' ? 'people' : 'unknown';
}

/**
 * Words with no punctuation, figure or conjunction: one noun phrase ("Chadian peacekeepers"), up to
 * four words, or up to seven when the phrase is a name ("African Union Mission in Somalia (AMISOM) staff").
 */
function plainWords(a: Analysis, from: number, to: number): boolean {
  let words = 0;
  let names = 0;
  for (let k = from; k < to; k++) {
    const t = a.tokens[k];
    if (t.key === '(' || t.key === ')') continue;
    if (!/^[a-z\u00c0-\u024f][a-z\u00c0-\u024f'-]*$/.test(t.key) || /^(?:and|or|who|which|that)$/.test(t.key)) return false;
    words++;
    if (/^[A-Z]/.test(t.text)) names++;
  }
  return words <= 4 || (words <= 7 && names >= 2);
}

/** The casualty word of a passive chain opening at `k`: "were killed", "was ambushed and killed", "were shot, then killed". */
function passiveAt(a: Analysis, k: number, cues: CueMention[]): CueMention | null {
  const at = (x: number) => cues.find((c) => c.from === x && c.cue.kind === 'killed') ?? null;
  if (at(k)) return at(k);
  if (!/^(?:was|were|are|is)$/.test(a.tokens[k]?.key ?? '')) return null;
  let x = k + 1;
  if (/^(?:also|reportedly|later|allegedly|all|both)$/.test(a.tokens[x]?.key ?? '')) x++;
  if (at(x)) return at(x);
  if (!/(?:ed|shot|taken|hit)$/.test(a.tokens[x]?.key ?? '')) return null;
  x++;
  if (!/^(?:and|,)$/.test(a.tokens[x]?.key ?? '')) return null;
  x++;
  if (/^(?:then|later|subsequently)$/.test(a.tokens[x]?.key ?? '')) x++;
  return at(x);
}

function scopeOf(a: Analysis, i: number, cues: CueMention[]): ClaimScope {
  if (cues.some((c) => c.cue.kind === 'cumulative')) return 'cumulative-toll';
  // "killed in Syria since March 2011"; not "in the city, divided since 2012".
  const sinceNearTrigger = cues.some((c) => c.cue.kind === 'killed' && a.tokens.slice(c.to, c.to + 8).some((t) => t.key === 'since'));
  if (sinceNearTrigger && inSentence(a.dates, i).some((d) => /^since/.test(d.rule))) return 'cumulative-toll';
  // "Since then more than a quarter of a million people have been killed".
  const [from] = a.sentenceTokens[i];
  if (a.tokens[from]?.key === 'since' && /^(?:then|that|the|its)$/.test(a.tokens[from + 1]?.key ?? '')) return 'cumulative-toll';
  // "the six-year conflict has caused 470000 deaths", "in the war".
  const war = loadLexicon().warNouns;
  const warLength = inSentence(a.quantities, i).some((q) => q.unit === 'duration' && war.has(a.tokens[q.to]?.key ?? ''));
  if (warLength) return 'cumulative-toll';
  if (cues.some((c) => c.cue.kind === 'period')) return 'period-total';
  // A range dates the toll only near its trigger ("killed in the past week"), not "the city, divided since 2012".
  const triggers = cues.filter((c) => c.cue.kind === 'killed');
  // A title before a colon ("March 2016 Ankara bombing: ...") names the incident; its month is no period.
  const sameClause = (x: number, y: number) => !a.text.slice(Math.min(x, y), Math.max(x, y)).includes(':');
  const ranged = a.dates.some(
    (d) =>
      d.sentence === i &&
      d.date.precision !== 'day' &&
      daysBetween(d.date.start, d.date.end) >= 3 &&
      triggers.some((c) => (Math.abs(d.start - c.end) <= 80 || Math.abs(c.start - d.end) <= 80) && sameClause(d.start, c.start)) &&
      !otherMeasureDates(cues, d),
  );
  return ranged ? 'period-total' : 'incident';
}

/** "a sailor who was abducted in May was killed": the month dates the abduction, not the death. */
function otherMeasureDates(cues: CueMention[], d: { start: number }): boolean {
  return cues.some((o) => (o.cue.kind === 'captured' || o.cue.kind === 'wounded') && o.end <= d.start && d.start - o.end <= 12);
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

/**
 * "Nusra fighters had been killed but exact numbers were not known": a death claim with no number,
 * kept as unknown rather than zero or a guess.
 */
function unknownCount(
  a: Analysis,
  i: number,
  cues: CueMention[],
  triggers: CueMention[],
  actors: Array<ActorMention & Located>,
  found: CasualtyStatement[],
  scope: ClaimScope,
): CasualtyStatement | null {
  const unknownQ = inSentence(a.quantities, i).find((q) => q.kind === 'unknown') ?? cues.find((c) => c.cue.kind === 'unknown-count');
  if (!unknownQ) return null;
  const killed = triggers.find((t) => t.cue.kind === 'killed' && !found.some((st) => st.trigger === t));
  if (!killed) return null;
  const victim = actors.filter((m) => m.to <= killed.from).pop() ?? actors.find((m) => m.from >= killed.to);
  const q: Quantity & Located = { start: unknownQ.start, end: unknownQ.end, from: unknownQ.from, to: unknownQ.to, text: a.text.slice(unknownQ.start, unknownQ.end), low: null, best: null, high: null, kind: 'unknown', sentence: i };
  const np = victim ? { from: victim.from, to: victim.to } : { from: killed.from, to: killed.to };
  const figure: Figure = {
    quantity: q,
    np,
    noun: victim && victim.actor.type === 'civilians' ? 'civilians' : victim ? 'combatants' : 'people',
    actors: victim ? [victim] : [],
    group: victim ? (victim.actor.type === 'civilians' ? 'civilians' : victim.bloc) : 'unknown',
    trigger: killed,
    subsetOf: null,
    nounText: victim ? victim.text : 'people',
  };
  return { sentence: i, measure: 'killed', trigger: killed, totals: [figure], subsets: [], scope, dateSentence: i, rule: 'casualties:unknown-count' };
}

/** Fatalities as the claim reports them: one line per group, subsets kept inside their total. */
export function fatalitiesOf(st: CasualtyStatement): Fatalities[] {
  const byGroup = new Map<string, Fatalities>();
  // A vague or unknown figure never merges with a count of the same group: both are kept.
  const keyOf = (f: Figure) => (f.quantity.kind !== 'vague' && f.quantity.kind !== 'unknown' ? f.group : `${f.group}:${f.quantity.kind}:${f.quantity.start}`);
  st.totals.forEach((f) => {
    const q = f.quantity;
    const key = keyOf(f);
    const existing = byGroup.get(key);
    if (existing && existing.best !== null && q.best !== null) {
      existing.best += q.best;
      existing.low = existing.low !== null && q.low !== null ? existing.low + q.low : null;
      existing.high = existing.high !== null && q.high !== null ? existing.high + q.high : null;
      return;
    }
    byGroup.set(key, { group: f.group, low: q.low, best: q.best, high: q.high, kind: q.kind });
  });
  for (const s of st.subsets) {
    const target = byGroup.get(keyOf(s.subsetOf ?? st.totals[0]));
    if (!target) continue;
    (target.includes ??= []).push({ what: subsetLabel(s), count: s.quantity.best ?? s.quantity.low ?? 0 });
  }
  return [...byGroup.values()];
}

function subsetLabel(f: Figure): string {
  return f.nounText || (f.noun === 'civilians' ? 'civilians' : f.group);
}
