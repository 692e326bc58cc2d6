// Sources: what the desk watches (feeds, pages, folders), each with its status, last fetch, items per day over
// the last week and its errors; one source with its latest and failed items. Read-only: sources are managed with
// `observatory sources` on a machine that holds the record.
import { api, type SourceRow } from '../api.js';
import { clear, fmt, h } from '../dom.js';

export const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '–');

export const every = (s: number) => (s % 86_400 === 0 ? `${s / 86_400}d` : s % 3600 === 0 ? `${s / 3600}h` : s % 60 === 0 ? `${s / 60}m` : `${s}s`);

const STATE_TEXT: Record<SourceRow['state'], string> = { new: 'not polled yet', polling: 'polling', ok: 'ok', 'not-modified': 'ok, unchanged', failing: 'failing' };

function stateBadge(s: SourceRow): HTMLElement {
  return h('span', { class: `status source-${s.state}`, title: s.last_error ?? '' }, s.state === 'failing' ? `failing ×${s.failures}` : STATE_TEXT[s.state]);
}

/** Items per day as bars, oldest first, each with its day and count as a tooltip. */
function perDay(s: SourceRow): HTMLElement {
  const max = Math.max(1, ...s.per_day.map((d) => d.items));
  return h(
    'span',
    { class: 'per-day', 'aria-label': `items per day: ${s.per_day.map((d) => `${d.day} ${d.items}`).join(', ')}` },
    ...s.per_day.map((d) => h('span', { class: 'bar', style: `height:${Math.max(d.items ? 2 : 0, Math.round((d.items / max) * 18))}px`, title: `${d.day}: ${d.items}` })),
  );
}

export async function sourceList(root: HTMLElement): Promise<void> {
  const { now, sources } = await api.sources();
  const failing = sources.filter((s) => s.state === 'failing').length;
  clear(
    root,
    h(
      'div',
      { class: 'narrow wide' },
      h('h1', {}, 'Sources'),
      h('p', { class: 'note' }, `${sources.length} watched source${sources.length === 1 ? '' : 's'}${failing ? `, ${failing} failing` : ''} · times UTC, as of ${when(now)} · added and removed with observatory sources add|remove`),
      sources.length === 0
        ? h('p', { class: 'empty' }, 'No source is watched yet. On the machine holding the record: observatory sources add URL --kind monitor, then observatory watch.')
        : h(
            'table',
            { class: 'events', id: 'sources-table' },
            h(
              'thead',
              {},
              h('tr', {}, ...['Source', 'Kind', 'Every', 'Status', 'Last fetch', 'Next due', 'Items per day (7 days)', 'Last 24 h', 'Items', 'Reports', 'Failed', 'Last error'].map((t, i) => h('th', { class: i >= 7 && i <= 10 ? 'num' : '' }, t))),
            ),
            h(
              'tbody',
              {},
              ...sources.map((s) =>
                h(
                  'tr',
                  { 'data-source': s.name },
                  h('td', {}, h('a', { href: `#/sources/${encodeURIComponent(s.name)}` }, s.name), h('span', { class: 'actor' }, s.location)),
                  h('td', {}, h('span', { class: `kind kind-${s.kind}` }, s.kind), s.country ? h('span', { class: 'actor' }, s.country) : null),
                  h('td', { class: 'nowrap' }, every(s.interval_seconds)),
                  h('td', {}, stateBadge(s)),
                  h('td', { class: 'nowrap' }, when(s.last_fetch_at)),
                  h('td', { class: 'nowrap' }, when(s.next_due_at)),
                  h('td', {}, perDay(s)),
                  h('td', { class: 'num' }, fmt(s.items_last_day)),
                  h('td', { class: 'num' }, fmt(s.items_seen)),
                  h('td', { class: 'num' }, fmt(s.reports_ingested)),
                  h('td', { class: 'num' }, fmt(s.items_failed)),
                  h('td', { class: 'error-text' }, s.last_error ?? ''),
                ),
              ),
            ),
          ),
    ),
  );
}

export async function sourceView(root: HTMLElement, name: string): Promise<void> {
  const s = await api.source(name);
  const items = (rows: typeof s.recent, id: string) =>
    h(
      'table',
      { class: 'events', id },
      h('thead', {}, h('tr', {}, h('th', {}, 'Seen'), h('th', {}, 'Status'), h('th', {}, 'Title'), h('th', {}, 'Published'), h('th', {}, 'Outlet'), h('th', {}, 'Report or error'))),
      h(
        'tbody',
        {},
        ...rows.map((i) =>
          h(
            'tr',
            {},
            h('td', { class: 'nowrap' }, when(i.seen_at)),
            h('td', {}, i.status),
            h('td', {}, i.url ? h('a', { href: i.url, rel: 'noopener noreferrer', target: '_blank' }, i.title ?? i.url) : (i.title ?? i.key)),
            h('td', { class: 'nowrap' }, i.published ?? ''),
            h('td', {}, i.outlet ?? ''),
            h('td', {}, i.report_id ? h('a', { href: `#/reports/${encodeURIComponent(i.report_id)}` }, i.report_id) : h('span', { class: 'error-text' }, i.error ?? '')),
          ),
        ),
      ),
    );
  clear(
    root,
    h(
      'div',
      { class: 'narrow wide' },
      h('p', { class: 'crumbs' }, h('a', { href: '#/sources' }, '‹ Sources')),
      h('h1', { id: 'source-name' }, s.name),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Location'), h('dd', { class: 'mono' }, s.location),
        h('dt', {}, 'Kind'), h('dd', {}, h('span', { class: `kind kind-${s.kind}` }, s.kind), s.country ? ` · ${s.country}` : ''),
        h('dt', {}, 'Polled'), h('dd', {}, `every ${every(s.interval_seconds)}; next due ${when(s.next_due_at)}`),
        h('dt', {}, 'Status'), h('dd', {}, stateBadge(s), s.failures ? ` backed off after ${s.failures} failure${s.failures === 1 ? '' : 's'} in a row` : ''),
        h('dt', {}, 'Last fetch'), h('dd', {}, `${when(s.last_fetch_at)}${s.last_outcome ? ` · ${s.last_outcome}` : ''}${s.last_ok_at && s.last_ok_at !== s.last_fetch_at ? ` · last good ${when(s.last_ok_at)}` : ''}`),
        h('dt', {}, 'Error'), h('dd', { class: 'error-text', id: 'source-error' }, s.last_error ?? 'none'),
        h('dt', {}, 'Items'), h('dd', {}, `${fmt(s.items_seen)} seen: ${fmt(s.reports_ingested)} new reports, ${fmt(s.duplicates)} already held, ${fmt(s.items_failed)} failed; ${fmt(s.items_last_day)} in the last 24 hours`),
        h('dt', {}, 'Per day'), h('dd', {}, perDay(s), ' ', h('span', { class: 'note' }, s.per_day.map((d) => `${d.day.slice(5)}: ${d.items}`).join(' · '))),
      ),
      s.failed.length ? h('section', { class: 'panel' }, h('h2', {}, `Failed items (${s.failed.length})`), items(s.failed, 'failed-items')) : null,
      h('section', { class: 'panel' }, h('h2', {}, 'Latest items'), s.recent.length ? items(s.recent, 'recent-items') : h('p', { class: 'note' }, 'Nothing seen yet.')),
    ),
  );
}
