// Alerts: the latest firings (which alert, on what condition, for which incident, when, and how its webhook
// delivery went), then the alerts set up. Read-only: alerts are made with `observatory alerts add` on a machine
// that holds the record, where their signing secrets are shown.
import { api } from '../api.js';
import { clear, fmt, h } from '../dom.js';
import { every, when } from './sources.js';

export async function alertList(root: HTMLElement): Promise<void> {
  const { alerts, recent } = await api.alerts({ limit: 100 });
  clear(
    root,
    h(
      'div',
      { class: 'narrow wide' },
      h('h1', {}, 'Alerts'),
      h('p', { class: 'note' }, `${recent.length} latest firing${recent.length === 1 ? '' : 's'}, newest first · times UTC · an alert fires once when an incident comes to meet it · set up with observatory alerts add, delivered by observatory alerts deliver`),
      recent.length === 0
        ? h('p', { class: 'empty', id: 'no-alerts' }, alerts.length ? 'No alert has fired yet.' : 'No alert is set up. On the machine holding the record: observatory alerts add --name NAME --when "killed >= 10" --webhook URL.')
        : h(
            'table',
            { class: 'events', id: 'alerts-table' },
            h('thead', {}, h('tr', {}, ...['Fired', 'Alert', 'Condition', 'Incident', 'Killed', 'Delivery', 'Attempts', 'Delivered', 'Last error'].map((t) => h('th', { class: t === 'Killed' || t === 'Attempts' ? 'num' : '' }, t)))),
            h(
              'tbody',
              {},
              ...recent.map((f) => {
                const i = f.incident;
                const place = [i.location, i.admin1, i.country].filter((x, k, xs) => x && xs.indexOf(x) === k).join(', ');
                return h(
                  'tr',
                  { 'data-delivery': f.delivery_id },
                  h('td', { class: 'nowrap' }, when(f.fired_at)),
                  h('td', { class: 'alert-name' }, f.alert),
                  h('td', { class: 'mono' }, f.condition),
                  h('td', {}, h('a', { href: `#/incidents/${encodeURIComponent(f.incident_id)}`, class: 'incident-link' }, `${i.date_start ?? 'undated'} · ${i.sub_type}${place ? ` in ${place}` : ''}`)),
                  h('td', { class: 'num' }, fmt(i.killed)),
                  h('td', {}, h('span', { class: `status delivery-${f.status}` }, f.status)),
                  h('td', { class: 'num' }, fmt(f.attempts)),
                  h('td', { class: 'nowrap' }, when(f.delivered_at)),
                  h('td', { class: 'error-text' }, f.last_error ?? ''),
                );
              }),
            ),
          ),
      h(
        'section',
        { class: 'panel', id: 'alert-rules' },
        h('h2', {}, `Alerts set up (${alerts.length})`),
        alerts.length
          ? h(
              'ul',
              { class: 'plain' },
              ...alerts.map((a) =>
                h(
                  'li',
                  { 'data-alert': a.name },
                  h('b', {}, a.name),
                  ' when ',
                  h('span', { class: 'mono' }, a.condition),
                  [a.country, a.admin1, a.bloc, a.type].filter(Boolean).map((x) => ` · ${x}`).join(''),
                  a.within_seconds !== null ? ` · within ${every(a.within_seconds)}` : '',
                  h('span', { class: 'note' }, ` · posts to ${a.webhook_host} · fired ${fmt(a.fired)} time${a.fired === 1 ? '' : 's'}${a.pending ? `, ${fmt(a.pending)} to deliver` : ''}`),
                ),
              ),
            )
          : h('p', { class: 'note' }, 'None.'),
      ),
    ),
  );
}
