// An event as a GeoJSON Feature (RFC 7946: coordinates are [longitude, latitude]); events without coordinates have none.
import type { ExportedEvent } from './store.js';

export interface Feature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: Record<string, string | number | null | string[]>;
}

export function geoJsonFeature(ev: ExportedEvent): Feature | null {
  if (ev.lat === null || ev.lon === null) return null;
  return {
    type: 'Feature',
    id: ev.id,
    geometry: { type: 'Point', coordinates: [ev.lon, ev.lat] },
    properties: {
      event_id: ev.external_id ?? ev.id,
      origin: ev.origin,
      event_date: ev.date_start,
      date_precision: ev.date_precision,
      event_type: ev.type,
      sub_event_type: ev.sub_type,
      country: ev.country,
      admin1: ev.admin1,
      location: ev.location,
      geo_precision: ev.geo_precision,
      actor: ev.perpetrator_actor,
      bloc: ev.perpetrator_bloc,
      weapon: ev.weapon,
      fatalities: ev.fatalities_best,
      claimants: ev.claimants,
      source: ev.source,
    },
  };
}
