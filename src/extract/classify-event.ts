// Stage 5c'. The ACLED event type and sub-event type of an event, decided from what its sentence
// says: the cue phrases of `acled.subEventCues`, the weapon named, who died or was hurt, and who
// acted. A report of no political violence or demonstration (a disaster, an accident, common
// crime) gives no event type at all.
import type { Weapon } from '../domain/types.js';
import type { Analysis, CueMention } from './analysis.js';
import { inSentence } from './analysis.js';
import { strongestWeapon } from './find-perpetrators.js';
import { meansCues } from './headline-weapon.js';
import { loadLexicon } from './lexicon.js';

export interface EventType {
  event_type: string;
  sub_event_type: string;
}

export interface EventFacts {
  /** ACLED sub-event types the cue phrases of the event's own sentence point to. */
  cues: ReadonlySet<string>;
  /** Sub-event types cued in the report's lead: a demonstration the sentence goes on about. */
  context: ReadonlySet<string>;
  weapon: Weapon | null;
  /** Groups of the dead: 'civilians', 'people' (the text does not say), or a fighting side's bloc. */
  killed: string[];
  wounded: boolean;
  /** State forces (army, police) are named in the sentence. */
  stateActor: boolean;
  /** A non-state armed or political actor is named: a group by name, or gunmen, militants, rebels. */
  armedActor: boolean;
  /** ... and one named by name (the Taliban, a militia), not only "gunmen", here or in the report's lead. */
  namedArmedActor: boolean;
  /** What the sentence is about instead of political violence. */
  notPolitical: 'disaster' | 'accident' | 'crime' | null;
}

/** Means of one side's violence against people, as against remote weapons and explosives. */
const DIRECT: ReadonlySet<Weapon> = new Set(['shooting', 'gunfire', 'sniper', 'stabbing', 'beating', 'arson', 'vehicle_ramming', 'execution', 'torture']);
/** Fire exchanged: a sign of two armed sides. */
const EXCHANGE: ReadonlySet<Weapon> = new Set(['gunfire', 'clash']);

const type = (sub: string): EventType => ({ event_type: loadLexicon().subEventParent.get(sub)!, sub_event_type: sub });

export function classifyEvent(f: EventFacts): EventType | null {
  const has = (sub: string) => f.cues.has(sub);
  const hurt = f.killed.length > 0 || f.wounded;
  const demonstration = has('Peaceful protest') || has('Protest with intervention') || has('Excessive force against protesters') || has('Violent demonstration');
  // A flood, a crash or a robbery is no political event unless an armed or political side acts in it.
  if (f.notPolitical && f.cues.size === 0 && !f.namedArmedActor && !(f.notPolitical !== 'crime' && f.weapon && f.weapon !== 'clash')) return null;

  if (has('Sexual violence')) return type('Sexual violence');
  // A bomb defused or a cache found: the weapon never went off.
  if (has('Disrupted weapons use') && !hurt) return type('Disrupted weapons use');
  // Nobody hurt and people taken: the arrest or the abduction is the event, whatever raid it came in.
  if (!hurt && has('Abduction/forced disappearance')) return type('Abduction/forced disappearance');
  if (!hurt && has('Arrests') && !demonstration) return f.armedActor && !f.stateActor ? type('Abduction/forced disappearance') : type('Arrests');
  const remote = f.weapon ? loadLexicon().weaponEvents[f.weapon] : undefined;
  if (remote && remote.event_type === 'Explosions/Remote violence') return type(remote.sub_event_type);

  const protest = demonstration || (f.context.has('Peaceful protest') && (!f.weapon || DIRECT.has(f.weapon)) && !f.armedActor);
  if (protest) {
    if (has('Excessive force against protesters') || (f.killed.length > 0 && f.stateActor)) return type('Excessive force against protesters');
    if (has('Violent demonstration')) return type('Violent demonstration');
    if (has('Protest with intervention') || has('Arrests') || f.context.has('Protest with intervention')) return type('Protest with intervention');
    return type('Peaceful protest');
  }
  if (has('Mob violence')) return type('Mob violence');
  if (has('Violent demonstration')) return type('Violent demonstration');

  if (!hurt) {
    if (has('Armed clash')) return type('Armed clash');
    if (has('Abduction/forced disappearance')) return type('Abduction/forced disappearance');
    // People taken by a rebel group are abducted; by state forces, arrested (ACLED's reading).
    if (has('Arrests')) return f.armedActor && !f.stateActor ? type('Abduction/forced disappearance') : type('Arrests');
    if (has('Looting/property destruction') || f.weapon === 'arson') return type('Looting/property destruction');
    for (const sub of ['Agreement', 'Headquarters or base established', 'Non-violent transfer of territory', 'Change to group/activity', 'Other']) if (has(sub)) return type(sub);
    if (!f.weapon) return null;
    // An attack with nobody hurt: on armed men (a checkpoint, a patrol) a clash; by gunmen on a crowd an attack.
    if (f.weapon === 'clash' || f.weapon === 'gunfire') return f.armedActor || f.stateActor ? type('Armed clash') : null;
    return has('Attack') || !f.stateActor ? type('Attack') : type('Armed clash');
  }

  // Bodies found, with no weapon and no side named: a discovery, not a fight.
  if (has('Other') && !f.weapon && !f.armedActor && !f.stateActor) return type('Other');
  if (f.weapon === 'execution' || f.weapon === 'torture') {
    // Fighters executed by their own side are no violence against civilians.
    return f.killed.every((g) => g === 'civilians' || g === 'people') ? type('Attack') : type('Other');
  }
  const twoSided = has('Armed clash') || (f.weapon !== null && EXCHANGE.has(f.weapon) && f.weapon !== 'clash');
  const fighters = f.killed.some((g) => g !== 'civilians' && g !== 'people');
  if (twoSided || fighters) return type('Armed clash');
  if (has('Attack')) return type('Attack');
  // The dead are civilians, or people the text does not call fighters, killed by one side.
  if (f.killed.length > 0) return f.killed.every((g) => g === 'civilians') || f.armedActor || (f.weapon !== null && DIRECT.has(f.weapon)) ? type('Attack') : type('Armed clash');
  // Wounded only: a shooting, a stabbing or a ramming hurts people who did not fight.
  return f.weapon && DIRECT.has(f.weapon) ? type('Attack') : type('Armed clash');
}

