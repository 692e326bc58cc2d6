// The incidents map: Natural Earth country outlines (world-atlas, bundled) as the only basemap, so it works
// with no tile server; incidents as circles sized by their best deaths and coloured by perpetrator bloc.
// Incidents only: a strike told by three outlets is one circle, and period totals and cumulative tolls (a
// war's toll stated by a ministry) are never drawn, since they are not incidents.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries from 'world-atlas/countries-50m.json';
import type { IncidentRow } from '../../src/store/store.js';
import { blocColour } from './blocs.js';

const outlines = feature(countries as unknown as Topology, (countries as unknown as Topology).objects.countries as GeometryCollection);

/** Area, not radius, follows the count: a 100-death strike reads ten times a 10-death one, not a hundred. */
export const radiusFor = (fatalities: number) => Math.min(28, 3 + Math.sqrt(Math.max(0, fatalities)) * 2.2);

export interface IncidentsMap {
  show(incidents: IncidentRow[]): void;
}

export function incidentsMap(el: HTMLElement, onPick: (id: string) => void): IncidentsMap {
  const map = L.map(el, { worldCopyJump: true, minZoom: 2, maxZoom: 12, zoomSnap: 0.5, attributionControl: true }).setView([33, 40], 5);
  map.attributionControl.setPrefix(false).addAttribution('Outlines: Natural Earth');
  L.geoJSON(outlines, { interactive: false, style: { color: '#a8a294', weight: 0.8, fillColor: '#f3efe6', fillOpacity: 1 } }).addTo(map);
  const points = L.layerGroup().addTo(map);
  return {
    show(incidents) {
      points.clearLayers();
      const located = incidents.filter((i) => i.lat !== null && i.lon !== null);
      const best = (i: IncidentRow) => i.deaths_best ?? 0;
      // Largest first, so small incidents stay clickable on top of big ones.
      for (const i of [...located].sort((a, b) => best(b) - best(a))) {
        const m = L.circleMarker([i.lat!, i.lon!], {
          radius: radiusFor(best(i)),
          color: '#ffffff',
          weight: 1,
          fillColor: blocColour(i.perpetrator_bloc),
          fillOpacity: 0.78,
          className: 'incident-point',
        });
        const killed = i.deaths_best === null ? 'deaths not given' : `${i.deaths_best} killed${i.deaths_low !== i.deaths_high ? ` (${i.deaths_low ?? '?'} to ${i.deaths_high ?? '?'})` : ''}`;
        const label = `${i.date_start ?? 'undated'} · ${i.location ?? i.admin1 ?? i.country ?? '?'} · ${killed} · ${i.reports} report${i.reports === 1 ? '' : 's'} · ${i.perpetrator_bloc ?? 'unknown'}`;
        // Leaflet's tooltip takes HTML: hand it a text node, never a string, since names come from report text.
        m.bindTooltip(document.createTextNode(label) as unknown as HTMLElement, { direction: 'top' });
        m.on('click', () => onPick(i.id));
        m.addTo(points);
        m.getElement()?.setAttribute('data-incident', i.id);
      }
      if (located.length) map.fitBounds(L.latLngBounds(located.map((i) => [i.lat!, i.lon!] as [number, number])).pad(0.25), { maxZoom: 8 });
    },
  };
}
