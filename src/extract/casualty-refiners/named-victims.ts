// People a casualty verb counts without a figure: "a district judge was shot dead" (1), "killed the
// commander, Mullah X" (1), "the driver and his son were killed" (2), "killing himself" (1 attacker).
// Each noun phrase of the verb's subject or object that no figure already counts adds its people.
import type { Analysis, CueMention } from '../analysis.js';
import { inSentence } from '../analysis.js';
import { readDataJson } from '../data-dir.js';
import type { CasualtyStatement, Figure } from '../extract-casualties.js';
import type { RefineContext, Refiner } from './refiner.js';

interface Words {
  attackers: Set<string>;
  plurals: Set<string>;
  determiners: Set<string>;
  negated: Set<string>;
  thingVerbs: Set<string>;
  measureNouns: Set<string>;
  notPerson: Set<string>;
  persons: Set<string>;
}

let words: Words | null = null;
function lexicon(): Words {
  if (words) return words;
  const t = readDataJson<{
    measures: Record<string, { nouns?: string[]; verbs?: string[] }> & { thingObjects: string[] };
    victims: { attackerNouns: string[]; irregularPlurals: string[]; singularDeterminers: string[]; negatedSubjects: string[]; notPersonHeads: string[]; personNouns: string[] };
  }>('lexicon/triggers.json');
  // Words that are only nouns ("deaths", "toll"); "killing" and "wounded" are verbs too.
  const verbs = new Set(['killed', 'wounded', 'captured'].flatMap((m) => t.measures[m].verbs ?? []));
  const nouns = ['killed', 'wounded', 'captured'].flatMap((m) => t.measures[m].nouns ?? []).filter((n) => !verbs.has(n));
  return (words = {
    attackers: new Set(t.victims.attackerNouns.map((w) => w.split(' ').pop()!)),
    plurals: new Set(t.victims.irregularPlurals),
    determiners: new Set(t.victims.singularDeterminers),
    negated: new Set(t.victims.negatedSubjects),
    thingVerbs: new Set(t.measures.thingObjects),
    measureNouns: new Set(nouns),
    notPerson: new Set(t.victims.notPersonHeads),
    persons: new Set(t.victims.personNouns.map((w) => w.toLowerCase())),
  });
}

/** Is this cue's head noun one of the attackers ("the gunman", "the suicide bomber")? */
export function isAttackerWord(key: string): boolean {
  return lexicon().attackers.has(key);
}

