// The review queue: incidents nobody has checked yet (or those in another state), weightiest first, and an
// analyst's decision on each with a comment, kept in the incident's history.
import type { ReviewState } from '../../../src/domain/review.js';
import { api, ApiError } from '../api.js';
import { clear, fmt, h } from '../dom.js';
import { canWrite } from '../session.js';

const STATES: ReviewState[] = ['unreviewed', 'verified', 'disputed', 'rejected'];
const ACTIONS: [label: string, state: ReviewState][] = [['Verify', 'verified'], ['Dispute', 'disputed'], ['Reject', 'rejected'], ['Reopen', 'unreviewed']];

export async function reviewQueue(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const state = (STATES as string[]).includes(params.get('state') ?? '') ? (params.get('state') as ReviewState) : 'unreviewed';
  const sort = params.get('sort') === 'recent' ? 'recent' : 'impact';
  const page = await api.reviewQueue({ state, sort, limit: 100 });
  const rows = page.incidents.map((r) => {
    const msg = h('span', { class: 'error' });
    const comment = h('input', { name: 'comment', placeholder: 'why (kept in the history)', required: true });
    const decide = (to: ReviewState) => async () => {
      msg.textContent = '';
      if (!comment.value.trim()) return void (msg.textContent = 'a comment is needed');
      try {
        await api.review(r.id, to, comment.value.trim());
        row.remove();
      } catch (e) {
        msg.textContent = e instanceof ApiError ? e.message : String(e);
      }
    };
    const row = h(
      'tr',
      { 'data-incident': r.id },
      h('td', { class: 'num' }, fmt(r.impact)),
      h('td', { class: 'nowrap' }, h('a', { href: `#/incidents/${encodeURIComponent(r.id)}` }, r.date_start ?? 'undated')),
      h('td', {}, [r.location, r.admin1, r.country].filter(Boolean).join(', ') || '–'),
      h('td', {}, r.sub_type),
      h('td', { class: 'num' }, r.deaths_best === null ? '?' : fmt(r.deaths_best)),
      h('td', {}, r.status),
      h('td', { class: 'num' }, fmt(r.reports)),
      h('td', { class: 'note' }, r.review ? `${r.review.state} by ${r.review.reviewer}${r.review.comment ? `: ${r.review.comment}` : ''}` : ''),
      canWrite() ? h('td', { class: 'decide' }, comment, ...ACTIONS.filter(([, to]) => to !== state).map(([label, to]) => h('button', { type: 'button', 'data-action': to, onclick: decide(to) }, label)), msg) : null,
    );
    return row;
  });
  clear(
    root,
    h(
      'div',
      {},
      h('h1', {}, 'Review'),
      h('p', { class: 'tabs' }, ...STATES.map((s) => h('a', { href: `#/review?state=${s}&sort=${sort}`, class: s === state ? 'active' : '' }, s)), ' · ', h('a', { href: `#/review?state=${state}&sort=${sort === 'impact' ? 'recent' : 'impact'}` }, sort === 'impact' ? 'newest first' : 'weightiest first')),
      h('p', { class: 'note' }, `${page.incidents.length} ${state} incidents, ${sort === 'impact' ? 'weightiest first: deaths, contested figures and changes of control' : 'newest first'}. A rejected incident leaves every tally, listing and export.`),
      h(
        'table',
        { class: 'events', id: 'review-table' },
        h('thead', {}, h('tr', {}, h('th', { class: 'num' }, 'Impact'), h('th', {}, 'Date'), h('th', {}, 'Place'), h('th', {}, 'Type'), h('th', { class: 'num' }, 'Deaths'), h('th', {}, 'Status'), h('th', { class: 'num' }, 'Reports'), h('th', {}, 'Last review'), canWrite() ? h('th', {}, 'Decision') : null)),
        h('tbody', {}, ...rows),
      ),
    ),
  );
}
