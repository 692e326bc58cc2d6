// Reads the knowledge files under data/ (actors, claimants, triggers, clues) once and compiles
// them into phrase matchers. Code never embeds these words; the data files say where they come from.
import type { Bloc, ClaimantKind, Weapon } from '../domain/types.js';
import type { Cue, CueKind } from './analysis.js';
import { readDataJson, readDataList } from './data-dir.js';
import { PhraseMatcher } from './phrase-matcher.js';
import { foldKey } from './fold-text.js';
import { phraseKeys } from './tokenize.js';

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
  /** A partisan speaker's word for its enemies ("terrorists"): a side, never an identified perpetrator. */
  label?: boolean;
  /** The bloc by period (and optionally country): the Taliban are insurgents until August 2021, then the government. */
  blocs?: PeriodBloc[];
  /** Years the group fought under these names: picks between groups that share an alias ("Ansar al-Sunna"). */
  active?: { from?: string; until?: string };
  /** Aliases that name this actor only in its own countries ("herdsmen" is the Fulani militias in Nigeria). */
  localAliases?: string[];
  /** A category word an analyst still records as the perpetrator ("Islamist militants", "Naxalites"). */
  identifies?: boolean;
}

/** One period of an actor's bloc; `from` is inclusive and `until` exclusive (ISO dates). */
export interface PeriodBloc {
  from?: string;
  until?: string;
  bloc: Bloc;
  countries?: string[];
}

export interface ClaimantEntry {
  id: string;
  name: string;
  aliases: string[];
  kind: ClaimantKind;
  bloc: Bloc | null;
  countries?: string[];
  /** Unnamed sources ("a spokesman", "officials"): a named speaker beats them. */
  generic?: boolean;
  /** Outlet slugs that publish as this claimant (e.g. "sana"). */
  sourceIds?: string[];
}

export interface Lexicon {
  abbreviations: Set<string>;
  actors: PhraseMatcher<ActorEntry>;
  actorsById: Map<string, ActorEntry>;
  /** Per actor id, the token keys of its local aliases ("herdsmen"). */
  localAliasKeys: Map<string, Set<string>>;
  claimants: PhraseMatcher<ClaimantEntry>;
  claimantsById: Map<string, ClaimantEntry>;
  claimantByAlias(name: string): ClaimantEntry | undefined;
  cues: PhraseMatcher<Cue>;
  /** Victim nouns by their last token ("fighters" -> combatants). */
  victimNouns: Map<string, 'civilians' | 'combatants' | 'people'>;
  weaponEvents: Record<string, { event_type: string; sub_event_type: string }>;
  /** ACLED sub-event type -> its event type. */
  subEventParent: Map<string, string>;
  /** Above this many dead, a figure with no day is a war's or a period's toll (see clues.json). */
  incidentCeiling: number;
  warNouns: Set<string>;
  /** Country adjectives ("Russian") to the actor id of that country's forces. */
  demonyms: Map<string, string>;
  /** Nouns after which such an adjective names the forces ("missile", "jets", "troops"). */
  militaryNouns: PhraseMatcher<true>;
  /** country -> weapon -> bloc, for weapons only one side uses. */
  weaponBlocs: Record<string, Record<string, Bloc>>;
  /** Token keys of those who answer an attack and of its attackers (triggers.json `weaponResponse`). */
  weaponResponse: { responders: Set<string>; attackers: Set<string> };
}

