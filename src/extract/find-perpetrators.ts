// Who did it. Reads the agent of an attack from the phrase around its trigger or weapon word:
// "strikes by the regime", "Russian air strikes", "a suicide bomber from the Nusra Front",
// "killed in clashes with Kurdish fighters", "IS executed ten men". Used by the claim and event stages.
// The summary's perpetrator by name also reads how a report words responsibility ("X claimed",
// "blamed on X", "suspected X militants"), with the phrases of data/actors/perpetration.json.
import type { ActorMention, Weapon } from '../domain/types.js';
import type { Analysis, CueMention, Located } from './analysis.js';
import { inSentence } from './analysis.js';
import { readDataJson } from './data-dir.js';
import { loadLexicon, type ActorEntry } from './lexicon.js';
import { PhraseMatcher, type PhraseMatch } from './phrase-matcher.js';
import { foldKey } from './fold-text.js';

export interface Perpetrator {
  actor: ActorMention & Located;
  rule: string;
}

const ATTACK_VERBS = /^(?:unleashed|committed|perpetrated|killed|kills|kill|killing|shelled|shells|shelling|bombed|bombs|bombing|struck|strikes|hit|hits|targeted|targets|targeting|attacked|attacks|executed|executes|pounded|pounds|raided|ambushed|stormed|launched|carried|conducted|fired|dropped|massacred|beheaded|shot|claimed|blew|detonated|captured|seized|took|recaptured|retook|overran|inflicted)$/;

/**
 * The actor that carried out the act whose words sit at `anchor` (a trigger or weapon cue) in
 * sentence `i`, never one of `victims`.
 */
export function findPerpetrator(a: Analysis, i: number, anchors: Located[], victims: ActorMention[]): Perpetrator | null {
  const found = readPerpetrator(a, i, anchors, victims);
  return found ? namedBehindLabel(a, i, found) : null;
}

/**
 * "ISIL terrorists beheaded eight", "the Islamic State (IS) terrorist group claimed": a partisan label
 * right after a named group is that group.
 */
function namedBehindLabel(a: Analysis, i: number, p: Perpetrator): Perpetrator {
  const lex = loadLexicon();
  if (!lex.actorsById.get(p.actor.actor.id)?.label) return p;
  const named = inSentence(a.actors, i).filter((m) => m.to <= p.actor.from && p.actor.from - m.to <= 6 && !lex.actorsById.get(m.actor.id)?.label && m.actor.type !== 'civilians').pop();
  return named ? { actor: named, rule: `${p.rule}+named-before-label` } : p;
}

