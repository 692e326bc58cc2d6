// Reports: the list, one report with what was extracted highlighted in its text, and the form to submit one.
import type { ReportDetail } from '../../../src/api/record.js';
import { api, ApiError } from '../api.js';
import { clear, fmt, h, highlighted, outLink, type Mark } from '../dom.js';
import { canWrite, session } from '../session.js';
import { claimMarks } from '../text-marks.js';
import { chip } from './overview.js';
import { when } from './sources.js';

export async function reportList(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const offset = Number(params.get('offset') ?? 0) || 0;
  const page = await api.reports({ limit: 50, offset });
  clear(
    root,
    h(
      'div',
      { class: 'narrow' },
      h('div', { class: 'title-row' }, h('h1', {}, 'Reports'), canWrite() ? h('a', { class: 'button primary', href: '#/submit' }, 'Submit a report') : null),
      h('p', { class: 'note' }, `${fmt(page.total)} reports in the record, newest first`),
      h(
        'table',
        { class: 'events', id: 'reports-table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Title'), h('th', {}, 'Outlet'), h('th', {}, 'Published'), h('th', { class: 'num' }, 'Events'), h('th', { class: 'num' }, 'Claims'), h('th', { class: 'num', title: 'outlets and pages that carried it' }, 'Seen'), h('th', {}, 'Ingested'))),
        h(
          'tbody',
          {},
          ...page.reports.map((r) =>
            h('tr', {}, h('td', {}, h('a', { href: `#/reports/${encodeURIComponent(r.id)}` }, r.title ?? '(untitled)')), h('td', {}, r.publisher ?? ''), h('td', { class: 'nowrap' }, r.published ?? ''), h('td', { class: 'num' }, fmt(r.events)), h('td', { class: 'num' }, fmt(r.claims)), h('td', { class: 'num' }, fmt(r.sightings)), h('td', { class: 'nowrap note' }, r.ingested_at.slice(0, 16).replace('T', ' '))),
          ),
        ),
      ),
      h(
        'p',
        { class: 'pager' },
        offset > 0 ? h('a', { href: `#/reports?offset=${Math.max(0, offset - 50)}` }, '‹ Newer') : null,
        offset + page.reports.length < page.total ? h('a', { href: `#/reports?offset=${offset + 50}` }, 'Older ›') : null,
      ),
    ),
  );
}

/** The report with what was read from it marked; with `focus`, that claim's sentence and figure alone stand out. */
export function extractionView(r: ReportDetail, status?: 'new' | 'duplicate', focus?: string | null): HTMLElement {
  const { events, claims } = r.extracted;
  const focused = claims.find((c) => c.id === focus);
  const marks: Mark[] = [
    ...claims.flatMap((c) => claimMarks(r.text, c, !focused || c.id === focused.id ? 'focus' : 'other')),
    ...events.filter((e) => e.span.end > e.span.start).map((e) => ({ ...e.span, kind: 'event-span', title: `event: ${e.sub_type}` })),
  ];
  const s = r.summary;
  return h(
    'div',
    { class: 'report-page' },
    h('p', { class: 'crumbs' }, h('a', { href: '#/reports' }, '‹ Reports')),
    status ? h('p', { class: `banner ${status}`, id: 'submit-status' }, status === 'new' ? `Stored: ${events.length} event${events.length === 1 ? '' : 's'} and ${claims.length} claim${claims.length === 1 ? '' : 's'} extracted.` : 'This text is already in the record: nothing new was stored.') : null,
    h('h1', { id: 'report-title' }, r.title ?? '(untitled report)'),
    focused ? h('p', { class: 'banner', id: 'focus-claim' }, `Marked below: the sentence ${focused.claimant} is quoted in, and the figure read from it (${focused.fatalities.map((f) => `${f.group}: ${fmt(f.best ?? f.low)}`).join('; ') || focused.measure}).`) : null,
    h('p', { class: 'note' }, `${r.publisher ?? 'unknown outlet'} · published ${r.published ?? 'undated'} · ingested ${r.ingested_at.slice(0, 16).replace('T', ' ')} · ${r.language ?? ''}`),
    r.field_source ? fieldSourcePanel(r.field_source) : null,
    sightingsPanel(r.sightings),
    s
      ? h(
          'dl',
          { class: 'facts summary' },
          h('dt', {}, 'Main incident'), h('dd', {}, [s.event_type, s.sub_event_type].filter(Boolean).join(' · ') || '–'),
          h('dt', {}, 'Where'), h('dd', {}, [s.location?.name, s.admin1, s.country].filter(Boolean).join(', ') || '–'),
          h('dt', {}, 'When'), h('dd', {}, s.date ?? '–'),
          h('dt', {}, 'Killed'), h('dd', {}, `${fmt(s.killed)}${s.killed_civilians !== null ? ` (civilians ${fmt(s.killed_civilians)})` : ''}`),
          h('dt', {}, 'Perpetrator'), h('dd', {}, chip(s.perpetrator_bloc)),
        )
      : null,
    h(
      'div',
      { class: 'event-grid' },
      h(
        'div',
        {},
        h(
          'section',
          { class: 'panel', id: 'extracted-events' },
          h('h2', {}, `Events (${events.length})`),
          events.length
            ? h('ul', { class: 'plain' }, ...events.map((e) => h('li', {}, h('a', { href: `#/events/${encodeURIComponent(e.id)}` }, `${e.date?.start ?? 'undated'} · ${e.sub_type || e.type}`), ` · ${e.location?.name ?? 'no place'} · `, chip(e.actors.find((a) => a.role === 'perpetrator')?.bloc ?? null), ` · ${fmt(e.fatalities.reduce((n, f) => n + (f.best ?? f.low ?? 0), 0))} killed`)))
            : h('p', { class: 'note' }, 'No event was found in this text.'),
        ),
        h(
          'section',
          { class: 'panel', id: 'extracted-claims' },
          h('h2', {}, `Claims (${claims.length})`),
          ...claims.map((c) => h('article', { class: 'claim-card' }, h('header', {}, h('b', { class: 'claimant' }, c.claimant), h('span', { class: `kind kind-${c.claimant_kind}` }, c.claimant_kind)), h('p', { class: 'what' }, `${c.measure} · ${c.scope} · `, c.fatalities.map((f) => `${f.group}: ${fmt(f.best ?? f.low)}`).join('; ') || '–'))),
        ),
      ),
      h('section', { class: 'panel report-text' }, h('h2', {}, 'Text'), h('p', { class: 'legend note' }, h('mark', { class: 'sentence focus' }, 'claim sentence'), ' ', h('mark', { class: 'span focus' }, 'figure read'), ' ', h('mark', { class: 'event-span' }, 'event')), h('div', { class: 'text', id: 'report-text' }, highlighted(r.text, marks))),
    ),
  );
}

