// Stage 6a. The means of the headline incident. The sentence that gives the toll often names none
// ("Two policemen were killed in the attack"), so the title, the lead and, in a short report, any
// sentence may; and a word about the response ("the attacker was shot dead by police") never
// stands for the attack's means when the report names another.
import type { Weapon } from '../domain/types.js';
import type { Analysis, CueMention } from './analysis.js';
import { inSentence } from './analysis.js';
import { strongestWeapon } from './find-perpetrators.js';
import { loadLexicon } from './lexicon.js';

/** Sentences of the lead in which the means of the headline is looked for. */
const LEAD = 3;
/** A report of this many sentences or fewer tells one incident: any sentence of it may name the means. */
const SHORT = 6;
/** How far (tokens) a responder or an attacker may stand from the gunfire word. */
const NEAR = 4;

const FIREARMS: ReadonlySet<Weapon> = new Set(['shooting', 'gunfire', 'sniper']);
/** Words for any blast, and the devices they may stand for. */
const GENERIC_BLAST: ReadonlySet<Weapon> = new Set(['explosion', 'bomb']);
const BLAST: ReadonlySet<Weapon> = new Set(['suicide_bomb', 'car_bomb', 'ied', 'landmine', 'grenade', 'bomb']);

export interface WeaponSource {
  /** The document (the report or its title) whose sentence holds the headline figure. */
  doc: Analysis;
  sentence: number;
  /** The weapon that sentence's event carries (a weapon word, or an execution read from the verb). */
  weapon: Weapon | null;
}

export interface HeadlineWeapon {
  /** The means for the summary: what the text names, else gunfire for clashes and attacks that name none. */
  weapon: Weapon | null;
  /** What the text itself names ("clash" for clashes and attacks): the word to find the perpetrator by. */
  named: Weapon | null;
}

export function headlineWeapon(a: Analysis, head: WeaponSource | null, title: Analysis | null): HeadlineWeapon {
  const named = namedWeapon(a, head, title);
  // Clashes and armed attacks that name no means at all were fought with guns: reports name a bomb,
  // a blaze or a blade when there was one, and often leave gunfire unsaid.
  return { weapon: named === 'clash' ? 'gunfire' : named, named };
}

function namedWeapon(a: Analysis, head: WeaponSource | null, title: Analysis | null): Weapon | null {
  const own = head?.weapon ?? null;
  // Fire set to houses beside a killing is no means of the killing ("killed two and burned huts").
  const means = (c: CueMention) => c.cue.weapon !== 'clash' && !(head && c.cue.property);
  // The report's weapon cues are read once and then taken by sentence.
  const report = weaponCues(a);
  const headCues = head ? (head.doc === a ? report : weaponCues(head.doc)).filter((c) => c.sentence === head.sentence) : [];
  // The title and the lead together: "regime bombs ..." over a lead's "air strikes" is the strikes.
  const lead = [...(title ? weaponCues(title) : []), ...report.filter((c) => c.sentence < LEAD)];
  const whole = a.sentences.length <= SHORT ? report : [];
  const attack = (cues: Array<CueMention & { response: boolean }>) => strongestWeapon(cues.filter((c) => means(c) && !c.response))?.cue.weapon ?? null;

  // An execution read from the verb ("IS executed ten men") is the headline's own means.
  const fromVerb = own === 'execution' || own === 'torture' ? own : null;
  const found = attack(headCues) ?? fromVerb ?? attack(lead) ?? attack(whole);
  // "the bomb exploded" after "a suicide bomber ...": the lead's more specific device is the same blast.
  if (found && GENERIC_BLAST.has(found)) {
    const specific = strongestWeapon([...lead, ...whole].filter((c) => means(c) && !c.response && BLAST.has(c.cue.weapon!)));
    if (specific) return specific.cue.weapon!;
  }
  if (found) return found;
  // Only the response named anywhere; else "clashes" and "attacks" of the headline or the lead; else fire set to property.
  const named = [...headCues, ...lead, ...whole];
  const response = strongestWeapon(named.filter(means));
  if (response) return response.cue.weapon!;
  if (own === 'clash' || lead.some((c) => c.cue.weapon === 'clash')) return 'clash';
  return strongestWeapon(named)?.cue.weapon ?? null;
}

function weaponCues(doc: Analysis): Array<CueMention & { response: boolean }> {
  return meansCues(doc.cues).map((c) => Object.assign({}, c, { response: isResponse(doc, c) }));
}

/** The weapon cues that name a means: "went on strike" names none and silences the "strike" inside it. */
export function meansCues(cues: CueMention[]): CueMention[] {
  const none = cues.filter((c) => c.cue.kind === 'weapon' && c.cue.weapon === 'unknown');
  const silenced = (c: CueMention) => none.some((n) => n.start <= c.start && n.end >= c.end);
  return cues.filter((c) => c.cue.kind === 'weapon' && c.cue.weapon !== 'unknown' && !silenced(c));
}

/**
 * Gunfire that answers an attack: "returned fire", "the assailant was shot dead", "police opened
 * fire on the attackers". Only firearms: a response is almost always gunfire.
 */
export function isResponse(doc: Analysis, c: CueMention): boolean {
  if (!FIREARMS.has(c.cue.weapon!)) return false;
  if (inSentence(doc.cues, c.sentence).some((r) => r.cue.kind === 'response' && r.from <= c.to + 1 && r.to >= c.from - 1)) return true;
  const { responders, attackers } = loadLexicon().weaponResponse;
  const [sFrom, sTo] = doc.sentenceTokens[c.sentence];
  const key = (k: number) => doc.tokens[k].key;
  // "the attacker was (later) shot dead", "before he was shot by police"
  for (let k = c.from - 1; k >= sFrom && c.from - k <= NEAR; k--) {
    if (!/^(?:was|were|being|been)$/.test(key(k))) continue;
    for (let j = k - 1; j >= sFrom && k - j <= 2; j--) if (attackers.has(key(j))) return true;
  }
  // "(he) was shot dead by police", "before being shot by troops"
  const passive = doc.tokens[c.from - 1] && /^(?:was|were|being|been|later|then)$/.test(key(c.from - 1));
  if (passive) for (let k = c.to; k < sTo && k - c.to < NEAR; k++) if (key(k) === 'by' && doc.tokens[k + 1] && (responders.has(key(k + 1)) || responders.has(doc.tokens[k + 2] ? key(k + 2) : ''))) return true;
  // "police opened fire on the attackers", "troops shot the gunman"
  let responder = false;
  for (let k = c.from - 1; k >= sFrom && c.from - k <= NEAR; k--) if (responders.has(key(k))) responder = true;
  if (!responder) return false;
  for (let k = c.to; k < sTo && k - c.to < NEAR; k++) if (attackers.has(key(k)) && !/^(?:he|him|they|them)$/.test(key(k))) return true;
  return false;
}
