// One incident: what happened by the reconciled record, deaths low / best / high per group with every figure
// a link to the sentence it was read from, where claimants disagree, why its reports' events are one, the
// events themselves, and every claim behind them.
import { api, type IncidentDetail } from '../api.js';
import { clear, fmt, h } from '../dom.js';
import { claimantHref } from './claimant.js';
import { chip } from './overview.js';

type Claim = IncidentDetail['claims'][number];
type Figure = { value: number | null; claims: string[] };

/** The report view with the claim's sentence and figure marked; an imported event has no report text, so its event page. */
function claimHref(c: Claim, d: IncidentDetail): string {
  if (c.report_id) return `#/reports/${encodeURIComponent(c.report_id)}?claim=${encodeURIComponent(c.id)}`;
  const e = d.events.find((x) => x.claims.includes(c.id));
  return e ? `#/events/${encodeURIComponent(e.id)}` : '#/';
}

export async function incidentView(root: HTMLElement, id: string): Promise<void> {
  render(root, await api.incident(id));
}

function render(root: HTMLElement, d: IncidentDetail): void {
  const i = d.incident;
  const claims = new Map(d.claims.map((c) => [c.id, c]));
  const place = [i.location, i.admin1, i.country].filter((x, k, xs) => x && xs.indexOf(x) === k).join(', ');
  const dates = i.date_start ? `${i.date_start}${i.date_end && i.date_end !== i.date_start ? ` – ${i.date_end}` : ''}${i.date_precision ? ` (${i.date_precision})` : ''}` : 'undated';
  const eventName = (eventId: string) => {
    const e = d.events.find((x) => x.id === eventId);
    const report = d.reports.find((r) => r.id === e?.report_id);
    return `${report?.publisher ?? 'unknown outlet'}: ${e?.sub_type ?? eventId}`;
  };

  /** A figure, linked to the sentence of the first claim that gives it, and the others behind it numbered after. */
  const figureLinks = (f: Figure, what: string) => {
    const behind = f.claims.map((cid) => claims.get(cid)).filter((c): c is Claim => Boolean(c));
    if (f.value === null || behind.length === 0) return fmt(f.value);
    const title = (c: Claim) => `${what} from ${c.claimant}: ${c.sentence}`;
    return [
      h('a', { href: claimHref(behind[0], d), class: 'fig-link', 'data-claim': behind[0].id, title: title(behind[0]) }, fmt(f.value)),
      ...behind.slice(1).map((c, k) => h('sup', {}, ' ', h('a', { href: claimHref(c, d), class: 'fig-link', 'data-claim': c.id, title: title(c) }, String(k + 2)))),
    ];
  };

  const t = d.figures.total;
  const figures = h(
    'section',
    { class: 'panel figures', id: 'figures' },
    h('h2', {}, 'Killed: low / best / high'),
    h('div', { class: 'big' }, h('div', {}, h('span', { class: 'lbl' }, 'low'), h('span', { class: 'val', 'data-fig': 'low' }, fmt(t.low))), h('div', { class: 'best' }, h('span', { class: 'lbl' }, 'best'), h('span', { class: 'val', 'data-fig': 'best' }, fmt(t.best))), h('div', {}, h('span', { class: 'lbl' }, 'high'), h('span', { class: 'val', 'data-fig': 'high' }, fmt(t.high)))),
    h('p', {}, h('span', { class: `status ${d.figures.status}` }, d.figures.status), ` · ${i.reports} report${i.reports === 1 ? '' : 's'} · ${d.figures.claimants.length} claimant${d.figures.claimants.length === 1 ? '' : 's'}${t.vague ? ' · only vague words: the least they say' : ''}`),
    d.figures.groups.length
      ? [
          h(
            'table',
            { class: 'groups', id: 'group-figures' },
            h('thead', {}, h('tr', {}, h('th', {}, 'group'), h('th', { class: 'num' }, 'low'), h('th', { class: 'num' }, 'best'), h('th', { class: 'num' }, 'high'), h('th', {}, 'how'))),
            h('tbody', {}, ...d.figures.groups.map((g) => h('tr', { 'data-group': g.group }, h('td', {}, g.group), h('td', { class: 'num' }, figureLinks(g.low, `low for ${g.group}`)), h('td', { class: 'num' }, h('b', {}, figureLinks(g.best, `best for ${g.group}`))), h('td', { class: 'num' }, figureLinks(g.high, `high for ${g.group}`)), h('td', { class: 'how' }, g.reasoning.join('; '))))),
          ),
          h('p', { class: 'note' }, 'Each figure opens the report at the sentence it was read from; the total is the groups added up, or a count of people when larger.'),
        ]
      : h('p', { class: 'note' }, 'No report gives a count of the dead.'),
    d.figures.repeats.length ? h('p', { class: 'note' }, `Counted once: ${d.figures.repeats.length} repeat${d.figures.repeats.length === 1 ? '' : 's'} of the same claimant's same figure.`) : null,
  );

  const stance = (s: IncidentDetail['figures']['disagreements'][number]['a']) => {
    const c = claims.get(s.claim);
    const range = s.high === null ? `${fmt(s.low ?? 0)} or more` : s.low === s.high ? fmt(s.low) : `${fmt(s.low ?? 0)}–${fmt(s.high)}`;
    return [h('b', {}, s.claimant), ` (${s.claimantKind}) says `, c ? h('a', { href: claimHref(c, d), class: 'fig-link', 'data-claim': c.id }, range) : range];
  };
  const disagreements = d.figures.disagreements.length
    ? h('section', { class: 'panel', id: 'disagreements' }, h('h2', {}, 'Contested: figures that cannot both be right'), h('ul', { class: 'plain' }, ...d.figures.disagreements.map((x) => h('li', {}, `${x.group}: `, stance(x.a), ' against ', stance(x.b)))))
    : null;

  const links = h(
    'section',
    { class: 'panel', id: 'links' },
    h('h2', {}, 'Why these are one incident'),
    d.links.length
      ? h('ul', { class: 'plain' }, ...d.links.map((l) => h('li', { 'data-link': `${l.a} ${l.b}` }, h('a', { href: `#/events/${encodeURIComponent(l.a)}` }, eventName(l.a)), ' + ', h('a', { href: `#/events/${encodeURIComponent(l.b)}` }, eventName(l.b)), `: ${l.why}`, l.by === 'analyst' ? h('span', { class: 'kind' }, 'analyst') : null)))
      : h('p', { class: 'note' }, 'One event from one report: nothing to link.'),
  );

  const events = h(
    'section',
    { class: 'panel', id: 'incident-events' },
    h('h2', {}, `Reports' events (${d.events.length})`),
    h(
      'ul',
      { class: 'plain' },
      ...d.events.map((e) => {
        const report = d.reports.find((r) => r.id === e.report_id);
        return h(
          'li',
          { 'data-event': e.id },
          h('a', { href: `#/events/${encodeURIComponent(e.id)}` }, `${e.date?.start ?? 'undated'} · ${e.sub_type || e.type}`),
          ` · ${e.location?.name ?? 'no place'} · `,
          e.fatalities.map((f) => `${f.group}: ${fmt(f.best ?? f.low)}${f.kind !== 'exact' ? ` (${f.kind})` : ''}`).join('; ') || 'no count',
          report ? [' · ', h('a', { href: `#/reports/${encodeURIComponent(report.id)}` }, report.title ?? '(untitled)'), h('span', { class: 'note' }, ` ${report.publisher ?? 'unknown outlet'}, ${report.published ?? 'undated'}`)] : null,
        );
      }),
    ),
  );

  const claimCards = h(
    'section',
    { class: 'panel', id: 'claims' },
    h('h2', {}, `Claims (${d.claims.length})`),
    ...d.claims.map((c) =>
      h(
        'article',
        { class: 'claim-card', 'data-claim': c.id },
        h('header', {}, i.claimants.includes(c.claimant) ? h('a', { href: claimantHref(c.claimant), class: 'claimant' }, h('b', {}, c.claimant)) : h('b', { class: 'claimant' }, c.claimant), h('span', { class: `kind kind-${c.claimant_kind}` }, c.claimant_kind), c.claimant_bloc ? h('span', { class: 'note' }, ` speaks for ${c.claimant_bloc}`) : null, c.publisher ? h('span', { class: 'note' }, ` via ${c.publisher}`) : null),
        h('p', { class: 'what' }, `${c.measure} · ${c.scope} · `, c.fatalities.map((f) => `${f.group}: ${fmt(f.best ?? f.low)}${f.kind !== 'exact' ? ` (${f.kind})` : ''}`).join('; ') || '–', d.figures.repeats.includes(c.id) ? ' · a repeat, counted once' : ''),
        h('blockquote', {}, c.sentence),
        h('a', { href: claimHref(c, d), class: 'jump' }, 'show in the report ›'),
        h('span', { class: 'rule note' }, c.rule),
      ),
    ),
  );

  const perp = i.perpetrator_actor ?? null;
  clear(
    root,
    h(
      'div',
      { class: 'event-page incident-page' },
      h('p', { class: 'crumbs' }, h('a', { href: '#/' }, '‹ Overview')),
      h('h1', {}, `${i.sub_type || i.type}${place ? ` in ${place}` : ''}`),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Date'), h('dd', {}, dates),
        h('dt', {}, 'Type'), h('dd', {}, `${i.type} · ${i.sub_type}`),
        h('dt', {}, 'Place'), h('dd', {}, place || 'unknown', i.geo_precision ? ` (${i.geo_precision})` : ''),
        h('dt', {}, 'Perpetrator'), h('dd', {}, chip(i.perpetrator_bloc), perp ? ` ${perp}` : ''),
        h('dt', {}, 'Actors'), h('dd', {}, i.actors.map((a) => `${a.name} (${a.role}, ${a.bloc})`).join('; ') || '–'),
        h('dt', {}, 'Weapon'), h('dd', {}, i.weapon ?? '–'),
        h('dt', {}, 'Claimants'), h('dd', { id: 'incident-claimants' }, i.claimants.length ? i.claimants.flatMap((c, k) => [k ? '; ' : '', h('a', { href: claimantHref(c), class: 'claimant-link' }, c)]) : '–'),
        h('dt', {}, 'Incident id'), h('dd', { class: 'mono', id: 'incident-id' }, i.id),
      ),
      h('div', { class: 'event-grid' }, h('div', {}, figures, disagreements, links, events), claimCards),
    ),
  );
}
