// The overview: one set of filters driving the map, the weekly timeline and the events table.
// The filters live in the URL (#/?country=Syria&bloc=...), so a view can be bookmarked and sent.
import { api, ApiError, type Query } from '../api.js';
import { blocColour, KNOWN_BLOCS } from '../blocs.js';
import { clear, fmt, h } from '../dom.js';
import { eventsMap } from '../map.js';
import { timeline } from '../timeline.js';
import type { EventRow } from '../../../src/store/store.js';

const FILTERS: { key: string; label: string; type?: string; placeholder?: string }[] = [
  { key: 'from', label: 'From', type: 'date' },
  { key: 'to', label: 'To', type: 'date' },
  { key: 'country', label: 'Country', placeholder: 'Syria' },
  { key: 'admin1', label: 'Region', placeholder: 'Aleppo' },
  { key: 'place', label: 'Place contains', placeholder: 'Douma' },
  { key: 'bloc', label: 'Perpetrator bloc' },
  { key: 'actor', label: 'Actor contains', placeholder: 'army' },
  { key: 'type', label: 'Event type', placeholder: 'Battles' },
  { key: 'claimant', label: 'Claimant contains', placeholder: 'Observatory' },
  { key: 'min_fatalities', label: 'Min. killed', type: 'number' },
];
const PAGE = 100;
const MAP_LIMIT = 2000;

type SortKey = 'date_start' | 'location' | 'admin1' | 'country' | 'sub_type' | 'perpetrator_bloc' | 'fatalities_best' | 'source';
const COLUMNS: { key: SortKey; label: string; num?: boolean }[] = [
  { key: 'date_start', label: 'Date' },
  { key: 'location', label: 'Place' },
  { key: 'admin1', label: 'Region' },
  { key: 'country', label: 'Country' },
  { key: 'sub_type', label: 'Event' },
  { key: 'perpetrator_bloc', label: 'Perpetrator' },
  { key: 'fatalities_best', label: 'Killed', num: true },
  { key: 'source', label: 'Source' },
];

export function chip(bloc: string | null): HTMLElement {
  return h('span', { class: 'chip', style: `--c:${blocColour(bloc)}` }, bloc ?? 'unknown');
}