export interface ReportContext {
  /** Sub-event types cued in the lead. */
  subs: ReadonlySet<string>;
  /** A non-state side named by name in the lead ("Maoists are suspected"). */
  namedArmedActor: boolean;
}

const isState = (bloc: string, type: string) => bloc === 'government' || bloc === 'pro-government' || type === 'state-force';

/** What the report's first `lead` sentences say it is about. */
export function reportContext(a: Analysis, lead: number): ReportContext {
  const subs = new Set<string>();
  for (const c of a.cues) if (c.sentence < lead && c.cue.kind === 'sub-event' && c.cue.subEvent) subs.add(c.cue.subEvent);
  const lex = loadLexicon();
  const named = a.actors.some((m) => m.sentence < lead && m.actor.type !== 'civilians' && !isState(m.bloc, m.actor.type) && !lex.actorsById.get(m.actor.id)?.generic);
  return { subs, namedArmedActor: named };
}

/**
 * The facts of sentence `i`, with the casualty reading's `killed` and `wounded` (and its weapon, when it has read one).
 * Built as one literal: adding fields to a spread copy is very slow in V8.
 */
export function sentenceFacts(
  a: Analysis,
  cues: CueMention[],
  context: ReportContext,
  i: number,
  outcome: { killed: string[]; wounded: boolean; weapon?: Weapon | null },
): EventFacts {
  const subs = new Set<string>();
  let notPolitical: EventFacts['notPolitical'] = null;
  for (const c of cues) {
    if (c.cue.kind === 'sub-event' && c.cue.subEvent) subs.add(c.cue.subEvent);
    if (c.cue.kind === 'not-political' && !notPolitical) notPolitical = c.cue.subEvent as EventFacts['notPolitical'];
  }
  const actors = inSentence(a.actors, i).filter((m) => m.actor.type !== 'civilians');
  const lex = loadLexicon();
  return {
    cues: subs,
    context: context.subs,
    weapon: outcome.weapon !== undefined ? outcome.weapon : (strongestWeapon(meansCues(cues))?.cue.weapon ?? null),
    killed: outcome.killed,
    wounded: outcome.wounded,
    stateActor: actors.some((m) => isState(m.bloc, m.actor.type)),
    armedActor: actors.some((m) => !isState(m.bloc, m.actor.type) && m.actor.type !== 'political'),
    namedArmedActor: context.namedArmedActor || actors.some((m) => !isState(m.bloc, m.actor.type) && !lex.actorsById.get(m.actor.id)?.generic),
    notPolitical,
  };
}

/**
 * A killing whose own sentence names no means, typed as a clash or an attack, takes the report's
 * explosive or remote means ("Three soldiers died. A roadside bomb had hit their vehicle.").
 */
export function withReportMeans(t: EventType, own: Weapon | null, means: Weapon | null): EventType {
  if ((own && own !== 'clash') || !means) return t;
  const row = loadLexicon().weaponEvents[means];
  const generic = t.sub_event_type === 'Armed clash' || t.sub_event_type === 'Attack';
  return row && generic && row.event_type === 'Explosions/Remote violence' ? type(row.sub_event_type) : t;
}
