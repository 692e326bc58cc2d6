// The working state the stages pass along: the report text, its sentences and tokens, and
// what each recognizer found. Every later stage reads it; none mutates what an earlier one wrote.
import type {
  ActorMention,
  Attribution,
  DateMention,
  PlaceMention,
  Quantity,
  ReportMeta,
  Sentence,
  Span,
  Weapon,
} from '../domain/types.js';
import type { Dateline, ReportHeader } from './recognize-header.js';
import type { Token } from './tokenize.js';

export type CueKind =
  | 'killed'
  | 'wounded'
  | 'captured'
  | 'weapon'
  | 'territory-gain'
  | 'territory-aim'
  | 'force-size'
  | 'non-casualty'
  | 'speech'
  | 'victim'
  | 'subset-before'
  | 'subset-after'
  | 'toll'
  | 'toll-update'
  | 'toll-verb'
  | 'singular-victim'
  | 'responsibility'
  | 'period'
  | 'cumulative'
  | 'strike-verb'
  | 'irrealis'
  | 'negation'
  | 'opponent'
  | 'capture-noun'
  | 'offensive-verb'
  | 'offensive-noun'
  | 'false-friend'
  | 'unknown-count'
  | 'response'
  | 'sub-event'
  | 'not-political';

export interface Cue {
  kind: CueKind;
  phrase: string;
  weapon?: Weapon;
  /** More specific cues win: "suicide car bomb" over "bomb". */
  priority?: number;
  /** A weapon word used on property ("torched houses"): the means of a killing only when nothing else is named. */
  property?: boolean;
  /** For victim nouns: who the noun names. */
  group?: 'civilians' | 'combatants' | 'people';
  /** For sub-event cues: the ACLED sub-event type the phrase points to; for not-political cues, what the report is about instead. */
  subEvent?: string;
}

export interface CueMention extends Span {
  from: number;
  to: number;
  sentence: number;
  cue: Cue;
}

/** A mention located by token index as well, for the phrase-level rules. */
export interface Located {
  from: number;
  to: number;
}

export interface Analysis {
  text: string;
  meta: ReportMeta;
  /** The anchor of relative dates: the date the report's header gives, else the given publication date, else today. */
  published: string;
  /** The report's header, dateline and closing lines: spans no sentence covers. */
  header: ReportHeader;
  /** Where and when the report was filed: its city is never the event's place, its country is a hint. */
  dateline: Dateline | null;
  sentences: Sentence[];
  tokens: Token[];
  /** Token range [from, to) of each sentence. */
  sentenceTokens: Array<[number, number]>;
  quantities: Array<Quantity & Located>;
  dates: DateMention[];
  places: Array<PlaceMention & Located>;
  actors: Array<ActorMention & Located>;
  cues: CueMention[];
  /** How many leading sentences are the headline and date line, run into the text by web copy. */
  headlineSentences: number;
  /** The country most of the report's places are in (ISO2), used to read actors in context. */
  country: string | null;
  attributions: Attribution[];
}

/** Token index range covering a character span. */
export function tokenRange(tokens: Token[], start: number, end: number, hint = 0): Located {
  // Token ends only grow: the first token ending after `start` is found by halving, not by walking from the top.
  let from = hint;
  let hi = tokens.length;
  while (from < hi) {
    const mid = (from + hi) >>> 1;
    if (tokens[mid].end <= start) from = mid + 1;
    else hi = mid;
  }
  let to = from;
  while (to < tokens.length && tokens[to].start < end) to++;
  return { from, to };
}

const bySentence = new WeakMap<readonly { sentence: number }[], { sentence: number }[][]>();
const NONE: never[] = [];

/**
 * The items of sentence `i`, in list order. Stages ask this for sentence after sentence, so the
 * list is indexed once (on first use) instead of filtered whole each time. The answer is shared: never modify it.
 */
export function inSentence<T extends { sentence: number }>(items: readonly T[], i: number): T[] {
  let index = bySentence.get(items);
  if (!index) {
    // Sentence numbers are small integers: an array indexes them faster than a map.
    const built: T[][] = [];
    for (const x of items) {
      const list = built[x.sentence];
      if (list) list.push(x);
      else built[x.sentence] = [x];
    }
    bySentence.set(items, (index = built));
  }
  return (index[i] as T[] | undefined) ?? NONE;
}
