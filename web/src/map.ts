// The events map: Natural Earth country outlines (world-atlas, bundled) as the only basemap, so it works
// with no tile server; events as circles sized by fatalities and coloured by perpetrator bloc.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries from 'world-atlas/countries-50m.json';
import type { EventRow } from '../../src/store/store.js';
import { blocColour } from './blocs.js';

const outlines = feature(countries as unknown as Topology, (countries as unknown as Topology).objects.countries as GeometryCollection);

/** Area, not radius, follows the count: a 100-death strike reads ten times a 10-death one, not a hundred. */
export const radiusFor = (fatalities: number) => Math.min(28, 3 + Math.sqrt(Math.max(0, fatalities)) * 2.2);

export interface EventsMap {
  show(events: EventRow[]): void;
}

export function eventsMap(el: HTMLElement, onPick: (id: string) => void): EventsMap {
  const map = L.map(el, { worldCopyJump: true, minZoom: 2, maxZoom: 12, zoomSnap: 0.5, attributionControl: true }).setView([33, 40], 5);
  map.attributionControl.setPrefix(false).addAttribution('Outlines: Natural Earth');
  L.geoJSON(outlines, { interactive: false, style: { color: '#a8a294', weight: 0.8, fillColor: '#f3efe6', fillOpacity: 1 } }).addTo(map);
  const points = L.layerGroup().addTo(map);
  return {
    show(events) {
      points.clearLayers();
      const located = events.filter((e) => e.lat !== null && e.lon !== null);
      // Largest first, so small events stay clickable on top of big ones.
      for (const e of [...located].sort((a, b) => b.fatalities_best - a.fatalities_best)) {
        const m = L.circleMarker([e.lat!, e.lon!], {
          radius: radiusFor(e.fatalities_best),
          color: '#ffffff',
          weight: 1,
          fillColor: blocColour(e.perpetrator_bloc),
          fillOpacity: 0.78,
          className: 'event-point',
        });
        const label = `${e.date_start ?? 'undated'} · ${e.location ?? e.admin1 ?? e.country ?? '?'} · ${e.fatalities_best} killed · ${e.perpetrator_bloc ?? 'unknown'}`;
        // Leaflet's tooltip takes HTML: hand it a text node, never a string, since names come from report text.
        m.bindTooltip(document.createTextNode(label) as unknown as HTMLElement, { direction: 'top' });
        m.on('click', () => onPick(e.id));
        m.addTo(points);
      }
      if (located.length) map.fitBounds(L.latLngBounds(located.map((e) => [e.lat!, e.lon!] as [number, number])).pad(0.25), { maxZoom: 8 });
    },
  };
}
