// A suicide bombing that went off killed its bomber. ACLED, UCDP and GTD count attackers among the
// dead, so the bomber is one more dead (two bombers two), kept as the attackers' own group beside
// the victims, unless the text says the bomber survived or was stopped, or already counts them.
import type { Analysis, CueMention } from '../analysis.js';
import { inSentence } from '../analysis.js';
import { readDataJson } from '../data-dir.js';
import type { CasualtyStatement, Figure } from '../extract-casualties.js';
import { PhraseMatcher } from '../phrase-matcher.js';
import { isAttackerWord } from './named-victims.js';

interface Words {
  died: PhraseMatcher<true>;
  suicide: PhraseMatcher<true>;
  survived: PhraseMatcher<true>;
  counted: PhraseMatcher<true>;
  /** "twin", "triple": how many attacks, and bombers, one incident had. */
  paired: Map<string, number>;
}

let words: Words | null = null;
function lexicon(): Words {
  if (words) return words;
  const t = readDataJson<{ victims: { bomberDied: string[]; suicideAttack: string[]; attackerSurvived: string[]; attackerCounted: string[]; pairedAttack: Record<string, number> } }>('lexicon/triggers.json');
  const matcher = (list: string[]) => {
    const m = new PhraseMatcher<true>();
    for (const p of list) m.add(p, true);
    return m;
  };
  return (words = {
    died: matcher(t.victims.bomberDied),
    suicide: matcher(t.victims.suicideAttack),
    survived: matcher(t.victims.attackerSurvived),
    counted: matcher(t.victims.attackerCounted),
    paired: new Map(Object.entries(t.victims.pairedAttack)),
  });
}

/** Sentences after the title in an incident summary (a database entry, a monitor's note), as against a news report. */
const SHORT_REPORT = 2;

/** An incident summary, which counts the attackers who died among the dead as ACLED, UCDP and GTD do. */
export function isShortSummary(a: Analysis): boolean {
  return a.sentences.length - a.headlineSentences <= SHORT_REPORT;
}

/** How far (sentences) a bombing is read together with a toll: wire copy tells both in the lead. */
const NEAR = 2;

/** Adds the dead bombers to the killed statement of their attack (or one of their own). Returns why, for --explain. */
export function addDeadBombers(a: Analysis, statements: CasualtyStatement[]): string[] {
  const lex = lexicon();
  // "a suicide bomber killed 8": an incident summary (short, with no headline) counts its bomber; a news report's toll does not.
  // Wire copy quoting officials ("..., officials said") gives the victims' toll, as a headline does.
  const summary = isShortSummary(a) && a.headlineSentences === 0 && !a.cues.some((c) => c.cue.kind === 'speech' && /^(?:said|says|told)$/.test(c.cue.phrase));
  const said = summary ? [...lex.died.findAll(a.tokens), ...lex.suicide.findAll(a.tokens)].sort((x, y) => x.from - y.from) : lex.died.findAll(a.tokens);
  const bombings: CueMention[] = said.map((m) => {
    const sentence = a.sentenceTokens.findIndex(([from, to]) => m.from >= from && m.from < to);
    return { start: m.start, end: m.end, from: m.from, to: m.to, sentence, cue: { kind: 'killed', phrase: a.text.slice(m.start, m.end) } };
  });
  if (bombings.length === 0) return [];
  if (lex.survived.findAll(a.tokens).length > 0) return ['bombers: the text says a bomber survived or was stopped'];
  if (lex.counted.findAll(a.tokens).length > 0) return ['bombers: the toll already counts the bomber'];
  const killed = statements.filter((st) => st.measure === 'killed' && st.scope === 'incident');
  // A bomber the text counts itself ("the bomber was killed", "two suicide bombers were among the dead").
  if (killed.some((st) => [...st.totals, ...st.subsets].some((f) => attackerFigure(a, f)))) return ['bombers: already counted as dead'];
  const first = bombings[0];
  const n = bomberCount(a, bombings);
  const host =
    killed.find((st) => st.sentence >= first.sentence && st.sentence - first.sentence <= NEAR && st.totals.some(counted)) ??
    killed.find((st) => first.sentence - st.sentence === 1 && st.totals.some(counted));
  const figure = bomberFigure(a, first, n);
  if (host) {
    figure.trigger = host.trigger;
    host.totals.push(figure);
    return [`bombers: +${n} attackers dead, added to the toll of sentence ${host.sentence + 1}`];
  }
  if (killed.some((st) => st.sentence <= first.sentence + NEAR)) return ['bombers: the toll near the bombing gives no count'];
  statements.push({ sentence: first.sentence, measure: 'killed', trigger: first, totals: [figure], subsets: [], scope: 'incident', dateSentence: first.sentence, rule: 'casualties:dead-bomber' });
  statements.sort((x, y) => x.sentence - y.sentence);
  return [`bombers: +${n} attackers dead, the only dead the text gives`];
}

const counted = (f: Figure) => f.quantity.best !== null || f.quantity.low !== null;

function attackerFigure(a: Analysis, f: Figure): boolean {
  if (f.group === 'attackers') return true;
  for (let k = f.np.from; k < f.np.to; k++) if (isAttackerWord(a.tokens[k].key)) return true;
  return false;
}

/** "two suicide bombers", "blew themselves up": how many bombers; one unless the text says more. */
function bomberCount(a: Analysis, bombings: CueMention[]): number {
  for (const c of bombings) {
    // "two suicide bombers blew themselves up", "two female bombers detonated their vests".
    const bomber = inSentence(a.cues, c.sentence).find((x) => x.to <= c.from && c.from - x.to <= 1 && x.cue.kind === 'weapon' && x.cue.weapon === 'suicide_bomb');
    const head = bomber ? bomber.from : c.from;
    // "two (female) suicide bombers", not "killing five in a suicide bombing".
    const q = inSentence(a.quantities, c.sentence).find((x) => !x.unit && x.to <= head && head - x.to <= 2 && x.best !== null && a.tokens.slice(x.to, head).every((t) => BOMBER_ADJECTIVE.test(t.key)));
    if (q && q.best! <= 10) return q.best!;
    // "twin suicide bombings", "a double suicide attack".
    const paired = lexicon().paired.get(a.tokens[head - 1]?.key ?? '');
    if (paired) return paired;
  }
  // "blew themselves up", "suicide bombers killed two": more than one, the text does not say how many.
  return bombings.some((c) => /themselves|their|bombers$/.test(c.cue.phrase)) ? 2 : 1;
}

const BOMBER_ADJECTIVE = /^(?:female|male|teenage|young|other|more|separate|further|suicide)$/;

function bomberFigure(a: Analysis, c: CueMention, n: number): Figure {
  return {
    quantity: { start: c.start, end: c.end, from: c.from, to: c.from, text: a.text.slice(c.start, c.end), low: n, best: n, high: n, kind: 'exact', sentence: c.sentence },
    np: { from: c.from, to: c.to },
    noun: 'combatants',
    actors: [],
    group: 'attackers',
    trigger: c,
    subsetOf: null,
    nounText: n === 1 ? 'suicide bomber' : 'suicide bombers',
    named: true,
  };
}
