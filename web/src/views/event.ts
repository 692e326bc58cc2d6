// One event: what happened, the reconciled low/best/high, each claim with who made it, and the source
// reports with each claim's sentence highlighted where it was read.
import type { Fatalities } from '../../../src/domain/types.js';
import { api, ApiError, type EventPage } from '../api.js';
import { clear, fmt, h, highlighted } from '../dom.js';
import { canWrite } from '../session.js';
import { claimMarks } from '../text-marks.js';
import { chip } from './overview.js';

const range = (f: { low: number | null; best: number | null; high: number | null }) => h('span', { class: 'range' }, fmt(f.low), ' / ', h('b', {}, fmt(f.best)), ' / ', fmt(f.high));
const groups = (fs: Fatalities[]) => fs.map((f) => `${f.group}: ${fmt(f.best ?? f.low)}${f.kind !== 'exact' ? ` (${f.kind})` : ''}`).join('; ') || '–';

export async function eventView(root: HTMLElement, id: string): Promise<void> {
  const d = await api.event(id);
  render(root, d);
}

function render(root: HTMLElement, d: EventPage): void {
  const e = d.event;
  const perp = e.actors.find((a) => a.role === 'perpetrator');
  const place = [e.location?.name, e.location?.admin1, e.location?.country].filter((x, i, xs) => x && xs.indexOf(x) === i).join(', ');
  const inc = d.incident;

  const figures = h(
    'section',
    { class: 'panel figures', id: 'figures' },
    h('h2', {}, 'Killed: low / best / high'),
    inc
      ? [
          h('div', { class: 'big' }, h('div', {}, h('span', { class: 'lbl' }, 'low'), h('span', { class: 'val', 'data-fig': 'low' }, fmt(inc.figures.total.low))), h('div', { class: 'best' }, h('span', { class: 'lbl' }, 'best'), h('span', { class: 'val', 'data-fig': 'best' }, fmt(inc.figures.total.best))), h('div', {}, h('span', { class: 'lbl' }, 'high'), h('span', { class: 'val', 'data-fig': 'high' }, fmt(inc.figures.total.high)))),
          h('p', {}, h('span', { class: `status ${inc.figures.status}` }, inc.figures.status), ` · ${inc.figures.claimants.length} claimant${inc.figures.claimants.length === 1 ? '' : 's'}`, inc.events.length > 1 ? ` · linked with ${inc.events.length - 1} other report${inc.events.length > 2 ? 's' : ''} of this incident` : '', d.incident_id ? [' · ', h('a', { href: `#/incidents/${encodeURIComponent(d.incident_id)}` }, 'the incident ›')] : null),
          inc.figures.groups.length
            ? h('table', { class: 'groups' }, h('thead', {}, h('tr', {}, h('th', {}, 'group'), h('th', { class: 'num' }, 'low'), h('th', { class: 'num' }, 'best'), h('th', { class: 'num' }, 'high'), h('th', {}, 'how'))), h('tbody', {}, ...inc.figures.groups.map((g) => h('tr', {}, h('td', {}, g.group), h('td', { class: 'num' }, fmt(g.low.value)), h('td', { class: 'num' }, h('b', {}, fmt(g.best.value))), h('td', { class: 'num' }, fmt(g.high.value)), h('td', { class: 'how' }, g.reasoning.join('; '))))))
            : null,
          inc.events.length > 1 ? h('ul', { class: 'linked' }, ...inc.events.filter((x) => x.id !== e.id).map((x) => h('li', {}, h('a', { href: `#/events/${encodeURIComponent(x.id)}` }, `${x.date ?? 'undated'} · ${x.place ?? '?'}`)))) : null,
        ]
      : h('p', { class: 'note' }, `Not an incident (${e.scope}): its figures are a period total or a cumulative toll, and are not reconciled as one incident. As extracted: `, groups(e.fatalities)),
  );

  const claims = h(
    'section',
    { class: 'panel', id: 'claims' },
    h('h2', {}, `Claims (${d.claims.length})`),
    ...d.claims.map((c) =>
      h(
        'article',
        { class: 'claim-card', 'data-claim': c.id },
        h('header', {}, h('b', { class: 'claimant' }, c.claimant), h('span', { class: `kind kind-${c.claimant_kind}` }, c.claimant_kind), c.publisher ? h('span', { class: 'note' }, ` via ${c.publisher}`) : null),
        h('p', { class: 'what' }, `${c.measure} · ${c.scope} · `, groups(c.fatalities), c.date ? ` · ${c.date.start}${c.date.end !== c.date.start ? `–${c.date.end}` : ''} (${c.date.precision})` : '', c.weapon ? ` · ${c.weapon}` : ''),
        h('blockquote', {}, c.sentence),
        h('a', { href: `#/events/${encodeURIComponent(e.id)}`, class: 'jump', 'data-target': `s-${c.id}`, onclick: (ev: Event) => (ev.preventDefault(), document.getElementById(`s-${c.id}`)?.scrollIntoView({ block: 'center' })) }, 'show in the report ↓'),
        h('span', { class: 'rule note' }, c.rule),
      ),
    ),
  );

  const mine = new Set(d.claims.map((c) => c.id));
  const reports = h(
    'section',
    { class: 'panel', id: 'sources' },
    h('h2', {}, 'Source reports'),
    ...d.reports.map((r) => {
      const marks = d.claims.filter((c) => c.report_id === r.id).flatMap((c) => claimMarks(r.text, c, mine.has(c.id) ? 'focus' : 'other'));
      return h(
        'article',
        { class: 'report-text' },
        h('header', {}, h('a', { href: `#/reports/${encodeURIComponent(r.id)}` }, h('b', {}, r.title ?? '(untitled)')), h('span', { class: 'note' }, ` ${r.publisher ?? 'unknown outlet'}, ${r.published ?? 'undated'}`)),
        h('div', { class: 'text' }, highlighted(r.text, marks)),
      );
    }),
    d.reports.length ? null : h('p', { class: 'note' }, e.source ? `Known from ${e.source}; no report text is held (an imported event).` : 'No report text is held.'),
  );

  const edit = canWrite() ? editForm(d, root) : null;
  clear(
    root,
    h(
      'div',
      { class: 'event-page' },
      h('p', { class: 'crumbs' }, h('a', { href: '#/' }, '‹ Overview')),
      h('h1', {}, `${e.sub_type || e.type}${place ? ` in ${place}` : ''}`),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Date'), h('dd', {}, e.date ? `${e.date.start}${e.date.end !== e.date.start ? ` – ${e.date.end}` : ''} (${e.date.precision})` : 'undated'),
        h('dt', {}, 'Type'), h('dd', {}, `${e.type} · ${e.sub_type}`),
        h('dt', {}, 'Place'), h('dd', {}, place || 'unknown', e.location ? ` (${e.location.precision})` : ''),
        h('dt', {}, 'Perpetrator'), h('dd', {}, chip(perp?.bloc ?? null), perp ? ` ${perp.name}` : ''),
        h('dt', {}, 'Actors'), h('dd', {}, e.actors.map((a) => `${a.name} (${a.role}, ${a.bloc})`).join('; ') || '–'),
        h('dt', {}, 'Weapon'), h('dd', {}, e.weapon ?? '–'),
        h('dt', {}, 'Origin'), h('dd', {}, e.origin, e.source ? ` · ${e.source}` : ''),
        e.notes ? [h('dt', {}, 'Note'), h('dd', {}, e.notes)] : null,
        h('dt', {}, 'Incident'), h('dd', {}, d.incident_id ? h('a', { href: `#/incidents/${encodeURIComponent(d.incident_id)}`, id: 'incident-link', class: 'mono' }, d.incident_id) : inc ? 'reconciled now (the record keeps incidents of reports only)' : 'none'),
        h('dt', {}, 'Event id'), h('dd', { class: 'mono' }, e.id),
      ),
      h('div', { class: 'event-grid' }, h('div', {}, figures, claims, edit), reports),
    ),
  );
}

