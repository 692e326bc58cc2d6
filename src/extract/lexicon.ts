// Reads the knowledge files under data/ (actors, claimants, triggers, clues) once and compiles
// them into phrase matchers. Code never embeds these words; the data files say where they come from.
import type { Bloc, ClaimantKind, Weapon } from '../domain/types.js';
import type { Cue, CueKind } from './analysis.js';
import { readDataJson, readDataList } from './data-dir.js';
import { PhraseMatcher } from './phrase-matcher.js';
import { foldKey } from './tokenize.js';

export interface ActorEntry {
  id: string;
  name: string;
  aliases: string[];
  bloc: Bloc;
  parent: string | null;
  type: string;
  countries?: string[];
  blocIn?: Record<string, Bloc>;
  generic?: boolean;
}

export interface ClaimantEntry {
  id: string;
  name: string;
  aliases: string[];
  kind: ClaimantKind;
  bloc: Bloc | null;
  countries?: string[];
}

export interface Lexicon {
  abbreviations: Set<string>;
  actors: PhraseMatcher<ActorEntry>;
  actorsById: Map<string, ActorEntry>;
  claimants: PhraseMatcher<ClaimantEntry>;
  claimantsById: Map<string, ClaimantEntry>;
  claimantByAlias(name: string): ClaimantEntry | undefined;
  cues: PhraseMatcher<Cue>;
  /** Victim nouns by their last token ("fighters" -> combatants). */
  victimNouns: Map<string, 'civilians' | 'combatants' | 'people'>;
  weaponEvents: Record<string, { event_type: string; sub_event_type: string }>;
  /** country -> weapon -> bloc, for weapons only one side uses. */
  weaponBlocs: Record<string, Record<string, Bloc>>;
}

interface Clues {
  subsetBefore: string[];
  subsetAfter: string[];
  tollPhrases: string[];
  tollVerbs: string[];
  periodMarkers: string[];
  cumulativeMarkers: string[];
  strikeVerbs: string[];
  irrealis: string[];
  negations: string[];
  opponentBefore: string[];
  basedOn: string[];
  captureNouns: string[];
  offensiveVerbs: string[];
  offensiveNouns: string[];
}

let cached: Lexicon | null = null;

export function loadLexicon(): Lexicon {
  if (cached) return cached;
  const actorsJson = readDataJson<{ actors: ActorEntry[] }>('actors/actors.json');
  const claimantsJson = readDataJson<{ claimants: ClaimantEntry[] }>('actors/claimants.json');
  const clues = readDataJson<Clues>('lexicon/clues.json');
  const triggers = readTriggers();

  const actors = new PhraseMatcher<ActorEntry>();
  const actorsById = new Map<string, ActorEntry>();
  for (const a of actorsJson.actors) {
    actorsById.set(a.id, a);
    for (const alias of new Set([a.name, ...a.aliases])) actors.add(alias, a);
  }
  const claimants = new PhraseMatcher<ClaimantEntry>();
  const claimantsById = new Map<string, ClaimantEntry>();
  const claimantAliases = new Map<string, ClaimantEntry>();
  for (const c of claimantsJson.claimants) {
    claimantsById.set(c.id, c);
    for (const alias of new Set([c.name, ...c.aliases])) {
      claimants.add(alias, c);
      claimantAliases.set(foldKey(alias), c);
    }
  }

  const cues = new PhraseMatcher<Cue>();
  const add = (kind: CueKind, phrases: string[], extra: Partial<Cue> = {}) => {
    for (const phrase of phrases) cues.add(phrase, { kind, phrase, ...extra });
  };
  for (const t of triggers.cues) cues.add(t.phrase, t);
  add('subset-before', clues.subsetBefore);
  add('subset-after', clues.subsetAfter);
  add('toll', clues.tollPhrases);
  add('toll-verb', clues.tollVerbs);
  add('period', clues.periodMarkers);
  add('cumulative', clues.cumulativeMarkers);
  add('strike-verb', clues.strikeVerbs);
  add('irrealis', clues.irrealis);
  add('negation', clues.negations);
  add('opponent', clues.opponentBefore);
  add('based', clues.basedOn);
  add('capture-noun', clues.captureNouns);
  add('offensive-verb', clues.offensiveVerbs);
  add('offensive-noun', clues.offensiveNouns);

  const victimNouns = new Map<string, 'civilians' | 'combatants' | 'people'>();
  for (const t of triggers.cues) if (t.kind === 'victim' && t.group) victimNouns.set(foldKey(t.phrase.split(/\s+/).pop()!), t.group);

  cached = {
    abbreviations: new Set(readDataList('lexicon/abbreviations.txt')),
    actors,
    actorsById,
    claimants,
    claimantsById,
    claimantByAlias: (name) => claimantAliases.get(foldKey(name)),
    cues,
    victimNouns,
    weaponEvents: triggers.weaponEvents,
    weaponBlocs: triggers.weaponBlocs,
  };
  return cached;
}

interface TriggerData {
  cues: Cue[];
  weaponEvents: Lexicon['weaponEvents'];
  weaponBlocs: Lexicon['weaponBlocs'];
}

function readTriggers(): TriggerData {
  throw new Error('triggers.json reader not written yet');
}

export type { Weapon };
