// The overview: one set of filters driving the map, the weekly timeline and the incidents table. Map and
// table show reconciled incidents (one however many reports told it; never a period total or a toll), each
// opening its incident page. The filters live in the URL (#/?country=Syria&bloc=...), so a view can be
// bookmarked and sent.
import { api, ApiError, type Query } from '../api.js';
import { blocColour, KNOWN_BLOCS } from '../blocs.js';
import { clear, fmt, h } from '../dom.js';
import { incidentsMap } from '../map.js';
import { timeline } from '../timeline.js';
import type { IncidentRow } from '../../../src/store/store.js';

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
  { key: 'status', label: 'Status' },
];
const STATUSES = ['single-source', 'corroborated', 'contested', 'no-figures'];
const PAGE = 100;
const MAP_LIMIT = 2000;

type SortKey = 'date_start' | 'location' | 'admin1' | 'country' | 'sub_type' | 'perpetrator_bloc' | 'deaths_best' | 'deaths_high' | 'status' | 'reports' | 'claimants';
const COLUMNS: { key: SortKey; label: string; num?: boolean }[] = [
  { key: 'date_start', label: 'Date' },
  { key: 'location', label: 'Place' },
  { key: 'admin1', label: 'Region' },
  { key: 'country', label: 'Country' },
  { key: 'sub_type', label: 'Incident' },
  { key: 'perpetrator_bloc', label: 'Perpetrator' },
  { key: 'deaths_best', label: 'Killed', num: true },
  { key: 'deaths_high', label: 'Low – high', num: true },
  { key: 'status', label: 'Status' },
  { key: 'reports', label: 'Reports', num: true },
  { key: 'claimants', label: 'Claimants' },
];
const sortValue = (i: IncidentRow, k: SortKey) => (k === 'claimants' ? i.claimants.join('; ') : i[k]);

export function chip(bloc: string | null): HTMLElement {
  return h('span', { class: 'chip', style: `--c:${blocColour(bloc)}` }, bloc ?? 'unknown');
}

export async function overview(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const filter: Query = {};
  for (const f of FILTERS) if (params.get(f.key)) filter[f.key] = params.get(f.key)!;
  const cursor = params.get('cursor') ?? undefined;
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
        f.key === 'bloc' || f.key === 'status'
          ? h('select', { name: f.key }, h('option', { value: '' }, 'any'), ...(f.key === 'bloc' ? blocs : STATUSES).map((b) => h('option', { value: b, selected: filter[f.key] === b }, b)))
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
  const tableEl = h('div', { class: 'table-wrap', id: 'incidents-table' });
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
        h('div', { class: 'panel' }, h('div', { class: 'panel-head' }, h('h2', {}, 'Killed per week, by perpetrator'), h('p', { class: 'note' }, `reconciled: an incident counts once, however many reports told it${filter.status ? '; every status' : ''}`)), timelineEl),
        h('div', { class: 'panel' }, h('div', { class: 'panel-head' }, h('h2', {}, 'Incidents'), countEl), tableEl),
      ),
    ),
  );

  const map = incidentsMap(mapEl, (id) => (location.hash = `#/incidents/${encodeURIComponent(id)}`));
  const [forMap, page] = await Promise.all([api.incidents({ ...filter, limit: MAP_LIMIT }), api.incidents({ ...filter, limit: PAGE, cursor })]);
  map.show(forMap.incidents);
  const located = forMap.incidents.filter((i) => i.lat !== null).length;
  mapNote.textContent = `${fmt(located)} located incidents${forMap.next ? ` (the newest ${fmt(MAP_LIMIT)})` : ''}; circle area follows the best count of the dead; period totals and tolls are claims, not incidents, and are not drawn`;

  // The weekly series reconciles the events' filters; status is an incident's alone.
  const { status: _status, ...eventFilter } = filter;
  api
    .weekly(eventFilter)
    .then(({ weeks }) => clear(timelineEl, weeks.length ? timeline(weeks, timelineEl.clientWidth || 800) : h('p', { class: 'empty' }, 'No killings in these events.')))
    .catch((e: unknown) => clear(timelineEl, h('p', { class: 'empty' }, e instanceof ApiError ? e.message : String(e))));

  const renderTable = () => {
    const rows = [...page.incidents].sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
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
    const tr = (i: IncidentRow) =>
      h(
        'tr',
        { 'data-id': i.id },
        h('td', { class: 'nowrap' }, h('a', { href: `#/incidents/${encodeURIComponent(i.id)}` }, i.date_start ?? 'undated')),
        h('td', {}, i.location ?? ''),
        h('td', {}, i.admin1 ?? ''),
        h('td', {}, i.country ?? ''),
        h('td', {}, i.sub_type || i.type),
        h('td', {}, chip(i.perpetrator_bloc), i.perpetrator_actor ? h('span', { class: 'actor' }, i.perpetrator_actor) : null),
        h('td', { class: 'num' }, fmt(i.deaths_best)),
        // A bound nobody gives is "?", as the CLI writes it; no range when every claimant agrees.
        h('td', { class: 'num nowrap' }, i.deaths_low === i.deaths_high && i.deaths_low === i.deaths_best ? '' : `${i.deaths_low ?? '?'} – ${i.deaths_high ?? '?'}`),
        h('td', {}, h('span', { class: `status ${i.status}` }, i.status)),
        h('td', { class: 'num' }, fmt(i.reports)),
        h('td', {}, i.claimants.join('; ')),
      );
    clear(
      tableEl,
      page.incidents.length
        ? h('table', { class: 'events' }, h('thead', {}, h('tr', {}, ...COLUMNS.map(th))), h('tbody', {}, ...rows.map(tr)))
        : h('p', { class: 'empty' }, 'No incidents match these filters.'),
    );
  };
  renderTable();
  // Pages follow the API's cursor (no count of the whole record on every page): the newest, then older.
  const n = page.incidents.length;
  clear(
    countEl,
    h('span', {}, `${fmt(n)} incident${n === 1 ? '' : 's'}${cursor ? ', older page' : ''}${page.next ? '; more are older' : ''}`),
    cursor ? h('button', { type: 'button', onclick: () => go(filter) }, '‹ Newest') : null,
    page.next ? h('button', { type: 'button', onclick: () => go({ ...filter, cursor: page.next! }) }, 'Older ›') : null,
    h('span', { class: 'note' }, ' newest first; sorting orders this page'),
  );
}
