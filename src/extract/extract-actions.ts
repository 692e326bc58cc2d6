// Stage 5b. Acts that are events even when nobody is counted: a town changing hands, an air
// strike carried out, an offensive launched. Aims ("aiming to encircle") and plans are not acts.
import type { ActorMention, PlaceMention, Weapon } from '../domain/types.js';
import type { Analysis, CueMention, Located } from './analysis.js';
import { inSentence } from './analysis.js';
import { findPerpetrator, strongestWeapon } from './find-perpetrators.js';

export interface ActionStatement {
  sentence: number;
  kind: 'territory' | 'strike' | 'offensive';
  cue: CueMention;
  actor: (ActorMention & Located) | null;
  /** The place taken, or the place where it happened. */
  place: (PlaceMention & Located) | null;
  /** Words naming what was taken when it is no named place ("several army bases"). */
  object: string | null;
  weapon: Weapon | null;
  /** Fatalities stated as unknown ("no information on casualties"). */
  casualtiesUnknown: boolean;
  rule: string;
}

export function extractActions(a: Analysis, casualtySentences: Set<number>): ActionStatement[] {
  const out: ActionStatement[] = [];
  for (let i = 0; i < a.sentences.length; i++) {
    const cues = inSentence(a.cues, i);
    if (cues.length === 0) continue;
    out.push(...territory(a, i, cues));
    const strike = strikeWithoutCount(a, i, cues, casualtySentences.has(i));
    if (strike) out.push(strike);
    const offensive = offensiveLaunch(a, i, cues);
    if (offensive) out.push(offensive);
  }
  return out;
}

function isIrrealisBefore(cues: CueMention[], at: number, within = 4): boolean {
  return cues.some((c) => (c.cue.kind === 'irrealis' || c.cue.kind === 'territory-aim' || c.cue.kind === 'negation') && c.to <= at && at - c.to <= within);
}

function territory(a: Analysis, i: number, cues: CueMention[]): ActionStatement[] {
  const out: ActionStatement[] = [];
  const [sFrom, sTo] = a.sentenceTokens[i];
  const places = inSentence(a.places, i);
  const actors = inSentence(a.actors, i).filter((m) => m.actor.type !== 'civilians');
  let taken = -1;
  for (const verb of cues.filter((c) => c.cue.kind === 'territory-gain')) {
    // "took full control of": one change, though "full control of" is a cue of its own.
    if (verb.from < taken || isIrrealisBefore(cues, verb.from)) continue;
    // "The village was cleared of terrorists by army units": the place before the verb, the gainer after "by".
    const passive = /^(?:was|were|been|is|are|be|being)$/.test(a.tokens[verb.from - 1]?.key ?? '');
    // What was taken: a named place or a word such as "villages", "hilltop", "bases" just after the verb.
    const objectNoun = passive
      ? cues.filter((c) => c.cue.kind === 'capture-noun' && c.to <= verb.from && verb.from - c.to <= 6).pop()
      : cues.find((c) => c.cue.kind === 'capture-noun' && c.from >= verb.to && c.from - verb.to <= 5);
    let place = passive
      ? (places.filter((p) => p.to <= verb.from && verb.from - p.to <= 8).pop() ?? null)
      : (places.find((p) => p.from >= verb.to && p.from - verb.to <= 8) ?? null);
    // "the town that Kurdish forces recaptured": the place is before the relative pronoun.
    if (!place && !objectNoun) {
      const rel = findBack(a, verb.from, sFrom, 8, /^(?:that|which)$/);
      if (rel !== null) place = places.filter((p) => p.to <= rel && rel - p.to <= 10).pop() ?? null;
    }
    // A count of people after "captured" is a capture of people, read by the casualty stage.
    // ("captured 20 soldiers near the town": the people come before the place word.)
    const peopleAfter = inSentence(a.quantities, i).some((q) => !q.unit && q.from >= verb.to && q.from - verb.to <= 3 && (!objectNoun || objectNoun.from > q.from));
    if ((!place && !objectNoun) || peopleAfter) continue;
    const fellTo = /^fell$/.test(a.tokens[verb.from].key);
    const by = findAhead(a, verb.to, sTo, 6, /^by$/);
    const agent = by === null ? null : (actors.find((m) => m.from > by && m.from - by <= 6) ?? null);
    const actor = fellTo
      ? actors.find((m) => m.from >= verb.to && m.from - verb.to <= 3) ?? null
      : passive
        ? agent
        : subjectBefore(actors, verb.from) ?? actors.find((m) => m.from > verb.to && a.tokens[m.from - 1]?.key === 'by') ?? null;
    if (!actor) continue;
    taken = verb.to;
    const sentencePlace = place ?? places.find((p) => p.precision !== 'country') ?? null;
    out.push({
      sentence: i,
      kind: 'territory',
      cue: verb,
      actor,
      place: sentencePlace,
      object: objectNoun ? phraseAround(a, objectNoun, sTo) : null,
      weapon: null,
      casualtiesUnknown: false,
      rule: place ? 'territory:named-place' : 'territory:object-noun',
    });
  }
  return out;
}