function editForm(d: EventPage, root: HTMLElement): HTMLElement {
  const msg = h('p', { class: 'note' });
  const form = h(
    'form',
    { class: 'panel edit', id: 'edit-event' },
    h('h2', {}, 'Correct this event'),
    h('label', {}, h('span', {}, 'Type'), h('input', { name: 'type', value: d.event.type })),
    h('label', {}, h('span', {}, 'Sub-type'), h('input', { name: 'sub_type', value: d.event.sub_type })),
    h('label', {}, h('span', {}, 'Note'), h('textarea', { name: 'notes', rows: 2 }, d.event.notes ?? '')),
    h('button', { type: 'submit', class: 'primary' }, 'Save'),
    msg,
    d.edits.length ? h('ul', { class: 'edits' }, ...d.edits.map((x) => h('li', {}, `${x.edited_at.slice(0, 16).replace('T', ' ')} ${x.editor}: ${Object.keys(x.changes).join(', ')}`))) : null,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    try {
      const notes = String(f.get('notes') ?? '').trim();
      await api.editEvent(d.event.id, { type: String(f.get('type')), sub_type: String(f.get('sub_type')), notes: notes || null });
      // Re-read: the incident and its figures are worked out on reading, not returned by the edit.
      render(root, await api.event(d.event.id));
    } catch (e) {
      msg.textContent = e instanceof ApiError ? e.message : String(e);
    }
  });
  return form;
}
