// An incident in the field's formats: one ACLED row or GeoJSON feature however many reports tell it.
// The incident is put in the shape of an exported event, so the ACLED and GeoJSON writers that serve
// report events serve incidents too; what differs is written here: fatalities are the incident's best,
// the source is its claimants, and the notes are a sentence written from the incident.
import { actPhrase, BLOC_WORDS, datePhrase, firstActor, listWords, placePhrase } from './acled.js';
import { geoJsonFeature, type Feature } from './geojson.js';
import type { ExportedEvent, ExportedIncident } from './store.js';

export function asExportedEvent(inc: ExportedIncident): ExportedEvent {
  return { ...eventShape(inc), notes: incidentNotes(inc) };
}

function eventShape(inc: ExportedIncident): ExportedEvent {
  return {
    id: inc.id,
    origin: 'incident',
    external_id: null,
    report_id: null,
    type: inc.type,
    sub_type: inc.sub_type,
    date_start: inc.date_start,
    date_end: inc.date_end,
    date_precision: inc.date_precision,
    country: inc.country,
    admin1: inc.admin1,
    admin2: null,
    location: inc.location,
    lat: inc.lat,
    lon: inc.lon,
    geo_precision: inc.geo_precision,
    weapon: inc.weapon,
    fatalities_best: inc.deaths_best ?? 0,
    perpetrator_actor: inc.perpetrator_actor,
    perpetrator_bloc: inc.perpetrator_bloc,
    source: inc.claimants.join('; ') || null,
    actors: inc.actors.map((a) => ({ name: a.name, bloc: a.bloc, role: a.role, type: null })),
    claimants: inc.claimants,
    notes: null,
    scope: 'incident',
    // The incident's range per group, as a report's figures are kept: so every exporter reads one shape.
    fatalities: inc.groups.map((g) => ({ group: g.group, low: g.low, best: g.best, high: g.high, kind: g.vague ? 'vague' : g.low === g.high ? 'exact' : 'approximate' })),
    acled: null,
    columns: null,
  };
}

/** "On 7 May 2016, unidentified actors carried out air strikes in Atarib (Aleppo); 14 fatalities (reported 14 to 17), according to A and B." */
export function incidentNotes(inc: ExportedIncident): string {
  const first = firstActor(eventShape(inc));
  const perpetrator = first?.name ?? (inc.perpetrator_bloc ? BLOC_WORDS[inc.perpetrator_bloc] : undefined) ?? 'unidentified actors';
  const target = inc.actors.find((a) => a.name !== first?.name && (a.role === 'target' || a.role === 'victim' || a.role === 'participant'))?.name ?? null;
  const according = inc.claimants.length ? `, according to ${listWords(inc.claimants)}` : '';
  const contested = inc.status === 'contested' ? '; the figures are contested' : '';
  return `${datePhrase(inc.date_start, inc.date_end, inc.date_precision)}, ${perpetrator} ${actPhrase(inc.sub_type, inc.weapon, target)}${placePhrase(inc.location, inc.admin1, inc.country)}; ${deathsPhrase(inc)}${according}${contested}.`;
}

function deathsPhrase(inc: ExportedIncident): string {
  const { deaths_low: low, deaths_best: best, deaths_high: high } = inc;
  if (best === null) return 'no fatality figure reported';
  const noun = (n: number) => `${n} ${n === 1 ? 'fatality' : 'fatalities'}`;
  if (inc.deaths_vague) return `at least ${noun(best)} (only vague figures reported)`;
  if ((low ?? best) === best && (high ?? best) === best) return noun(best);
  return `${noun(best)} (reported ${low ?? '?'} to ${high ?? 'an open number'})`;
}

/** The incident on a map: a point with its best deaths and the range, status and sources behind it. */
export function incidentFeature(inc: ExportedIncident): Feature | null {
  const f = geoJsonFeature(asExportedEvent(inc));
  if (!f) return null;
  const { event_id, origin, ...rest } = f.properties;
  return {
    ...f,
    properties: {
      incident_id: inc.id,
      ...rest,
      fatalities_low: inc.deaths_low,
      fatalities_high: inc.deaths_high,
      status: inc.status,
      reports: inc.reports,
      event_ids: inc.event_ids,
    },
  };
}