interface Clues {
  subsetBefore: string[];
  subsetAfter: string[];
  tollPhrases: string[];
  strikeVerbs: string[];
  irrealis: string[];
  negations: string[];
  opponentBefore: string[];
  offensiveVerbs: string[];
  offensiveNouns: string[];
  tollVerbs: string[];
  singularVictims: string[];
  incidentCeiling: { value: number };
  warNouns: string[];
  responsibilityClaims: string[];
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
  const localAliasKeys = new Map<string, Set<string>>();
  for (const a of actorsJson.actors) {
    actorsById.set(a.id, a);
    if (a.localAliases?.length) localAliasKeys.set(a.id, new Set(a.localAliases.map((x) => phraseKeys(x).join(' '))));
    for (const alias of new Set([a.name, ...a.aliases, ...(a.localAliases ?? [])])) actors.add(alias, a);
  }
  const claimants = new PhraseMatcher<ClaimantEntry>();
  const claimantsById = new Map<string, ClaimantEntry>();
  const claimantAliases = new Map<string, ClaimantEntry>();
  for (const c of claimantsJson.claimants) {
    claimantsById.set(c.id, c);
    for (const sid of c.sourceIds ?? []) claimantAliases.set(foldKey(sid), c);
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
  add('strike-verb', clues.strikeVerbs);
  add('irrealis', clues.irrealis);
  add('negation', clues.negations);
  add('opponent', clues.opponentBefore);
  add('offensive-verb', clues.offensiveVerbs);
  add('offensive-noun', clues.offensiveNouns);
  add('toll-verb', clues.tollVerbs);
  add('singular-victim', clues.singularVictims);
  add('responsibility', clues.responsibilityClaims);

  const victimNouns = new Map<string, 'civilians' | 'combatants' | 'people'>();
  for (const t of triggers.cues) if (t.kind === 'victim' && t.group) victimNouns.set(foldKey(t.phrase.split(/\s+/).pop()!), t.group);

  const demonymJson = readDataJson<{ demonyms: Record<string, string>; militaryNouns: string[] }>('actors/demonyms.json');
  const militaryNouns = new PhraseMatcher<true>();
  for (const n of demonymJson.militaryNouns) militaryNouns.add(n, true);

  cached = {
    incidentCeiling: clues.incidentCeiling.value,
    warNouns: new Set(clues.warNouns),
    demonyms: new Map(Object.entries(demonymJson.demonyms).map(([k, v]) => [k.replace(/\./g, ''), v])),
    militaryNouns,
    abbreviations: new Set(readDataList('lexicon/abbreviations.txt')),
    actors,
    actorsById,
    localAliasKeys,
    claimants,
    claimantsById,
    claimantByAlias: (name) => claimantAliases.get(foldKey(name)),
    cues,
    victimNouns,
    weaponEvents: triggers.weaponEvents,
    subEventParent: triggers.subEventParent,
    weaponBlocs: triggers.weaponBlocs,
    weaponResponse: triggers.weaponResponse,
  };
  return cached;
}

interface TriggerData {
  cues: Cue[];
  weaponResponse: Lexicon['weaponResponse'];
  subEventParent: Lexicon['subEventParent'];
  weaponEvents: Lexicon['weaponEvents'];
  weaponBlocs: Lexicon['weaponBlocs'];
}

interface TriggersJson {
  measures: Record<'killed' | 'wounded' | 'captured', { verbs: string[]; nouns: string[] }> & {
    noneOrUnknown: { unknown: string[] };
    falseFriends: string[];
  };
  weapons: { weapon: Weapon; priority: number; phrases: string[]; property?: boolean }[];
  weaponOverrides: { phrase: string; weapon: Weapon }[];
  weaponResponse: { responders: string[]; attackers: string[]; phrases: string[] };
  acled: {
    weaponToEvent: Record<string, { event_type: string; sub_event_type: string }>;
    eventTypes: { event_type: string; sub_event_types: string[] }[];
    subEventCues: { sub_event_type: string; phrases: string[] }[];
    notPolitical: Record<'disaster' | 'accident' | 'crime', string[]>;
  };
  territory: { gain: string[]; aim: string[]; placeObjects: string[] };
  victims: { civilianNouns: string[]; unknownGroupNouns: string[]; combatantNouns: string[] };
  forceSize: { verbs: string[] };
  nonCasualtyCounts: Record<string, string[] | string>;
  attribution: { speechVerbs: string[]; prepositional: string[] };
  scope: { 'cumulative-toll': string[]; 'period-total': string[]; 'incident-update': string[] };
}

/** Phrases with slots ("left {N} dead") are patterns for people; the matcher takes the plain phrases. */
const plain = (phrases: string[]) => phrases.filter((p) => !p.includes('{'));

function readTriggers(): TriggerData {
  const t = readDataJson<TriggersJson>('lexicon/triggers.json');
  const blocs = readDataJson<{ byCountry: Record<string, Record<string, { bloc: Bloc }>> }>('lexicon/weapon-blocs.json');
  const cues: Cue[] = [];
  const push = (kind: CueKind, phrases: string[], extra: Partial<Cue> = {}) => {
    for (const phrase of plain(phrases)) cues.push({ kind, phrase, ...extra });
  };
  for (const m of ['killed', 'wounded', 'captured'] as const) push(m, [...t.measures[m].verbs, ...t.measures[m].nouns]);
  push('false-friend', t.measures.falseFriends);
  push('unknown-count', t.measures.noneOrUnknown.unknown);
  for (const w of t.weapons) push('weapon', w.phrases, { weapon: w.weapon, priority: w.priority, ...(w.property ? { property: true } : {}) });
  for (const o of t.weaponOverrides) push('weapon', [o.phrase], { weapon: o.weapon, priority: 1000 });
  push('response', t.weaponResponse.phrases);
  for (const c of t.acled.subEventCues) push('sub-event', c.phrases, { subEvent: c.sub_event_type });
  for (const kind of ['disaster', 'accident', 'crime'] as const) push('not-political', t.acled.notPolitical[kind], { subEvent: kind });
  const subEventParent = new Map(t.acled.eventTypes.flatMap((e) => e.sub_event_types.map((sub) => [sub, e.event_type] as [string, string])));
  push('territory-gain', t.territory.gain);
  push('territory-aim', t.territory.aim);
  push('capture-noun', t.territory.placeObjects);
  push('victim', t.victims.civilianNouns, { group: 'civilians' });
  push('victim', t.victims.unknownGroupNouns, { group: 'people' });
  push('victim', t.victims.combatantNouns, { group: 'combatants' });
  push('force-size', t.forceSize.verbs);
  for (const list of Object.values(t.nonCasualtyCounts)) if (Array.isArray(list)) push('non-casualty', list);
  push('speech', [...t.attribution.speechVerbs, ...t.attribution.prepositional]);
  push('cumulative', t.scope['cumulative-toll']);
  push('period', t.scope['period-total']);
  push('toll-update', t.scope['incident-update']);
  const weaponBlocs: Lexicon['weaponBlocs'] = {};
  for (const [cc, table] of Object.entries(blocs.byCountry)) {
    weaponBlocs[cc] = Object.fromEntries(Object.entries(table).map(([w, v]) => [w, v.bloc]));
  }
  const weaponResponse = { responders: new Set(t.weaponResponse.responders.map(foldKey)), attackers: new Set(t.weaponResponse.attackers.map(foldKey)) };
  return { cues, weaponEvents: t.acled.weaponToEvent, weaponBlocs, weaponResponse, subEventParent };
}