function readPerpetrator(a: Analysis, i: number, anchors: Located[], victims: ActorMention[]): Perpetrator | null {
  // "rebel-held", "IS-controlled": a side named as who holds the place, not who struck it.
  const holder = (m: Located) =>
    /^(?:held|controlled|run|besieged|dominated|occupied)$/.test(a.tokens[m.to]?.key ?? '') ||
    (/^by$/.test(a.tokens[m.from - 1]?.key ?? '') && /^(?:held|controlled|run|besieged|occupied|dominated)$/.test(a.tokens[m.from - 2]?.key ?? ''));
  // "ISIS said 10 people were killed": the speaker of a toll is not who caused it.
  // "IS claimed responsibility" is a claim of the act, not a toll spoken.
  const claims = inSentence(a.cues, i).filter((c) => c.cue.kind === 'responsibility');
  const speaker = (m: Located) =>
    inSentence(a.cues, i).some((c) => c.cue.kind === 'speech' && c.from >= m.to && c.from - m.to <= 1 && !claims.some((r) => r.from <= c.from && r.to >= c.to));
  // A side-word with no known bloc here ("gunmen", "warplanes") names no one; other rules may.
  const actors = inSentence(a.actors, i).filter(
    (m) => m.actor.type !== 'civilians' && m.bloc !== 'unknown' && !victims.some((v) => v.start === m.start) && !holder(m) && !speaker(m),
  );
  if (actors.length === 0) return null;
  const cues = inSentence(a.cues, i);
  const sTo = a.sentenceTokens[i][1];
  // Weapon words near the act ("killed in regime air strikes"), not every weapon word in the sentence.
  const weapons = cues.filter((c) => c.cue.kind === 'weapon' && anchors.some((x) => Math.abs(c.from - x.from) <= 8));
  const spots = [...anchors, ...weapons];

  // "IS claimed responsibility for the bombing": the group that claims an attack is its perpetrator.
  const claim = cues.find((c) => c.cue.kind === 'responsibility');
  if (claim) {
    const actor = actors.filter((m) => m.to <= claim.from && claim.from - m.to <= 8).pop();
    if (actor) return { actor, rule: 'perpetrator:claimed-responsibility' };
  }
  // "killed at the hands of", "killed in clashes with Kurdish fighters": the phrase follows the act.
  for (const spot of anchors) {
    const opp = cues.find((c) => c.cue.kind === 'opponent' && c.from >= spot.from && c.from - spot.to <= 6);
    if (!opp) continue;
    const actor = actors.find((m) => m.from >= opp.to && m.from - opp.to <= 3);
    if (actor) return { actor, rule: 'perpetrator:opponent-phrase' };
  }
  // "killed in Syrian army operations", "killed in regime shelling": the user of the means named after "in".
  for (const spot of anchors) {
    if (a.tokens[spot.to]?.key !== 'in') continue;
    const actor = actors.find((m) => m.from > spot.to && m.from - spot.to <= 3);
    const means = actor && (cues.some((c) => c.cue.kind === 'weapon' && c.from >= actor.to && c.from - actor.to <= 2) || /^(?:operations?|attacks?|offensive|assault|raids?|ambush|bombardment|campaign)$/.test(a.tokens[actor.to]?.key ?? ''));
    if (actor && means) return { actor, rule: 'perpetrator:means-of' };
  }
  // "by the regime", "from IS positions", "in two days of operations by the Syrian military".
  for (const spot of spots) {
    const by = firstAfter(a, spot.to, sTo, 10, /^by$/) ?? firstAfter(a, spot.to, sTo, 4, /^from$/);
    if (by !== null) {
      const actor = actors.find((m) => m.from > by && m.from - by <= 3);
      if (actor) return { actor, rule: 'perpetrator:by-phrase' };
    }
  }
  // "Russian air strikes", "regime barrel bombs", "IS suicide bomber", "the coalition's raids".
  for (const w of weapons) {
    // "fighters battling" names who fights, not who struck: only weapons proper are modified by their user.
    if (w.cue.weapon === 'clash') continue;
    const actor = actors.find((m) => m.to <= w.from && w.from - m.to <= 2);
    if (actor) return { actor, rule: 'perpetrator:modifies-weapon' };
    const inside = actors.find((m) => m.from <= w.from && m.to >= w.to);
    if (inside) return { actor: inside, rule: 'perpetrator:names-weapon' };
  }
  // Subject of an attack verb: "Government helicopters dropped", "IS executed", "Russian jets ... hit".
  // The verb must follow the actor closely; a participle ("..., killing five") belongs to the clause's
  // subject, not to the nearest noun. An object of "fighting"/"against" is skipped.
  for (const spot of spots) {
    const finite = !/ing$/.test(a.tokens[spot.from].key);
    const before = actors.filter((m) => m.to <= spot.from && spot.from - m.to <= 20).reverse();
    for (const subject of before) {
      const objectOf = cues.some((c) => (c.cue.kind === 'opponent' || c.cue.phrase === 'against') && c.to <= subject.from && subject.from - c.to <= 1);
      if (objectOf) continue;
      const verbEnd = Math.min(subject.to + 7, finite ? spot.to : spot.from);
      if (hasAttackVerb(a, subject.to, verbEnd)) return { actor: subject, rule: 'perpetrator:subject-of-verb' };
    }
  }
  // Other opponent phrases anywhere in the sentence ("clashes with", "an attack by").
  const opp = cues.find((c) => c.cue.kind === 'opponent');
  if (opp) {
    const actor = actors.find((m) => m.from >= opp.to && m.from - opp.to <= 3);
    if (actor) return { actor, rule: 'perpetrator:opponent-phrase' };
  }
  return null;
}

const BE = /^(?:was|were|is|are|been|be|being|got|get|gets)$/;

/**
 * An active attack verb: "committed by X" and "soldiers were killed" are passive and make no subject
 * of the actor before them (the soldiers are the victims).
 */