/** Every outlet and page that carried the story: one report however many copies, so the copies are listed here. */
function sightingsPanel(sightings: ReportDetail['sightings']): HTMLElement {
  const n = sightings.length;
  return h(
    'section',
    { class: 'panel', id: 'sightings' },
    h('h2', {}, `Sightings (${n})`),
    h('p', { class: 'note', id: 'sightings-count' }, n === 0 ? 'No sighting is recorded for this report.' : n === 1 ? 'Seen once: no other outlet or page has carried this story.' : `${n} sightings: the same story at other outlets or pages, kept as one report.`),
    n
      ? h(
          'ul',
          { class: 'plain' },
          ...sightings.map((x) =>
            h(
              'li',
              { class: 'sighting' },
              h('b', { class: 'outlet' }, x.outlet ?? 'unknown outlet'),
              x.title ? ` · ${x.title}` : '',
              ' · ',
              x.url ? outLink(x.url) : h('span', { class: 'note' }, 'no page'),
              h('span', { class: 'note' }, ` · seen ${when(x.seen_at)}${x.similarity < 1 ? ` · a near copy (${Math.round(x.similarity * 100)}% alike)` : ''}`),
            ),
          ),
        )
      : null,
  );
}

/** Who sent a report from the ground: a pseudonym for everyone; for a source handler, a way to open the identity with a reason. */
function fieldSourcePanel(name: string): HTMLElement {
  const panel = h('section', { class: 'panel field-source', id: 'field-source' }, h('p', {}, 'Sent by ', h('b', { id: 'field-source-name' }, name), ' (a person on the ground; the identity is sealed).'));
  const n = Number(/(\d+)$/.exec(name)?.[1]);
  if (!session.sourceHandler || !n) return panel;
  const msg = h('p', { class: 'error' });
  const out = h('div', { id: 'field-identity' });
  const form = h(
    'form',
    { id: 'handler-section' },
    h('label', {}, h('span', {}, 'Why the identity is needed (logged with your name)'), h('input', { name: 'reason', required: true })),
    h('button', { type: 'submit' }, 'Show identity'),
    msg,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    msg.textContent = '';
    try {
      const id = await api.fieldSource(n, (form.elements.namedItem('reason') as HTMLInputElement).value.trim());
      clear(out, h('dl', { class: 'facts' }, ...(['name', 'contact', 'place', 'relation', 'notes'] as const).flatMap((k) => [h('dt', {}, k), h('dd', {}, id[k] ?? '–')])));
    } catch (e) {
      msg.textContent = e instanceof ApiError ? e.message : String(e);
    }
  });
  panel.append(form, out);
  return panel;
}

