// Who holds which place, over time: every reported change of control (who took it, when, from whom,
// on whose word), and the last known holder of each place at a date. Aims ("aiming to encircle")
// never reach here: the extractor does not read them as changes.
import type { Incident } from './link-incidents.js';
import { isControl } from '../domain/observation.js';

export interface ControlChange {
  place: string;
  admin1: string | null;
  country: string | null;
  date: string;
  precision: string;
  taker: string;
  takerBloc: string;
  /** The holder before, from the previous change of this place in the record, when there was one. */
  from: string | null;
  claims: string[];
  claimants: string[];
}

export function controlTimeline(incidents: Incident[]): Map<string, ControlChange[]> {
  const changes: ControlChange[] = [];
  for (const inc of incidents) {
    const obs = inc.observations.filter(isControl);
    const first = obs.find((o) => o.date && o.location && o.actors.length);
    if (!first) continue;
    changes.push({
      place: first.location!.name,
      admin1: first.location!.admin1,
      country: first.location!.country,
      date: first.date!.start,
      precision: first.date!.precision,
      taker: first.actors[0].name,
      takerBloc: first.actors[0].bloc,
      from: null,
      claims: obs.flatMap((o) => o.claims.map((c) => c.id)),
      claimants: [...new Set(obs.flatMap((o) => o.claims.map((c) => c.claimant)))],
    });
  }
  const byPlace = new Map<string, ControlChange[]>();
  for (const c of changes.sort((x, y) => x.date.localeCompare(y.date))) {
    const key = `${c.country ?? ''}|${c.place}`;
    const list = byPlace.get(key) ?? [];
    const prev = list[list.length - 1];
    if (prev && prev.takerBloc !== c.takerBloc) c.from = prev.takerBloc;
    // The same side taking the same place again is a repeat of the news, not a change.
    if (prev && prev.takerBloc === c.takerBloc) {
      prev.claims.push(...c.claims);
      prev.claimants = [...new Set([...prev.claimants, ...c.claimants])];
      continue;
    }
    list.push(c);
    byPlace.set(key, list);
  }
  return byPlace;
}

/** The last known holder of each place on a date. */
export function controlAt(timeline: Map<string, ControlChange[]>, date: string): ControlChange[] {
  const out: ControlChange[] = [];
  for (const list of timeline.values()) {
    const last = list.filter((c) => c.date <= date).pop();
    if (last) out.push(last);
  }
  return out.sort((x, y) => x.place.localeCompare(y.place));
}