function hasAttackVerb(a: Analysis, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    // "pounded by", "hit hard by": the actor before is the target.
    if (!ATTACK_VERBS.test(a.tokens[k].key) || a.tokens[k + 1]?.key === 'by' || a.tokens[k + 2]?.key === 'by') continue;
    if (BE.test(a.tokens[k - 1]?.key ?? '') || (BE.test(a.tokens[k - 2]?.key ?? '') && /ly$/.test(a.tokens[k - 1]?.key ?? ''))) continue;
    return true;
  }
  return false;
}

function firstAfter(a: Analysis, from: number, to: number, within: number, re: RegExp): number | null {
  for (let k = from; k < to && k - from <= within; k++) {
    if (re.test(a.tokens[k].key)) return k;
    if (a.tokens[k].key === '.' || a.tokens[k].key === ';') return null;
  }
  return null;
}

/** The bloc a weapon points to when nobody is named: in Syria only the government dropped barrel bombs. */
export function blocImpliedByWeapon(weapon: Weapon | null, country: string | null): string | null {
  if (!weapon || !country) return null;
  return loadLexicon().weaponBlocs[country]?.[weapon] ?? null;
}

/** The most specific weapon named among cues. */
export function strongestWeapon(cues: CueMention[]): CueMention | null {
  let best: CueMention | null = null;
  for (const c of cues) if (c.cue.kind === 'weapon' && (!best || (c.cue.priority ?? 0) > (best.cue.priority ?? 0))) best = c;
  return best;
}

type Frame = 'claimedAfter' | 'claimedBefore' | 'blamedAfter' | 'blamedBefore' | 'agentBefore' | 'agentAfter' | 'memberNouns' | 'roleNouns' | 'noClaim';
const FRAMES: Frame[] = ['claimedAfter', 'claimedBefore', 'blamedAfter', 'blamedBefore', 'agentBefore', 'agentAfter', 'memberNouns', 'roleNouns', 'noClaim'];

interface Frames {
  matcher: PhraseMatcher<Frame>;
  byAfter: Set<string>;
}

let frames: Frames | null = null;

/** The wording of claims, blame and agency (data/actors/perpetration.json). */
function loadFrames(): Frames {
  if (frames) return frames;
  const data = readDataJson<Record<Frame | 'byAfter', string[]>>('actors/perpetration.json');
  const matcher = new PhraseMatcher<Frame>();
  for (const f of FRAMES) for (const phrase of data[f]) matcher.add(phrase, f);
  return (frames = { matcher, byAfter: new Set(data.byAfter.map(foldKey)) });
}

/** How firmly a report names a group: it claimed the attack, it is blamed for it, or it is only seen doing it. */
const STRENGTH = { claim: 3, blame: 2, agent: 1 } as const;

export interface FramedPerpetrator extends Perpetrator {
  strength: number;
}

/**
 * The groups sentence `i` names as the author of an attack by the way it words them: "X claimed
 * responsibility", "claimed by X", "blamed on X", "suspected X militants", "X gunmen", "carried out by X",
 * "shot dead by X". Victims (`victims`, or a group counted as dead, "killing five Taliban fighters") and a
 * group's spokesman speaking of a toll are not authors. Strongest first.
 */
