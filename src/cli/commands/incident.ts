// `observatory incident ID`: an incident (by its id, or any of its events' ids) once reports are reconciled:
// every observation and claim, why each joined, the low / best / high figures and who made them,
// and where claimants disagree.
import type { Writable } from 'node:stream';
import { casualtyRange, type Stance } from '../../reconcile/casualty-range.js';
import type { Incident } from '../../reconcile/link-incidents.js';
import { storedIncident } from '../../store/stored-incident.js';
import type { Store } from '../../store/store.js';
import { reconcile } from '../reconciled.js';
import { UserError } from '../user-error.js';
import { exitQuietlyOnClosedPipe } from '../closed-pipe.js';
import { withReadStore } from '../with-store.js';

const DAY = 86_400_000;

export async function runIncident(id: string, opts: { db?: string; json?: boolean }, out: Writable = process.stdout): Promise<void> {
  exitQuietlyOnClosedPipe(out);
  await withReadStore(opts.db, async (store) => {
    const incident = (await incidentInRecord(store, id)) ?? (await incidentAround(store, id));
    const figures = casualtyRange(incident, 'killed', await store.rangeRules());
    if (opts.json) {
      out.write(JSON.stringify({ incident, figures }, null, 2) + '\n');
      return;
    }
    out.write(`Incident ${incident.id}: ${incident.observations.length} event(s) from ${new Set(incident.observations.map((o) => o.reportId)).size} report(s); status ${figures.status}\n\n`);
    for (const o of incident.observations) {
      out.write(`  ${o.id}  ${o.date?.start ?? '?'}  ${o.subType}  ${o.location?.name ?? '?'}${o.location?.admin1 ? ` (${o.location.admin1})` : ''}\n`);
      for (const c of o.claims) out.write(`      ${c.claimant} [${c.claimantKind}${c.claimantBloc ? `, ${c.claimantBloc}` : ''}]: ${c.fatalities.map((f) => `${f.group} ${f.best ?? f.low ?? '?'}${f.kind === 'exact' ? '' : ` (${f.kind})`}`).join(', ') || c.measure}\n        "${c.sentence}"\n`);
    }
    out.write('\nWhy they are one incident:\n');
    if (incident.links.length === 0) out.write('  (a single event)\n');
    for (const l of incident.links) out.write(`  ${l.a} + ${l.b}: ${l.why}${l.by === 'analyst' ? ' [analyst]' : ''}\n`);
    out.write('\nDeaths (low / best / high, and the claims behind each):\n');
    for (const g of figures.groups) {
      out.write(`  ${g.group}: ${g.low.value ?? '?'} / ${g.best.value ?? '?'} / ${g.high.value ?? '?'}   low ${g.low.claims.join(',') || '-'}; best ${g.best.claims.join(',') || '-'}; high ${g.high.claims.join(',') || '-'}\n`);
      for (const r of g.reasoning) out.write(`      ${r}\n`);
    }
    out.write(`  total: ${figures.total.low ?? '?'} / ${figures.total.best ?? '?'} / ${figures.total.high ?? '?'}\n`);
    if (figures.repeats.length) out.write(`  repeats counted once: ${figures.repeats.join(', ')}\n`);
    if (figures.disagreements.length) out.write('\nContested: figures that cannot both be right:\n');
    for (const x of figures.disagreements) out.write(`  ${x.group}: ${stance(x.a)} against ${stance(x.b)}\n`);
  });
}

/** The incident as the record keeps it, by its id or one of its events'. */
async function incidentInRecord(store: Store, id: string): Promise<Incident | null> {
  const incidentId = id.startsWith('i:') ? id : await store.incidentOf(id);
  if (!incidentId) return null;
  const incident = await storedIncident(store, incidentId);
  if (!incident) throw new UserError(`no incident ${id} in the record (observatory incidents lists them)`);
  return incident;
}

/** An event the record keeps no incident for (an imported ACLED event): reconciled with its neighbourhood now. */
async function incidentAround(store: Store, id: string): Promise<Incident> {
  const detail = await store.getEvent(id);
  if (!detail) throw new UserError(`no event ${id} in the record`);
  // Only the neighbourhood of the event can link to it: its country, within a week either side.
  const d = detail.event.date?.start;
  const around = d ? { from: new Date(Date.parse(d) - 7 * DAY).toISOString().slice(0, 10), to: new Date(Date.parse(d) + 7 * DAY).toISOString().slice(0, 10) } : {};
  const { incidents } = await reconcile(store, { ...around, country: detail.event.location?.country ?? undefined });
  const incident = incidents.find((i) => i.observations.some((o) => o.id === id));
  if (!incident) throw new UserError(`event ${id} is not an incident-scope event (a period total or cumulative toll links to nothing)`);
  return incident;
}

/** "SANA [state-media] says 40-199 (vague, claim c3)": who, how far their figure goes, and where it is. */
function stance(s: Stance): string {
  const range = s.high === null ? `${s.low ?? 0} or more` : s.low === s.high ? `${s.low}` : `${s.low ?? 0}-${s.high}`;
  return `${s.claimant} [${s.claimantKind}] says ${range} (${s.kind}, claim ${s.claim})`;
}
