// What an incident is, as one record: when (the span its reports cover), where (the most precise place
// told), what (the type most of its reports give), who (the perpetrator any report names), the deaths
// low / best / high per group and in total, its status, and how many reports and claimants tell it.
// This is what the incident list shows and every export writes, one row per incident.
import type { EventActor } from '../domain/types.js';
import type { Incident } from './link-incidents.js';
import type { RangeRules } from './casualty-range.js';
import { reckon } from './tally.js';

export interface GroupDeaths {
  group: string;
  low: number | null;
  best: number | null;
  high: number | null;
  vague: boolean;
}

export interface IncidentSummary {
  dateStart: string | null;
  dateEnd: string | null;
  datePrecision: string | null;
  country: string | null;
  admin1: string | null;
  location: string | null;
  lat: number | null;
  lon: number | null;
  geoPrecision: string | null;
  type: string;
  subType: string;
  weapon: string | null;
  perpetratorActor: string | null;
  perpetratorBloc: string | null;
  status: string;
  deaths: { low: number | null; best: number | null; high: number | null; vague: boolean };
  groups: GroupDeaths[];
  /** Everyone whose figures count, the claimants a repeat left out not listed twice. */
  claimants: string[];
  /** Each actor once, by name, in the order the reports first name them. */
  actors: EventActor[];
  events: number;
  reports: number;
}

const PLACE_RANK = ['exact', 'near', 'admin2', 'admin1', 'country'];

export function summarizeIncident(incident: Incident, rules: RangeRules = {}): IncidentSummary {
  const [r] = reckon([incident], rules);
  const obs = incident.observations;
  const placeRank = (p: string | undefined) => (p && PLACE_RANK.includes(p) ? PLACE_RANK.indexOf(p) : PLACE_RANK.length);
  const located = [...obs].filter((o) => o.location).sort((x, y) => placeRank(x.location!.precision) - placeRank(y.location!.precision))[0];
  const dated = obs.filter((o) => o.date);
  // The narrowest date told is the incident's; the span runs over every report's.
  const narrowest = [...dated].sort((x, y) => Date.parse(x.date!.end) - Date.parse(x.date!.start) - (Date.parse(y.date!.end) - Date.parse(y.date!.start)))[0];
  const starts = dated.map((o) => o.date!.start).sort();
  const ends = dated.map((o) => o.date!.end).sort();
  const typical = mostTold(obs.map((o) => `${o.type}\u0000${o.subType}`)).split('\u0000');
  const actors: EventActor[] = [];
  for (const a of obs.flatMap((o) => o.actors)) if (!actors.some((x) => x.name === a.name)) actors.push(a);
  const perpetrator = actors.find((a) => a.role === 'perpetrator' && (!r.perpetrator || a.bloc === r.perpetrator));
  return {
    dateStart: starts[0] ?? null,
    dateEnd: ends[ends.length - 1] ?? null,
    datePrecision: narrowest?.date!.precision ?? null,
    country: r.country,
    admin1: r.admin1,
    location: located?.location!.name ?? null,
    lat: located?.location!.lat ?? null,
    lon: located?.location!.lon ?? null,
    geoPrecision: located?.location!.precision ?? null,
    type: typical[0],
    subType: typical[1],
    weapon: obs.find((o) => o.subType === typical[1] && o.weapon)?.weapon ?? null,
    perpetratorActor: perpetrator?.name ?? null,
    perpetratorBloc: r.perpetrator,
    status: r.figures.status,
    deaths: r.figures.total,
    groups: r.figures.groups.map((g) => ({ group: g.group, low: g.low.value, best: g.best.value, high: g.high.value, vague: g.vague })),
    claimants: r.figures.claimants,
    actors,
    events: obs.length,
    reports: new Set(obs.map((o) => o.reportId ?? o.id)).size,
  };
}

/** The value most often given, the first given among equals. */
function mostTold(xs: string[]): string {
  const n = new Map<string, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  return [...n.entries()].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}