function framedPerpetrators(a: Analysis, i: number, victims: ActorMention[] = []): FramedPerpetrator[] {
  const { matcher, byAfter } = loadFrames();
  const [from, to] = a.sentenceTokens[i];
  // Frames may overlap ("is blamed on X"): every start is read, the longest phrase there.
  const found: PhraseMatch<Frame>[] = [];
  for (let k = from; k < to; k++) {
    const here = matcher.matchAt(a.tokens, k, to);
    if (here.length === 0) continue;
    const seen: Frame[] = [];
    for (const f of here) if (!seen.includes(f.value)) (seen.push(f.value), found.push(f));
  }
  // "50 NPA members attacked a police station": a counted group that then acts is not counted dead.
  const acts = (m: Located) => found.some((f) => f.value === 'agentAfter' && f.from >= m.to && f.from - m.to <= 2);
  // Suicide bombers who blew themselves up are among the dead and still the attackers.
  const actors = inSentence(a.actors, i).filter((m) => m.actor.type !== 'civilians' && (acts(m) || (!victims.some((v) => v.start === m.start) && !countedDead(a, m, to))));
  const out: FramedPerpetrator[] = [];
  const add = (actor: (ActorMention & Located) | undefined, strength: number, rule: string) => {
    if (actor) out.push({ actor, strength, rule: `perpetrator:${rule}` });
  };
  const noClaim = found.some((f) => f.value === 'noClaim');
  const before = (at: number, within: number) => pickNamed(actors.filter((m) => m.to <= at && at - m.to <= within).reverse());
  const after = (at: number, within: number) => pickNamed(actors.filter((m) => m.from >= at && m.from - at <= within));
  const opening = (at: number) => actors.find((m) => m.to <= at && m.from - from <= 2 && identifies(m));
  for (const f of found) {
    // "The Islamic Front, an umbrella of several rebel groups, claimed ...": the subject opens the sentence.
    if (f.value === 'claimedAfter' && !noClaim) add(before(f.from, 8) ?? opening(f.from), STRENGTH.claim, 'claimed');
    else if (f.value === 'claimedBefore' && !noClaim) add(after(f.to, 3), STRENGTH.claim, 'claimed-by');
    else if (f.value === 'blamedAfter') add(before(f.from, 4), STRENGTH.blame, 'blamed');
    else if (f.value === 'blamedBefore') add(after(f.to, 3), STRENGTH.blame, 'blamed-on');
    else if (f.value === 'agentBefore') add(after(f.to, 3), STRENGTH.agent, 'carried-out-by');
    else if (f.value === 'agentAfter' && !BE.test(a.tokens[f.from - 1]?.key ?? '') && a.tokens[f.to]?.key !== 'by') add(before(f.from, 3), STRENGTH.agent, 'did');
    else if (f.value === 'memberNouns') {
      // "Abu Sayyaf gunmen", "an LTTE suicide bomber": the group's men; not "a Taliban spokesman".
      const group = actors.find((m) => m.to === f.from || m.to === f.from - 1);
      if (group && !a.tokens.slice(group.to, f.from).some((t) => /^(?:and|or|,)$/.test(t.key))) add(group, STRENGTH.agent, 'group-members');
    }
  }
  // "shot dead by NPA rebels", "an attack by Boko Haram": "by" after an act, never "backed by" or "confirmed by".
  for (let k = from + 1; k < to; k++) {
    if (a.tokens[k].key !== 'by') continue;
    // "kidnapped on 19 February by Abu Sayyaf": a date or place may sit between the act and "by".
    const act = [k - 1, k - 2, k - 3, k - 4, k - 5].some((x) => x >= from && byAfter.has(a.tokens[x].key));
    if (act) add(after(k + 1, 3), STRENGTH.agent, 'by-agent');
  }
  return out.filter((p) => !spokesmanOf(a, p)).sort((x, y) => y.strength - x.strength || x.actor.from - y.actor.from);
}

/** A named group over a category word next to it ("the Al-Shabaab terrorist group claimed"). */
function pickNamed(near: Array<ActorMention & Located>): (ActorMention & Located) | undefined {
  return near.find((m) => identifies(m)) ?? near[0];
}

/** Whether a mention names someone an analyst would record: a group, or a category word the actor file keeps as a name. */
export function identifies(m: ActorMention): boolean {
  const e = loadLexicon().actorsById.get(m.actor.id);
  return !!e && entryIdentifies(e);
}

let byName: Map<string, ActorEntry> | null = null;

/** The same question for an event's actor, known by its name. */
export function namesSomeone(name: string): boolean {
  byName ??= new Map([...loadLexicon().actorsById.values()].map((e) => [e.name, e]));
  const e = byName.get(name);
  return !!e && entryIdentifies(e);
}

function entryIdentifies(e: ActorEntry): boolean {
  if (e.label || e.type === 'civilians') return false;
  return !e.generic || e.identifies === true;
}

