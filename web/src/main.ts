// The dashboard: a hash router over its pages (overview, incident, event, reports, submit, review, sources,
// alerts, claimant), and the token box. Routing by hash keeps every page one static file, so the same build
// works from the server and as a snapshot.
import './style.css';
import { api, ApiError, token } from './api.js';
import { clear, h } from './dom.js';
import { session } from './session.js';
import { alertList } from './views/alerts.js';
import { claimantView } from './views/claimant.js';
import { eventView } from './views/event.js';
import { incidentView } from './views/incident.js';
import { overview } from './views/overview.js';
import { reportList, reportView, submitView } from './views/reports.js';
import { reviewQueue } from './views/review.js';
import { sourceList, sourceView } from './views/sources.js';

const view = document.getElementById('view')!;
const who = document.getElementById('who')!;

async function refreshSession(): Promise<void> {
  try {
    const me = await api.me();
    session.publicRead = me.public_read;
    session.role = me.token?.role ?? null;
    session.name = me.token?.name ?? null;
    session.sourceHandler = me.token?.source_handler ?? false;
  } catch (e) {
    // A stored token that no longer works is dropped, so the desk asks for a new one instead of failing every page.
    if (e instanceof ApiError && e.status === 401 && token.get()) {
      token.set(null);
      return refreshSession();
    }
    throw e;
  }
  renderWho();
}

function renderWho(): void {
  if (session.role) {
    clear(who, h('span', { class: 'me', id: 'signed-in' }, `${session.name} · ${session.role}${session.sourceHandler ? ' · source handler' : ''}`), h('button', { type: 'button', onclick: () => (token.set(null), refreshSession().then(route)) }, 'Sign out'));
    return;
  }
  const input = h('input', { type: 'password', name: 'token', placeholder: 'API token', autocomplete: 'off', id: 'token-input' });
  const form = h('form', { id: 'token-form' }, session.publicRead ? h('span', { class: 'note' }, 'public reading · ') : null, input, h('button', { type: 'submit' }, 'Sign in'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    token.set(input.value.trim());
    try {
      await refreshSession();
      if (!session.role) throw new Error('unknown or revoked token');
      route();
    } catch {
      input.value = '';
      input.placeholder = 'unknown token: try again';
    }
  });
  clear(who, form);
}

async function route(): Promise<void> {
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query ?? '');
  const parts = (path || '/').split('/').filter(Boolean).map(decodeURIComponent);
  for (const a of document.querySelectorAll('[data-nav]')) a.classList.toggle('active', a.getAttribute('data-nav') === (parts[0] ?? 'overview') || (parts[0] === undefined && a.getAttribute('data-nav') === 'overview'));
  clear(view, h('p', { class: 'loading' }, 'Loading…'));
  try {
    if (parts[0] === 'events' && parts[1]) await eventView(view, parts[1]);
    else if (parts[0] === 'incidents' && parts[1]) await incidentView(view, parts[1]);
    else if (parts[0] === 'reports' && parts[1]) await reportView(view, parts[1], params.get('claim'));
    else if (parts[0] === 'reports') await reportList(view, params);
    else if (parts[0] === 'sources' && parts[1]) await sourceView(view, parts[1]);
    else if (parts[0] === 'sources') await sourceList(view);
    else if (parts[0] === 'alerts') await alertList(view);
    else if (parts[0] === 'claimants' && parts[1]) await claimantView(view, parts[1]);
    else if (parts[0] === 'submit') submitView(view);
    else if (parts[0] === 'review') await reviewQueue(view, params);
    else await overview(view, params);
    view.setAttribute('data-ready', location.hash);
  } catch (e) {
    const needsToken = e instanceof ApiError && e.status === 401;
    clear(view, h('div', { class: 'narrow' }, h('h1', {}, needsToken ? 'Sign in to read the desk' : 'Something went wrong'), h('p', { class: 'banner duplicate' }, e instanceof Error ? e.message : String(e)), needsToken ? h('p', {}, 'Enter an API token at the top right. An administrator makes one with: observatory token create --role viewer --name YOU') : null));
    view.setAttribute('data-ready', location.hash);
  }
}

window.addEventListener('hashchange', () => void route());
refreshSession()
  .catch(() => renderWho())
  .then(route);