export async function overview(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const filter: Query = {};
  for (const f of FILTERS) if (params.get(f.key)) filter[f.key] = params.get(f.key)!;
  // Pages are keyset pages: the URL keeps the cursor of this one, and the number of its first row for the display.
  const cursor = params.get('cursor') ?? undefined;
  const first = Number(params.get('row') ?? 1) || 1;
  let sort: { key: SortKey; dir: 1 | -1 } = { key: (params.get('sort') as SortKey) || 'date_start', dir: params.get('dir') === 'asc' ? 1 : -1 };

  const go = (q: Query) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
    location.hash = `#/?${p.toString()}`;
  };

  // The blocs the record holds (every war brings its own), then the usual ones, then whatever the URL asks for.
  const held = await api.recordTally({ by: 'bloc', limit: 100 }).then((r) => r.rows.map((x) => x.key).filter((k): k is string => !!k), () => [] as string[]);
  const blocs = [...new Set([...held.sort(), ...KNOWN_BLOCS, ...(filter.bloc ? [String(filter.bloc)] : [])])];

  const form = h(
    'form',
    { class: 'filters', id: 'filters' },
    h('h2', {}, 'Filters'),
    ...FILTERS.map((f) =>
      h(
        'label',
        {},
        h('span', {}, f.label),
        f.key === 'bloc'
          ? h('select', { name: f.key }, h('option', { value: '' }, 'any'), ...blocs.map((b) => h('option', { value: b, selected: filter.bloc === b }, b)))
          : h('input', { name: f.key, type: f.type ?? 'text', placeholder: f.placeholder ?? '', value: filter[f.key] ?? '', min: f.type === 'number' ? 0 : null }),
      ),
    ),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary' }, 'Apply'), h('button', { type: 'button', onclick: () => go({}) }, 'Clear')),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q: Query = {};
    for (const [k, v] of new FormData(form)) if (String(v).trim()) q[k] = String(v).trim();
    go(q);
  });

  const mapEl = h('div', { class: 'map', id: 'map' });
  const mapNote = h('p', { class: 'note' });
  const timelineEl = h('div', { class: 'timeline', id: 'timeline' });
  const tableEl = h('div', { class: 'table-wrap', id: 'events-table' });
  const countEl = h('div', { class: 'count' });
  clear(
    root,
    h(
      'div',
      { class: 'overview' },
      form,
      h(
        'section',
        { class: 'main' },
        h('div', { class: 'panel' }, h('div', { class: 'panel-head' }, h('h2', {}, 'Map'), mapNote), mapEl),
        h('div', { class: 'panel' }, h('div', { class: 'panel-head' }, h('h2', {}, 'Killed per week, by perpetrator'), h('p', { class: 'note' }, 'reconciled: an incident counts once, however many reports told it')), timelineEl),
        h('div', { class: 'panel' }, h('div', { class: 'panel-head' }, h('h2', {}, 'Events'), countEl), tableEl),
      ),
    ),
  );

  const map = eventsMap(mapEl, (id) => (location.hash = `#/events/${encodeURIComponent(id)}`));
  const [forMap, page] = await Promise.all([api.events({ ...filter, limit: MAP_LIMIT }), api.events({ ...filter, limit: PAGE, cursor, count: 'true' })]);
  const total = page.total ?? 0;
  map.show(forMap.events);
  const located = forMap.events.filter((e) => e.lat !== null).length;
  mapNote.textContent = `${fmt(located)} located events${forMap.next ? ` (the newest ${fmt(MAP_LIMIT)} of ${fmt(total)})` : ''}; circle area follows the number killed`;

  api
    .weekly(filter)
    .then(({ weeks }) => clear(timelineEl, weeks.length ? timeline(weeks, timelineEl.clientWidth || 800) : h('p', { class: 'empty' }, 'No killings in these events.')))
    .catch((e: unknown) => clear(timelineEl, h('p', { class: 'empty' }, e instanceof ApiError ? e.message : String(e))));

  const renderTable = () => {
    const rows = [...page.events].sort((a, b) => {
      const x = a[sort.key];
      const y = b[sort.key];
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * sort.dir;
    });
    const th = (c: (typeof COLUMNS)[number]) =>
      h(
        'th',
        { class: `${c.num ? 'num ' : ''}sortable${sort.key === c.key ? ' sorted' : ''}`, 'data-key': c.key, 'aria-sort': sort.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : null, onclick: () => ((sort = { key: c.key, dir: sort.key === c.key ? ((-sort.dir) as 1 | -1) : c.num ? -1 : 1 }), renderTable()) },
        c.label,
        sort.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : '',
      );
    const tr = (e: EventRow) =>
      h(
        'tr',
        { 'data-id': e.id },
        h('td', { class: 'nowrap' }, h('a', { href: `#/events/${encodeURIComponent(e.id)}` }, e.date_start ?? 'undated')),
        h('td', {}, e.location ?? ''),
        h('td', {}, e.admin1 ?? ''),
        h('td', {}, e.country ?? ''),
        h('td', {}, e.sub_type || e.type),
        h('td', {}, chip(e.perpetrator_bloc), e.perpetrator_actor ? h('span', { class: 'actor' }, e.perpetrator_actor) : null),
        h('td', { class: 'num' }, fmt(e.fatalities_best)),
        h('td', {}, e.source ?? ''),
      );
    clear(
      tableEl,
      page.events.length
        ? h('table', { class: 'events' }, h('thead', {}, h('tr', {}, ...COLUMNS.map(th))), h('tbody', {}, ...rows.map(tr)))
        : h('p', { class: 'empty' }, 'No events match these filters.'),
    );
  };
  renderTable();
  const last = first + page.events.length - 1;
  clear(
    countEl,
    h('span', {}, page.events.length ? `${fmt(first)}–${fmt(last)} of ${fmt(total)} events` : `${fmt(total)} events`),
    cursor ? h('button', { type: 'button', onclick: () => go(filter) }, '‹ Newest') : null,
    page.next ? h('button', { type: 'button', onclick: () => go({ ...filter, cursor: page.next!, row: last + 1 }) }, 'Older ›') : null,
    h('span', { class: 'note' }, ' sorting orders this page'),
  );
}