/** "killing five Taliban fighters", "13 Taliban were killed": a group counted among the dead is a victim. */
function countedDead(a: Analysis, m: Located & { sentence: number }, to: number): boolean {
  const prev = inSentence(a.quantities, m.sentence).some((q) => !q.unit && q.to <= m.from && m.from - q.to <= 1 && !/^[,.;:()]$/.test(a.tokens[q.to].key));
  if (prev) return true;
  let k = m.to;
  while (k < to && /^(?:fighters?|militants?|members?|insurgents?|soldiers?|troops|men|rebels?|commanders?|also|,)$/.test(a.tokens[k].key)) k++;
  const next = a.tokens.slice(k, k + 3).map((t) => t.key).join(' ');
  return /^(?:(?:was|were|had been|have been|has been) (?:killed|wounded|injured|arrested|captured|detained|neutrali[sz]ed|shot|executed|beheaded|abducted|kidnapped)|died|were dead)/.test(next);
}

/** "a Taliban spokesman said 20 soldiers died": the group speaks of the toll; only a claim makes it the author. */
function spokesmanOf(a: Analysis, p: FramedPerpetrator): boolean {
  if (p.strength === STRENGTH.claim) return false;
  const { matcher } = loadFrames();
  return matcher.matchAt(a.tokens, p.actor.to).some((f) => f.value === 'roleNouns');
}

/**
 * The group the first `within` sentences of a report claim, blame or show as the author of an attack,
 * strongest wording first, then the earliest. Only names an analyst would record count.
 */
export function framedInLead(a: Analysis, within: number, victims: ActorMention[]): FramedPerpetrator | null {
  let best: FramedPerpetrator | null = null;
  for (let i = 0; i < Math.min(within, a.sentences.length); i++) {
    // A group by its name before a category word ("Islamist militants") of the same strength.
    const here = framedPerpetrators(a, i, victims).filter((x) => identifies(x.actor));
    const p = here.find((x) => x.strength === here[0].strength && !isGeneric(x.actor)) ?? here[0];
    if (p && (!best || p.strength > best.strength || (p.strength === best.strength && isGeneric(best.actor) && !isGeneric(p.actor)))) best = p;
  }
  return best ?? namedInOpening(a, victims);
}

/** "targeted a PKK convoy", "ambushed the Taliban": the group after an attack verb is its target. */
function objectOfAttack(a: Analysis, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && /^(?:a|an|the|two|three|several)$/.test(a.tokens[k].key)) k--;
  return k >= 0 && ATTACK_VERBS.test(a.tokens[k].key);
}

const NON_STATE = new Set(['armed-group', 'militia', 'coalition']);
/** Sides that are states or act for them: a convoy of theirs in the opening is a target, not an author. */
const STATE_BLOCS = new Set(['government', 'pro-government', 'international-coalition', 'saudi-led-coalition', 'peacekeepers', 'foreign-state', 'israel', 'russia', 'ukraine', 'transitional-government']);

const isGeneric = (m: ActorMention) => loadLexicon().actorsById.get(m.actor.id)?.generic === true;
/** How many opening sentences a short report takes to say what happened. */
const OPENING = 2;

/**
 * A short incident report that names one armed group in its opening and no other author ("Hamas militant
 * blows himself up in a restaurant") is telling of that group's attack. A target ("anti-Taliban",
 * "against the PKK"), a group counted among the dead, or a group's spokesman is not its author.
 */
function namedInOpening(a: Analysis, victims: ActorMention[]): FramedPerpetrator | null {
  const { matcher } = loadFrames();
  for (let i = 0; i < Math.min(OPENING, a.sentences.length); i++) {
    const to = a.sentenceTokens[i][1];
    const m = inSentence(a.actors, i).find(
      (x) =>
        NON_STATE.has(x.actor.type) &&
        !STATE_BLOCS.has(x.actor.bloc) &&
        identifies(x) &&
        !victims.some((v) => v.start === x.start) &&
        !countedDead(a, x, to) &&
        !/^(?:anti|against|on|targeting|at|with|versus|vs|fighting|former|ex)$/.test(a.tokens[x.from - 1]?.key ?? '') &&
        !objectOfAttack(a, x.from) &&
        !/^(?:held|controlled|run|dominated|occupied|leader|commander|chief)$/.test(a.tokens[x.to]?.key ?? '') &&
        !matcher.matchAt(a.tokens, x.to).some((f) => f.value === 'roleNouns'),
    );
    if (m) return { actor: m, strength: 0, rule: 'perpetrator:named-in-opening' };
  }
  return null;
}
