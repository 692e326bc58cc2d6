// Which casualty word counts each figure: its own verb, never a neighbour's ("five killed and nine
// injured" is 5 killed, 9 wounded), and never the attackers' ("killed by 3 gunmen").
import type { Analysis, CueMention } from '../analysis.js';
import type { Figure } from '../extract-casualties.js';
import { isMeasureNoun, isPassive } from './named-victims.js';
import { inPlace } from './refiner.js';

/** Clause breaks a trigger does not reach across; quotation marks are not breaks. */
export const CLAUSE_BREAK = new Set([';', ':', '(', ')']);

export const linkTriggers = inPlace('linkTriggers', 'each figure is counted by its own killed, wounded or captured word', (figures, ctx) => {
  const sFrom = ctx.a.sentenceTokens[ctx.sentence][0];
  for (const f of figures) if (f.subsetOf === null && !f.toll && !f.orphan) f.trigger = linkTrigger(ctx.a, f, figures, ctx.triggers, sFrom);
});

export const lastFate = inPlace('lastFate', '"captured and killed": the last fate is the one counted', (figures, ctx) => {
  const { a, triggers } = ctx;
  for (const f of figures) {
    if (f.trigger?.cue.kind !== 'captured') continue;
    const t = f.trigger;
    const then = triggers.find((x) => x.cue.kind === 'killed' && x.from >= t.to && x.from - t.to <= 2 && a.tokens.slice(t.to, x.from).every((k) => /^(?:and|then|later|,)$/.test(k.key)));
    if (then) f.trigger = then;
  }
});

export const subsetsShareTrigger = inPlace('subsetsShareTrigger', 'a part is counted by the word that counts its whole', (figures) => {
  for (const f of figures) if (f.subsetOf !== null) f.trigger = f.subsetOf.trigger;
});

/** The killed/wounded/captured word a figure belongs to. */
function linkTrigger(a: Analysis, f: Figure, figures: Figure[], triggers: CueMention[], sFrom: number): CueMention | null {
  const qFrom = f.quantity.from;
  let pre: CueMention | null = null;
  let post: CueMention | null = null;
  for (const t of triggers) {
    if (t.to <= qFrom && (!pre || t.to > pre.to)) pre = t;
    if (t.from >= f.np.to && (!post || t.from < post.from)) post = t;
  }
  // Triggers inside the noun phrase itself ("22 people killed" where the NP scan stopped at "killed").
  const inside = triggers.find((t) => t.from >= qFrom && t.from <= f.np.to);
  if (inside && !post) post = inside;
  const gap = (x: number, y: number) => countWords(a, x, y);
  // "Ten children and five women have been killed": coordinated figures share the verb.
  const otherFigureBetween = (x: number, y: number) =>
    figures.some((g) => g !== f && g.subsetOf === null && g.quantity.from >= x && g.quantity.from < y && !/^(?:and|,)$/.test(a.tokens[g.quantity.from - 1]?.key ?? ''));
  const breakBetween = (x: number, y: number) => {
    for (let k = x; k < y; k++) if (CLAUSE_BREAK.has(a.tokens[k].key)) return true;
    return false;
  };
  // "killed by 3 gunmen", "Four gunmen killed eight officers": the attackers, not the victims.
  if (a.tokens[qFrom - 1]?.key === 'by') return null;
  if (post && post.from === f.np.to && !isPassive(a, post) && !isMeasureNoun(post) && startsObject(a, post.to)) return null;
  // "Three gunmen attacked the checkpoint, killing two guards": the subject of another verb.
  if (post && post.from > f.np.to && ACTIVE_VERB.test(a.tokens[f.np.to]?.key ?? '') && !triggers.some((c) => c.from === f.np.to)) return null;
  // "were killed or injured", "killed and wounded": the dead and the wounded together are no death toll.
  if (post && bothMeasures(a, post, triggers)) return null;
  // "20 wounded", "22 dead": a trigger right after the figure is its own, whatever came before.
  if (post && onlyAuxiliaries(a, f.np.to, post.from)) return post;
  // "... were killed and 20 others were treated": a figure with a predicate of its own that is no
  // casualty word is not counted by the trigger before it.
  if (hasOwnPredicate(a, f, post)) return null;
  // "killed and injured 70", "Kills Injures over 70": the dead and wounded together are no death toll.
  if (pre && gap(pre.to, qFrom) <= 1) {
    const other = triggers.find((t) => t !== pre && t.to <= pre.from && pre.from - t.to <= 1 && t.cue.kind !== pre.cue.kind);
    if (other && (other.cue.kind === 'wounded' || pre.cue.kind === 'wounded')) return null;
  }
  // "a woman was killed and 25 others on a bus were wounded": a passive trigger of its own wins
  // over a trigger before the figure that is not right next to it.
  const passivePost = post && post.from - f.np.to <= 6 && (AUXILIARY.test(a.tokens[post.from - 1]?.key ?? '') || isPassive(a, post)) && !otherFigureBetween(f.np.to, post.from);
  if (passivePost && !(pre && gap(pre.to, qFrom) === 0)) return post;
  if (pre && gap(pre.to, qFrom) <= 3 && !breakBetween(pre.to, qFrom)) return pre;
  if (post && gap(f.np.to, post.from) <= 7 && !otherFigureBetween(f.np.to, post.from) && !breakBetween(f.np.to, post.from)) return post;
  if (pre && gap(pre.to, qFrom) <= 14 && pre.from >= sFrom && !breakBetween(pre.to, qFrom)) return pre;
  if (post && gap(f.np.to, post.from) <= 12 && !otherFigureBetween(f.np.to, post.from) && !breakBetween(f.np.to, post.from)) return post;
  return null;
}

