// The vocabulary every layer shares. Extraction produces these; the store keeps them; the API serves them.

/** A side in a conflict. Syria's blocs come first; other wars add their own (government, insurgents, ...). */
export type Bloc = string;

export const SYRIA_BLOCS = [
  'pro-government',
  'opposition',
  'jihadist-opposition',
  'islamic-state',
  'kurdish-forces',
  'international-coalition',
  'civilians',
  'unknown',
] as const;

export type ClaimantKind =
  | 'monitor'
  | 'state-media'
  | 'party-media'
  | 'official'
  | 'armed-group'
  | 'wire'
  | 'witness'
  | 'unknown';

export type Weapon =
  | 'air_strike'
  | 'drone_strike'
  | 'shelling'
  | 'missile'
  | 'rocket'
  | 'barrel_bomb'
  | 'cluster_munition'
  | 'ied'
  | 'car_bomb'
  | 'suicide_bomb'
  | 'landmine'
  | 'explosion'
  | 'chemical'
  | 'gunfire'
  | 'sniper'
  | 'clash'
  | 'execution'
  | 'torture'
  | 'bomb'
  | 'grenade'
  | 'artillery'
  | 'shooting'
  | 'arson'
  | 'stabbing'
  | 'beating'
  | 'vehicle_ramming'
  | 'unknown';

export type ClaimScope = 'incident' | 'period-total' | 'cumulative-toll';

export type DatePrecision = 'day' | 'week' | 'month' | 'year' | 'range';

export type PlacePrecision = 'exact' | 'near' | 'admin1' | 'country';

/** Character offsets into the normalized report text, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

export interface Sentence extends Span {
  index: number;
  text: string;
  /** Paragraph number, so "he said" resolution and headlines can respect paragraph breaks. */
  paragraph: number;
}

/** A figure as the text says it. `low`/`high` null mean unbounded on that side; `best` null means no point value was given. */
export interface Quantity extends Span {
  text: string;
  low: number | null;
  best: number | null;
  high: number | null;
  /** exact: "43"; lower-bound: "more than 50"; upper-bound: "up to 30"; approximate: "around 5,000"; vague: "scores of"; unknown: "exact numbers were not known". */
  kind: 'exact' | 'lower-bound' | 'upper-bound' | 'approximate' | 'vague' | 'unknown';
  sentence: number;
  /** Set when the number is not a count of people or things: a year, an age, a percentage, a distance, money, a time. */
  unit?: 'year' | 'age' | 'percent' | 'distance' | 'money' | 'time' | 'ordinal' | 'duration';
}

export interface DateValue {
  start: string; // YYYY-MM-DD
  end: string; // YYYY-MM-DD
  precision: DatePrecision;
}

export interface DateMention extends Span {
  text: string;
  sentence: number;
  /** What the words mean, as absolute dates. */
  date: DateValue;
  /** Which rule anchored it (e.g. "weekday-before-publication"), so a date can say why it is what it is. */
  rule: string;
}

export interface Place {
  id: string;
  name: string;
  /** English country name. */
  country: string;
  /** ISO 3166-1 alpha-2. */
  cc: string;
  admin1: string | null;
  lat: number | null;
  lon: number | null;
  population: number;
  kind: 'city' | 'region' | 'country' | 'landmark';
}

export interface PlaceMention extends Span {
  text: string;
  sentence: number;
  place: Place;
  precision: PlacePrecision;
  /** For relative places: "northeast of Quneitra" -> direction "northeast". */
  direction?: string;
}

export interface Actor {
  id: string;
  name: string;
  bloc: Bloc;
  parent: string | null;
  /** What kind of body it is: state-force, armed-group, militia, foreign-force, coalition, civilians, ... */
  type: string;
}

export interface ActorMention extends Span {
  text: string;
  sentence: number;
  actor: Actor;
  /** The bloc for this mention, after context (country, claimant) is applied. */
  bloc: Bloc;
}

export interface Claimant {
  id: string;
  name: string;
  kind: ClaimantKind;
  /** The bloc the claimant speaks for, when it is partisan. */
  bloc: Bloc | null;
}

/** Who says a sentence. */
export interface Attribution {
  sentence: number;
  claimant: Claimant;
  /** The words that named the claimant (e.g. "the Observatory said"), or null when inherited. */
  cue: string | null;
  rule: string;
}

export interface Fatalities {
  group: Bloc;
  low: number | null;
  best: number | null;
  high: number | null;
  /** How the text gave it (see Quantity.kind). */
  kind: Quantity['kind'];
  /** Part of the figure said as a subset ("including 12 officers"), kept apart so it never adds up. */
  includes?: { what: string; count: number }[];
}

export interface Claim {
  id: string;
  claimant: string;
  claimant_kind: ClaimantKind;
  /** The side a partisan claimant speaks for (state media, a group's spokesman); null for monitors and wires. */
  claimant_bloc?: Bloc | null;
  publisher: string | null;
  scope: ClaimScope;
  /** killed | captured | wounded | control-change | attack */
  measure: 'killed' | 'wounded' | 'captured' | 'control' | 'event';
  fatalities: Fatalities[];
  date: DateValue | null;
  weapon: Weapon | null;
  span: Span;
  sentence: string;
  /** Rule that produced the claim, retext-style "source:ruleId". */
  rule: string;
}

export interface EventLocation {
  name: string;
  admin1: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  precision: PlacePrecision | 'unknown';
}

export interface EventActor {
  name: string;
  bloc: Bloc;
  role: 'perpetrator' | 'target' | 'victim' | 'participant';
}

export interface ConflictEvent {
  id: string;
  type: string;
  sub_type: string;
  date: DateValue | null;
  location: EventLocation | null;
  actors: EventActor[];
  fatalities: Fatalities[];
  weapon: Weapon | null;
  /** Ids of the claims behind this event. */
  claims: string[];
  scope: ClaimScope;
  sentence: string;
  span: Span;
}

/** The one incident a report is mainly about. */
export interface ReportSummary {
  /** The best figure for the dead; null when the text gives only a vague amount ("dozens"). */
  killed: number | null;
  /** The least the text supports: "at least 20" 20, "several" 3, a named person 1. */
  killed_low: number | null;
  killed_civilians: number | null;
  wounded: number | null;
  wounded_low: number | null;
  /** People detained, arrested, captured or abducted. */
  captured: number | null;
  captured_low: number | null;
  date: string | null;
  country: string | null;
  admin1: string | null;
  location: { name: string; lat: number | null; lon: number | null } | null;
  perpetrator_bloc: Bloc;
  /** Who did it, as the actor file spells the name; null when nobody is named. */
  perpetrator: string | null;
  event_type: string | null;
  sub_event_type: string | null;
  weapon: Weapon | null;
}

export interface ReportMeta {
  published: string | null; // YYYY-MM-DD
  source: string | null;
  title: string | null;
  /** The outlet's claimant kind when the lexicon does not know the outlet (a watched source's --kind). */
  publisher_kind?: ClaimantKind | null;
}

export interface ReportExtraction {
  summary: ReportSummary;
  events: ConflictEvent[];
  claims: Claim[];
}