export async function reportView(root: HTMLElement, id: string, claim: string | null = null): Promise<void> {
  clear(root, extractionView(await api.report(id), undefined, claim));
  if (claim) document.getElementById(`s-${claim}`)?.scrollIntoView({ block: 'center' });
}

/** Reads "Title:", "Published:" and "Source:" lines at the top of an uploaded file, as `observatory ingest` does. */
function splitHeader(raw: string): { meta: Record<string, string>; body: string } {
  const lines = raw.split(/\r?\n/);
  const meta: Record<string, string> = {};
  let i = 0;
  for (; i < lines.length; i++) {
    const m = /^(Title|Published|Date|Source):\s*(.*)$/i.exec(lines[i]);
    if (!m) break;
    meta[m[1].toLowerCase() === 'date' ? 'published' : m[1].toLowerCase()] = m[2].trim();
  }
  if (i === 0 || i >= lines.length || lines[i].trim() !== '') return { meta: {}, body: raw };
  return { meta, body: lines.slice(i + 1).join('\n') };
}

export function submitView(root: HTMLElement): void {
  if (!canWrite()) {
    clear(root, h('div', { class: 'narrow' }, h('h1', {}, 'Submit a report'), h('p', { class: 'banner duplicate' }, session.role ? `Your token (${session.name}) is ${session.role}: submitting needs an analyst token.` : 'Submitting needs an analyst token: enter it at the top right.')));
    return;
  }
  const msg = h('p', { class: 'error', id: 'submit-error' });
  const file = h('input', { type: 'file', accept: '.txt,text/plain', id: 'report-file' });
  const form = h(
    'form',
    { class: 'panel submit', id: 'submit-form' },
    h('label', {}, h('span', {}, 'Report text'), h('textarea', { name: 'text', rows: 14, required: true, placeholder: 'Paste the report here, or load a .txt file below.' })),
    h('label', { class: 'file' }, h('span', {}, 'or load a text file'), file),
    h('div', { class: 'row' }, h('label', {}, h('span', {}, 'Title'), h('input', { name: 'title' })), h('label', {}, h('span', {}, 'Outlet'), h('input', { name: 'source', placeholder: 'Reuters' })), h('label', {}, h('span', {}, 'Published'), h('input', { name: 'published', type: 'date' }))),
    h(
      'fieldset',
      { id: 'field-source-fields' },
      h('legend', {}, 'From a field source (optional)'),
      h('p', { class: 'note' }, 'A person on the ground: sealed at once on the server, shown to everyone else as "field source N", readable by source handlers only.'),
      h('div', { class: 'row' }, h('label', {}, h('span', {}, 'Name'), h('input', { name: 'fs_name', autocomplete: 'off' })), h('label', {}, h('span', {}, 'Contact'), h('input', { name: 'fs_contact', autocomplete: 'off' }))),
      h('div', { class: 'row' }, h('label', {}, h('span', {}, 'Where they are'), h('input', { name: 'fs_place', autocomplete: 'off' })), h('label', {}, h('span', {}, 'Relation'), h('input', { name: 'fs_relation', autocomplete: 'off', placeholder: 'witness, medic, relative' }))),
      h('label', {}, h('span', {}, 'Notes'), h('textarea', { name: 'fs_notes', rows: 2 })),
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Extract and store'),
    msg,
  );
  const field = (n: string) => form.elements.namedItem(n) as HTMLInputElement | HTMLTextAreaElement;
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) return;
    const { meta, body } = splitHeader(await f.text());
    field('text').value = body;
    for (const k of ['title', 'source', 'published']) if (meta[k]) field(k).value = meta[k];
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    msg.textContent = '';
    const v = (n: string) => field(n).value.trim() || null;
    try {
      const name = v('fs_name');
      const fieldSource = name ? { name, contact: v('fs_contact'), place: v('fs_place'), relation: v('fs_relation'), notes: v('fs_notes') } : undefined;
      const r = await api.submit({ text: field('text').value, title: v('title'), source: v('source'), published: v('published'), field_source: fieldSource });
      history.replaceState(null, '', `#/reports/${encodeURIComponent(r.report.id)}`);
      clear(root, extractionView(r.report, r.status));
    } catch (e) {
      msg.textContent = e instanceof ApiError ? e.message : String(e);
    }
  });
  clear(root, h('div', { class: 'narrow' }, h('h1', {}, 'Submit a report'), h('p', { class: 'note' }, 'The text is read by the extraction engine (English), stored with what it found, and its events join the map and the table.'), form));
}