/** A noun phrase opens here: the verb before it has an object ("killed eight officers", "shot dead a judge"). */
function startsObject(a: Analysis, k: number): boolean {
  const t = a.tokens[k];
  if (!t) return false;
  if (/^(?:a|an|the|his|her|their|its)$/.test(t.key)) return true;
  // "57 killed, more than 150 injured": a headline's second count is no object.
  const q = a.quantities.find((x) => x.from === k);
  return !!q && !a.cues.some((c) => c.cue.kind === 'wounded' && c.from >= q.to && c.from - q.to <= 2);
}

/** "killed or injured", "killed and wounded", "wounded or killed": two measures joined on one figure. */
function bothMeasures(a: Analysis, t: CueMention, triggers: CueMention[]): boolean {
  const joined = (x: CueMention, y: CueMention) => y.from - x.to === 1 && /^(?:or|and)$/.test(a.tokens[x.to].key) && x.cue.kind !== y.cue.kind;
  return triggers.some((o) => o !== t && (joined(t, o) || joined(o, t)) && (o.cue.kind === 'wounded' || t.cue.kind === 'wounded'));
}

/** A past-tense verb of attack right after a figure makes it the verb's subject. */
const ACTIVE_VERB = /^(?:attacked|stormed|opened|fired|entered|raided|ambushed|struck|targeted|shot|stabbed|detonated|launched|seized|abducted|kidnapped|rammed|hurled|threw|set)$/;

const PREDICATE = /^(?:were|was|are|is|have|has|had|got|suffered|remain|remained|received|sustained|fled)$/;

function hasOwnPredicate(a: Analysis, f: Figure, post: CueMention | null): boolean {
  const next = a.tokens[f.np.to]?.key ?? '';
  // "executed 19 people for fleeing", "killed 13 villagers and displaced hundreds": a reason or a
  // second verb of the same subject is no predicate of the figure's own.
  const nonCasualty = a.cues.some(
    (c) =>
      c.cue.kind === 'non-casualty' &&
      c.from >= f.np.to &&
      c.from - f.np.to <= 3 &&
      // "for fleeing", "for trying to flee": a reason clause, opened anywhere before the cue.
      !a.tokens.slice(f.np.to, c.from).some((t) => /^(?:for|after|while|before|and|of|who|trying|attempting)$/.test(t.key)) &&
      !a.quantities.some((q) => q.from >= f.np.to && q.from < c.from),
  );
  if (nonCasualty) return true;
  return PREDICATE.test(next) && !(post && post.from - f.np.to <= 3);
}

// "nine others received injuries", "three were left wounded": the verb carries the figure to its own casualty noun.
const AUXILIARY = /^(?:were|was|are|is|have|has|had|been|being|got|get|gets|reportedly|also|all|later|left|received|suffered|sustained)$/;

function onlyAuxiliaries(a: Analysis, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!AUXILIARY.test(a.tokens[k].key)) return false;
  return to - from <= 3;
}

function countWords(a: Analysis, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) if (a.tokens[k].key !== ',') n++;
  return n;
}