const AUX = /^(?:was|were|is|are|has|have|had|been|being|also|reportedly|later|allegedly|both)$/;
const SINGULAR_AUX = /^(?:was|is|has)$/;
const INTRANSITIVE = /^(?:died|dies|perished|lost (?:his|her|their) li(?:fe|ves)|succumbed)/;
const STOP = /^(?:[.;:()!?"]|when|after|while|as|before|because|since|where|if|but|that|which|then|in|on|at|near|during|by|from|with|without|for|to|into|across|against|under|over|among|between|through|outside|inside|following|amid|according|said|says|who|whom|whose)$/;
const PREPOSITION = /^(?:in|on|at|near|during|by|from|with|without|for|to|into|across|against|under|over|among|between|through|outside|inside|following|amid|of)$/;
const SELF = /^(?:himself|herself)$/;

type NamedContext = RefineContext;

export const namedVictimsRefiner: Refiner = {
  name: 'namedVictims',
  why: 'a person named by a casualty verb with no figure counts one ("a judge was shot dead", "the driver and his son")',
  refine: (figures, ctx) => [...figures, ...namedVictims(ctx, figures)],
};

/** The figures for the people each trigger's noun phrases name, beside the figures already read. */
export function namedVictims(ctx: NamedContext, figures: Figure[]): Figure[] {
  const { a, sentence } = ctx;
  const [sFrom, sTo] = a.sentenceTokens[sentence];
  const lex = lexicon();
  const out: Figure[] = [];
  // A title ("Army Kills Top Commander") abridges: capitals say nothing about names, and its
  // victims are told again, counted, in the body.
  if (isTitleCase(a, sFrom, sTo)) return [];
  const quantities = inSentence(a.quantities, sentence).filter((q) => !q.unit);
  // A person counted by another measure's verb is counted again by this one ("abducted in May and later killed").
  const covered = (from: number, to: number, t?: CueMention) =>
    [...figures, ...out.filter((f) => !t || f.trigger?.cue.kind === t.cue.kind)].some((f) => f.quantity.from < to && f.np.to > from) ||
    quantities.some((q) => !q.unit && q.from < to && q.to > from);
  for (const t of ctx.triggers) {
    if (lex.measureNouns.has(t.cue.phrase)) continue;
    // "not killed", "attempting to kill the leader": no one died.
    if (negatedVerb(a, t) || ctx.cues.some((c) => c.cue.kind === 'irrealis' && c.to <= t.from && t.from - c.to <= 2)) continue;
    const passive = isPassive(a, t);
    // "leaving five civilians killed": a participle after its figure takes no object.
    if (!passive && covered(t.from - 1, t.from)) continue;
    const conjuncts = passive ? subjectOf(ctx, t, sFrom) : objectOf(ctx, t, sTo);
    if (!conjuncts) continue;
    // "he later died of his wounds": the pronoun says one, whatever the verb.
    const heDied = INTRANSITIVE.test(t.cue.phrase) && conjuncts.length === 1 && conjuncts[0].to - conjuncts[0].from === 1 && /^(?:he|she)$/.test(a.tokens[conjuncts[0].from].key);
    const singular = heDied || (passive && (SINGULAR_AUX.test(a.tokens[t.from].key) || SINGULAR_AUX.test(auxBefore(a, t))));
    // "destroyed a tank", "a mosque was destroyed": such verbs count a person only when one is named.
    const thingVerb = takesThings(t);
    const found: Figure[] = [];
    let vague = false;
    for (const c of conjuncts) {
      if (covered(c.from, c.to, t)) continue;
      const n = countOf(ctx, c, singular && conjuncts.length === 1, thingVerb);
      // "the driver and other passengers were killed": a plural with no figure leaves the count open.
      if (n === null) vague = true;
      if (!n) continue;
      found.push(figureOf(ctx, t, c, n));
    }
    if (!vague) out.push(...found);
  }
  return out;
}

interface Span {
  from: number;
  to: number;
}

/** Three or more words, at least 60% of them capitalized. */
function isTitleCase(a: Analysis, from: number, to: number): boolean {
  let words = 0;
  let capitalized = 0;
  for (let k = from; k < to; k++) {
    const c = a.tokens[k].text.charCodeAt(0);
    const upper = c >= 65 && c <= 90;
    if (upper || (c >= 97 && c <= 122)) words++;
    if (upper) capitalized++;
  }
  return words >= 3 && capitalized >= words * 0.6;
}

/** "dead", "deaths", "toll": a casualty word that is no verb and takes no object. */
export function isMeasureNoun(t: CueMention): boolean {
  return lexicon().measureNouns.has(t.cue.phrase);
}

/** "destroyed", "captured": a verb that also takes things and places. */
export function takesThings(t: CueMention): boolean {
  const lex = lexicon();
  return lex.thingVerbs.has(t.cue.phrase) || lex.thingVerbs.has(t.cue.phrase.split(' ').pop()!);
}

/** "was killed", "have been wounded", "died": the subject is the victim; "has killed" is active. */
export function isPassive(a: Analysis, t: CueMention): boolean {
  if (INTRANSITIVE.test(t.cue.phrase) || PASSIVE_AUX.test(a.tokens[t.from].key)) return true;
  for (let k = t.from - 1; k >= Math.max(0, t.from - 5); k--) {
    const key = a.tokens[k].key;
    if (PASSIVE_AUX.test(key)) return true;
    // "were ambushed and killed": an earlier participle of the same passive.
    if (/^(?:and|,)$/.test(key) && /ed$/.test(a.tokens[k - 1]?.key ?? '') && k - 1 > t.from - 5) {
      k--;
      continue;
    }
    if (!ADVERB.test(key)) return false;
  }
  return false;
}

const PASSIVE_AUX = /^(?:was|were|is|are|been|being|got|get|gets)$/;
const ADVERB = /^(?:also|reportedly|later|allegedly|both|all|subsequently|then|fatally|critically|seriously|badly|lightly|slightly)$/;

function auxBefore(a: Analysis, t: CueMention): string {
  // "was kidnapped and later killed": the auxiliary of the first participle serves the chain.
  for (let k = t.from - 1; k >= Math.max(0, t.from - 5); k--) if (SINGULAR_AUX.test(a.tokens[k].key) || /^(?:were|are|have)$/.test(a.tokens[k].key)) return a.tokens[k].key;
  return '';
}

function negatedVerb(a: Analysis, t: CueMention): boolean {
  for (let k = t.from - 1; k >= Math.max(0, t.from - 2); k--) if (/^(?:not|n't|never|no)$/.test(a.tokens[k].key)) return true;
  return false;
}

/** The subject of "was killed" / "were wounded" / "died", split at "and" and list commas. */
function subjectOf(ctx: NamedContext, t: CueMention, sFrom: number): Span[] | null {
  const a = ctx.a;
  let end = t.from;
  while (end > sFrom && AUX.test(a.tokens[end - 1].key)) end--;
  // "was ambushed and killed": the subject stands before the first participle.
  if (end - 2 > sFrom && /^(?:and|,)$/.test(a.tokens[end - 1].key) && /(?:ed|shot|hit|taken)$/.test(a.tokens[end - 2].key) && AUX.test(a.tokens[end - 3].key)) {
    end -= 2;
    while (end > sFrom && AUX.test(a.tokens[end - 1].key)) end--;
  }
  // "Valiulla Yakupov, his deputy, was shot dead": an apposition's closing comma.
  if (a.tokens[end - 1]?.key === ',') end--;
  // "a man who was killed": the noun the relative clause hangs on.
  if (a.tokens[end - 1]?.key === 'who') end--;
  let from = end;
  while (from > sFrom && end - from < 14) {
    const key = a.tokens[from - 1].key;
    if (STOP.test(key) || AUX.test(key) || isTriggerToken(ctx, from - 1)) break;
    // A figure right before the verb is its subject and counts these people itself.
    // An age ("a 45-year-old teacher") counts no one.
    const q = inSentence(a.quantities, ctx.sentence).find((x) => !x.unit && x.from <= from - 1 && x.to > from - 1);
    if (q) return singleBesideFigure(ctx, q.from, from, end, sFrom);
    from--;
  }
  if (from === end) return openingSubject(ctx, end, sFrom);
  // "from the militant group were killed", "on Monday a judge was killed": after a preposition the
  // subject starts at its own determiner, if it has one.
  if (from > sFrom && PREPOSITION.test(a.tokens[from - 1].key)) {
    let d = end - 1;
    while (d >= from && !lexicon().determiners.has(a.tokens[d].key)) d--;
    if (d <= from) return openingSubject(ctx, end, sFrom);
    from = d;
  }
  return splitList(a, from, end, true);
}

/**
 * "A police chief and nine of his guards were killed", "Six children and an adult were killed": the
 * figure counts its own people; the one person coordinated with it counts one more.
 */
function singleBesideFigure(ctx: NamedContext, qFrom: number, from: number, end: number, sFrom: number): Span[] | null {
  const a = ctx.a;
  const { determiners } = lexicon();
  // After the figure: "... and an adult civilian".
  for (let k = end - 2; k >= from; k--) {
    if (a.tokens[k].key !== 'and') continue;
    return determiners.has(a.tokens[k + 1].key) ? splitList(a, k + 1, end, true) : null;
  }
  // Before it: "A police chief and nine ...".
  if (a.tokens[qFrom - 1]?.key !== 'and') return null;
  for (let d = qFrom - 2; d >= Math.max(sFrom, qFrom - 6); d--) {
    const key = a.tokens[d].key;
    if (STOP.test(key) || AUX.test(key) || isTriggerToken(ctx, d)) return null;
    if (determiners.has(key)) return splitList(a, d, qFrom - 1, true);
  }
  return null;
}

const MODIFIER_OPENS = /^(?:who|whom|that|which|,|belonging|working|serving|living|traveling|travelling)$/;

/**
 * "A shopkeeper from the Sikh community was killed", "A fisherman who was abducted in May was
 * killed": the sentence's opening noun phrase, when a phrase or a relative clause stands between
 * it and its passive verb. Only the noun phrase the sentence (or a title's colon) opens with.
 */
function openingSubject(ctx: NamedContext, end: number, sFrom: number): Span[] | null {
  const a = ctx.a;
  let k = Math.max(sFrom, end - 16);
  while (k < end && a.tokens[k - 1]?.key !== ':' && k !== sFrom) k++;
  if (k >= end || !lexicon().determiners.has(a.tokens[k].key)) return null;
  let to = k + 1;
  while (to < end && to - k <= 5 && !PREPOSITION.test(a.tokens[to].key) && !MODIFIER_OPENS.test(a.tokens[to].key) && /^[a-z\u00c0-\u024f][a-z\u00c0-\u024f'-]*$/i.test(a.tokens[to].key)) {
    if (isTriggerToken(ctx, to) || AUX.test(a.tokens[to].key)) return null;
    to++;
  }
  if (to === k + 1 || to >= end || to - k > 5) return null;
  if (!PREPOSITION.test(a.tokens[to].key) && !MODIFIER_OPENS.test(a.tokens[to].key)) return null;
  return [{ from: k, to }];
}

/** The object of "killed" / "shot dead" / "abducted": the noun phrases right after the verb. */
function objectOf(ctx: NamedContext, t: CueMention, sTo: number): Span[] | null {
  const a = ctx.a;
  let to = t.to;
  while (to < sTo && to - t.to < 16) {
    const key = a.tokens[to].key;
    if (STOP.test(key) || AUX.test(key) || isTriggerToken(ctx, to)) break;
    // "and wounding", "and then": the list ends where a new verb starts.
    if (key === 'and' && /ing$|^then$/.test(a.tokens[to + 1]?.key ?? '')) break;
    if (ctx.cues.some((c) => c.from === to && c.cue.kind === 'speech')) break;
    to++;
  }
  if (to === t.to) return null;
  const parts = splitList(a, t.to, to, false);
  // "... killed, SANA reported": the last words before a speech verb are its speaker; in copy that
  // lost its commas ("killing the commander Abu Taha well-informed sources told"), the name before them stays.
  const last = ctx.cues.some((c) => c.from === to && c.cue.kind === 'speech') ? parts.pop() : undefined;
  if (last) {
    let k = last.to - 1;
    while (k > last.from && !/^[A-Z]/.test(a.tokens[k].text)) k--;
    if (k > last.from && k < last.to - 1) parts.push({ from: last.from, to: k + 1 });
  }
  return parts;
}

function isTriggerToken(ctx: NamedContext, k: number): boolean {
  return ctx.triggers.some((c) => c.from <= k && c.to > k);
}

/**
 * "the driver and his son": two. "the commander, Mullah X": one (a comma with no "and" after it
 * is an apposition). "A, B and C": three.
 */
function splitList(a: Analysis, from: number, to: number, subject: boolean): Span[] {
  const parts: Span[] = [];
  const seps: string[] = [];
  let start = from;
  for (let k = from; k <= to; k++) {
    const key = k < to ? a.tokens[k].key : '';
    if (k === to || key === 'and' || key === ',') {
      if (k > start) parts.push({ from: start, to: k });
      if (k < to) seps.push(key);
      start = k + 1;
    }
  }
  if (parts.length <= 1) return parts;
  const hasAnd = seps.includes('and');
  if (!hasAnd) return subject ? [parts[parts.length - 1]] : [parts[0]];
  return parts;
}

/** People one noun phrase names: 1 for a singular phrase or a name, null for a plural with no figure. */
function countOf(ctx: NamedContext, c: Span, singularVerb: boolean, thingVerb: boolean): number | null {
  const { a } = ctx;
  const lex = lexicon();
  const toks = a.tokens.slice(c.from, c.to);
  if (toks.some((t) => lex.negated.has(t.key) || t.key === 'one' && toks.length === 1 && a.tokens[c.from - 1]?.key === 'no')) return 0;
  if (toks.length > 8) return 0;
  const first = toks[0];
  if (toks.length === 1 && SELF.test(first.key)) return 1;
  // "He was shot dead": one person, unless the report has counted him already (see onlyFirstMention).
  if (toks.length === 1 && singularVerb && /^(?:he|she)$/.test(first.key)) return 1;
  // "executed her", "they were killed": someone the report has already named.
  if (toks.length === 1 && /^(?:him|her|them|themselves|it|us|you|he|she|they|we|i|who)$/.test(first.key)) return 0;
  const ofAt = toks.findIndex((t) => t.key === 'of');
  const head = toks[ofAt > 0 ? ofAt - 1 : toks.length - 1];
  if (lex.notPerson.has(head.key)) return 0;
  // A day or a date after the verb ("killed Thursday") is no one.
  if (a.dates.some((d) => d.start < toks[toks.length - 1].end && d.end > first.start)) return 0;
  // Only the head noun says how many: "a police officer" is one.
  const headAt = c.from + (ofAt > 0 ? ofAt - 1 : toks.length - 1);
  const pluralWord = ctx.cues.some((x) => x.from >= c.from && x.to === headAt + 1 && x.cue.kind === 'victim' && (/[^su']s$/.test(x.cue.phrase) || lex.plurals.has(x.cue.phrase)));
  // A place is never a victim ("shot dead in Kabul" stops at "in"; "captured Mosul" must not count).
  if (a.places.some((p) => p.from < c.to && p.to > c.from && p.from <= headAt && p.to > headAt)) return 0;
  const capital = /^[A-Z]/.test(head.text);
  const groupName = ctx.actors.some((m) => m.from < c.to && m.to > c.from && m.actor.type !== 'civilians' && m.to === c.from + (ofAt > 0 ? ofAt : toks.length));
  const plural = pluralWord || lex.plurals.has(head.key) || (/[^su']s$/.test(head.key) && (!capital || groupName)) || (capital && groupName && !personWord(ctx, c));
  if (thingVerb && !personWord(ctx, c) && !capital) return 0;
  // "both gunmen were shot dead": two.
  if ((first.key === 'both' || a.tokens[c.from - 1]?.key === 'both') && (plural || personWord(ctx, c))) return 2;
  // "the attackers were killed": the attack's own attackers, a plural the text does not count, are at
  // least two (a lower bound; the summary adds attackers only in an incident summary).
  if (plural && !singularVerb && first.key === 'the' && toks.length === 2 && isAttackerWord(head.key)) return ATTACKERS_UNCOUNTED;
  if (plural) return singularVerb ? 1 : null;
  if (singularVerb) return 1;
  // Several phrases, or an object ("the judge and his driver", "killed Mullah X"): each must open
  // with a determiner or a name, and name a person or be a name. In a title every word is capitalized.
  const opens = lex.determiners.has(first.key) || /^[A-Z]/.test(first.text);
  if (!opens) return 0;
  if (personWord(ctx, c)) return 1;
  if (capital && !groupName && !lex.determiners.has(first.key)) return 1;
  return 0;
}

function personWord(ctx: NamedContext, c: Span): boolean {
  const persons = lexicon().persons;
  return (
    ctx.cues.some((x) => x.from >= c.from && x.to <= c.to && (x.cue.kind === 'victim' || x.cue.kind === 'singular-victim')) ||
    ctx.a.tokens.slice(c.from, c.to).some((t) => isAttackerWord(t.key) || persons.has(t.key))
  );
}

/** The count given to plural attackers the text names without a figure: the least a plural can be. */
const ATTACKERS_UNCOUNTED = 2;

function figureOf(ctx: NamedContext, t: CueMention, c: Span, n: number): Figure {
  const { a, sentence } = ctx;
  const toks = a.tokens.slice(c.from, c.to);
  const start = toks[0].start;
  const end = toks[toks.length - 1].end;
  const victim = ctx.cues.find((x) => x.from >= c.from && x.to <= c.to && x.cue.kind === 'victim');
  const attacker = toks.some((x) => isAttackerWord(x.key) || SELF.test(x.key));
  const actors = ctx.actors.filter((m) => m.from >= c.from && m.to <= c.to);
  const civil = victim?.cue.group === 'civilians';
  const group = attacker ? 'attackers' : civil ? 'civilians' : (actors.find((m) => m.actor.type !== 'civilians' && m.bloc !== 'unknown')?.bloc ?? 'people');
  return {
    quantity: { start, end, from: c.from, to: c.from, text: a.text.slice(start, end), low: n, best: n, high: n, kind: n === ATTACKERS_UNCOUNTED && attacker && toks.length === 2 ? 'lower-bound' : 'exact', sentence },
    np: { from: c.from, to: c.to },
    noun: civil ? 'civilians' : attacker || actors.length ? 'combatants' : 'people',
    actors,
    group,
    trigger: t,
    subsetOf: null,
    nounText: a.text.slice(start, end),
    toll: true,
    named: true,
  };
}

/**
 * "A man stabbed two officers. He was shot dead by police": a pronoun counts its person once, only
 * when no death was counted before it (else it is someone already counted: "the pilot ... before he was killed").
 */
export function dropCountedPronouns(a: Analysis, statements: CasualtyStatement[]): string[] {
  const why: string[] = [];
  const pronoun = (f: Figure) => !!f.named && /^(?:he|she)$/i.test(f.nounText);
  let countedBefore = false;
  for (const st of statements) {
    if (st.measure !== 'killed') continue;
    if (countedBefore) {
      const kept = st.totals.filter((f) => !pronoun(f));
      if (kept.length < st.totals.length) why.push(`sentence ${st.sentence + 1}: "${a.sentences[st.sentence].text.slice(0, 40)}": a pronoun names someone already counted`);
      st.totals = kept;
    }
    if (st.totals.length > 0) countedBefore = true;
  }
  return why;
}