/** "the strategic Tal Baghdaq hilltop", "several army bases": the words naming what was taken. */
/** The side doing the taking: the first named force of the clause ("The army, backed by militia, captured"). */
function subjectBefore(actors: Array<ActorMention & Located>, at: number): (ActorMention & Located) | undefined {
  const before = actors.filter((m) => m.to <= at && at - m.to <= 16);
  return before.find((m) => m.actor.type !== 'generic' || m.bloc !== 'unknown') ?? before.pop();
}

function phraseAround(a: Analysis, noun: CueMention, sTo: number): string {
  let from = noun.from;
  while (from > 0 && noun.from - from < 4 && /^[\p{L}]/u.test(a.tokens[from - 1].text) && !/^(?:captured|capturing|seized|seizing|took|taking|recaptured|retook|the|a|an|of|and|control)$/.test(a.tokens[from - 1].key)) from--;
  let to = noun.to;
  while (to < sTo && to - noun.to < 4 && /^(?:and|villages|towns|areas|hamlets)$/.test(a.tokens[to].key)) to++;
  // "the town of Atman": the name after "of", when the gazetteer does not know it.
  if (a.tokens[to]?.key === 'of' && /^[A-Z]/.test(a.tokens[to + 1]?.text ?? '')) {
    to += 2;
    while (to < sTo && (/^[A-Z]/.test(a.tokens[to].text) || /^(?:al|el|ad|ash|as|ar|az)$/.test(a.tokens[to].key)) && to - noun.to < 8) to++;
  }
  return a.text.slice(a.tokens[from].start, a.tokens[to - 1].end);
}

function findAhead(a: Analysis, at: number, ceiling: number, within: number, re: RegExp): number | null {
  for (let k = at; k < ceiling && k - at <= within; k++) if (re.test(a.tokens[k].key)) return k;
  return null;
}

function findBack(a: Analysis, at: number, floor: number, within: number, re: RegExp): number | null {
  for (let k = at - 1; k >= floor && at - k <= within; k--) if (re.test(a.tokens[k].key)) return k;
  return null;
}

const REMOTE: ReadonlySet<Weapon> = new Set(['air_strike', 'drone_strike', 'shelling', 'artillery', 'missile', 'rocket', 'barrel_bomb', 'cluster_munition']);

/** "The coalition carried out air strikes in the region on Sunday" with no count of the dead. */
function strikeWithoutCount(a: Analysis, i: number, cues: CueMention[], hasCasualties: boolean): ActionStatement | null {
  if (hasCasualties) return null;
  const weapon = strongestWeapon(cues);
  if (!weapon || !REMOTE.has(weapon.cue.weapon!)) return null;
  const verb = cues.find((c) => c.cue.kind === 'strike-verb' && Math.abs(c.from - weapon.from) <= 6);
  if (!verb) return null;
  if (isIrrealisBefore(cues, Math.min(verb.from, weapon.from), 6)) return null;
  const perpetrator = findPerpetrator(a, i, [verb, weapon], []);
  const place = inSentence(a.places, i).find((p) => p.precision !== 'country') ?? null;
  if (!perpetrator && !place) return null;
  const unknown = inSentence(a.quantities, i).some((q) => q.kind === 'unknown');
  return {
    sentence: i,
    kind: 'strike',
    cue: weapon,
    actor: perpetrator?.actor ?? null,
    place,
    object: null,
    weapon: weapon.cue.weapon ?? null,
    casualtiesUnknown: unknown,
    rule: 'strike:carried-out',
  };
}

/** "The army launched an offensive against ...". */
function offensiveLaunch(a: Analysis, i: number, cues: CueMention[]): ActionStatement | null {
  const verb = cues.find((c) => c.cue.kind === 'offensive-verb');
  if (!verb) return null;
  const noun = cues.find((c) => c.cue.kind === 'offensive-noun' && c.from > verb.from && c.from - verb.to <= 4);
  if (!noun || isIrrealisBefore(cues, verb.from)) return null;
  const actor = inSentence(a.actors, i).filter((m) => m.actor.type !== 'civilians' && m.to <= verb.from).pop() ?? null;
  if (!actor) return null;
  const place = inSentence(a.places, i).find((p) => p.precision !== 'country') ?? null;
  return { sentence: i, kind: 'offensive', cue: verb, actor, place, object: null, weapon: null, casualtiesUnknown: false, rule: 'offensive:launched' };
}
