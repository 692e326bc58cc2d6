// One claimant (a monitor, a ministry, a witness, as the claims name it): how its figures fared on the incidents
// analysts verified, and the incidents it gives figures for. A track record is only as good as the review behind
// it, so the page says how many verified incidents it rests on.
import { api } from '../api.js';
import { clear, fmt, h } from '../dom.js';
import { chip } from './overview.js';

export const claimantHref = (name: string) => `#/claimants/${encodeURIComponent(name)}`;

const share = (n: number, of: number) => (of ? `${Math.round((n / of) * 100)}%` : '–');

export async function claimantView(root: HTMLElement, name: string): Promise<void> {
  const c = await api.claimant(name);
  const t = c.track_record;
  clear(
    root,
    h(
      'div',
      { class: 'narrow' },
      h('p', { class: 'crumbs' }, h('a', { href: '#/' }, '‹ Overview')),
      h('h1', { id: 'claimant-name' }, c.claimant),
      h(
        'section',
        { class: 'panel', id: 'track-record' },
        h('h2', {}, 'Track record on verified incidents'),
        t
          ? [
              h(
                'dl',
                { class: 'facts' },
                h('dt', {}, 'Incidents reviewed'), h('dd', { 'data-track': 'incidents' }, fmt(t.incidents)),
                h('dt', {}, 'Figure agreed'), h('dd', { 'data-track': 'agreed' }, `${fmt(t.agreed)} of ${fmt(t.incidents)} (${share(t.agreed, t.incidents)})`),
                h('dt', {}, 'Reported first'), h('dd', { 'data-track': 'first' }, `${fmt(t.first)} of ${fmt(t.incidents)} (${share(t.first, t.incidents)})`),
              ),
              h('p', { class: 'note' }, "Agreed: its figure was within a tenth (or one death) of the verified best. First: its report was the earliest published of the incident's."),
            ]
          : h('p', { class: 'note', id: 'no-track-record' }, 'No incident it gives a figure for has been verified yet: there is no track record to judge it by.'),
      ),
      h(
        'section',
        { class: 'panel', id: 'claimant-incidents' },
        h('h2', {}, `Incidents it gives figures for (${c.incidents.length}${c.more ? ', the newest' : ''})`),
        h(
          'table',
          { class: 'events' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Date'), h('th', {}, 'Place'), h('th', {}, 'Type'), h('th', {}, 'Perpetrator'), h('th', { class: 'num' }, 'Killed (best)'), h('th', {}, 'Status'), h('th', {}, 'Review'))),
          h(
            'tbody',
            {},
            ...c.incidents.map((i) =>
              h(
                'tr',
                { 'data-incident': i.id },
                h('td', { class: 'nowrap' }, h('a', { href: `#/incidents/${encodeURIComponent(i.id)}` }, i.date_start ?? 'undated')),
                h('td', {}, [i.location, i.admin1, i.country].filter((x, k, xs) => x && xs.indexOf(x) === k).join(', ') || '–'),
                h('td', {}, i.sub_type || i.type),
                h('td', {}, chip(i.perpetrator_bloc)),
                h('td', { class: 'num' }, fmt(i.deaths_best)),
                h('td', {}, h('span', { class: `status ${i.status}` }, i.status)),
                h('td', {}, i.verified ? 'verified' : ''),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
