// `observatory alerts add|list|remove|log|deliver`: standing conditions on incidents, posted to a webhook when an
// incident starts to meet one (src/store/alerts.ts decides, src/alerts/deliver-alerts.ts posts).
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import { courierOptions, deliverAll, deliverDue, type Round } from '../../alerts/deliver-alerts.js';
import { parseCondition, parseWithin } from '../../domain/alert-condition.js';
import { failed } from '../../domain/input-rules.js';
import type { Store, StoredAlert } from '../../store/store.js';
import { textTable } from '../text-table.js';
import { UserError } from '../user-error.js';
import { withReadStore, withStore } from '../with-store.js';

export interface AlertsOpts {
  db?: string;
  name?: string;
  when?: string;
  country?: string;
  admin1?: string;
  bloc?: string;
  type?: string;
  within?: string;
  webhook?: string;
  limit?: string;
  wait?: boolean;
  removed?: boolean;
  json?: boolean;
}

const ACTIONS = ['add', 'list', 'remove', 'log', 'deliver'];

export async function runAlerts(action: string, arg: string | undefined, opts: AlertsOpts, out: Writable = process.stdout, err: Writable = process.stderr): Promise<void> {
  if (action === 'add') return add(opts, out, err);
  if (action === 'list') return withReadStore(opts.db, async (store) => list(await store.listAlerts({ removed: opts.removed }), opts, out));
  if (action === 'remove') {
    const which = arg ?? opts.name;
    if (!which) throw new UserError('alerts remove: give the alert\'s name or id (observatory alerts list shows them)', 2);
    return withStore(opts.db, async (store) => {
      if (!(await store.removeAlert(which))) throw new UserError(`no live alert "${which}" (observatory alerts list shows them)`);
      out.write(`removed alert ${which}: it raises nothing more; its log is kept\n`);
    });
  }
  if (action === 'log') return log(opts, out);
  if (action === 'deliver') {
    return withStore(opts.db, async (store) => {
      const r = opts.wait ? await deliverAll(store) : await deliverDue(store);
      out.write(`${roundLine(r)}\n`);
    });
  }
  throw new UserError(`alerts: the action must be one of ${ACTIONS.join(', ')}, got "${action}"`, 2);
}

/** An option's value trimmed, or null; an option given empty is a mistake worth a line. */
function given(option: string, v: string | undefined): string | null {
  if (v === undefined) return null;
  if (!v.trim()) throw new UserError(`${option} is empty`, 2);
  return v.trim();
}

async function add(opts: AlertsOpts, out: Writable, err: Writable): Promise<void> {
  const name = given('--name', opts.name);
  if (!name) throw new UserError('alerts add: --name is needed (what the desk and the log call this alert)', 2);
  if (opts.when === undefined) throw new UserError("alerts add: --when is needed, such as --when 'killed >= 10' or --when control", 2);
  const clauses = parseCondition(opts.when);
  if (failed(clauses)) throw new UserError(`--when: ${clauses.error}`, 2);
  const within = opts.within === undefined ? null : parseWithin(opts.within);
  if (within !== null && failed(within)) throw new UserError(`--within: ${within.error}`, 2);
  const webhook = webhookUrl(opts.webhook);
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  await withStore(opts.db, async (store) => {
    let alert: StoredAlert;
    try {
      alert = await store.addAlert({ name, condition: opts.when!.trim().replace(/\s+/g, ' '), country: given('--country', opts.country), admin1: given('--admin1', opts.admin1), bloc: given('--bloc', opts.bloc), type: given('--type', opts.type), withinSeconds: within, webhook, secret });
    } catch (e) {
      throw new UserError((e as Error).message);
    }
    out.write(`${secret}\n`);
    err.write(
      `alert ${alert.id} "${alert.name}": fires once for each incident that comes to meet ${describe(alert)}, posting it to ${webhook}.\n` +
        `The line above is its signing secret, shown once: each POST carries X-Observatory-Signature: sha256=HMAC-SHA256(secret, body) in hex.\n`,
    );
  });
}

function webhookUrl(raw: string | undefined): string {
  if (!raw) throw new UserError('alerts add: --webhook is needed: the http(s) URL the alerts are posted to', 2);
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UserError(`--webhook: not a URL: "${raw}"`, 2);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new UserError(`--webhook: must be an http or https URL, got "${raw}"`, 2);
  return u.toString();
}

function span(seconds: number): string {
  for (const [unit, s] of [['w', 604_800], ['d', 86_400], ['h', 3600], ['m', 60]] as const) if (seconds % s === 0) return `${seconds / s}${unit}`;
  return `${seconds}s`;
}

function describe(a: StoredAlert): string {
  const filters = [a.country && `country ${a.country}`, a.admin1 && `admin1 ${a.admin1}`, a.bloc && `perpetrator bloc ${a.bloc}`, a.type && `type ${a.type}`, a.within_seconds && `dated within ${span(a.within_seconds)}`].filter(Boolean);
  return `"${a.condition}"${filters.length ? ` (${filters.join(', ')})` : ''}`;
}

function list(alerts: StoredAlert[], opts: AlertsOpts, out: Writable): void {
  if (opts.json) {
    out.write(JSON.stringify(alerts, null, 2) + '\n');
    return;
  }
  const rows = alerts.map((a) => [a.name, a.condition, [a.country, a.admin1, a.bloc, a.type].filter(Boolean).join(', '), a.within_seconds ? span(a.within_seconds) : '', a.webhook, String(a.fired), String(a.pending), a.created_at.slice(0, 16), a.removed_at?.slice(0, 16) ?? '']);
  out.write(textTable(['name', 'when', 'filters', 'within', 'webhook', 'fired', 'pending', 'created', 'removed'], rows, 60));
  out.write(`${alerts.length} alert${alerts.length === 1 ? '' : 's'}\n`);
}

async function log(opts: AlertsOpts, out: Writable): Promise<void> {
  const limit = Number(opts.limit ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) throw new UserError(`--limit must be a whole number from 1 to 100000, got "${opts.limit}"`, 2);
  await withReadStore(opts.db, async (store: Store) => {
    const lines = await store.alertLog({ alert: opts.name, limit });
    if (opts.json) {
      out.write(JSON.stringify(lines, null, 2) + '\n');
      return;
    }
    const result = (l: (typeof lines)[number]) => (l.attempt === 0 ? 'not tried yet' : l.error === null ? `delivered (HTTP ${l.http_status})` : l.error);
    const next = (l: (typeof lines)[number]) => (l.status === 'pending' && l.next_attempt_at ? `retry at ${l.next_attempt_at.slice(0, 19).replace('T', ' ')}` : l.status);
    out.write(textTable(['at', 'alert', 'incident', 'attempt', 'result', 'ms', 'delivery now'], lines.map((l) => [l.at.slice(0, 19).replace('T', ' '), l.alert, l.incident_id, String(l.attempt), result(l), l.ms === null ? '' : String(l.ms), next(l)]), 60));
    out.write(`${lines.length} line${lines.length === 1 ? '' : 's'}, newest first\n`);
  });
}

export function roundLine(r: Round): string {
  return `alerts: ${r.delivered} delivered, ${r.failed} failed, ${r.retrying} to be retried`;
}

/** After an ingest: post what it raised (first tries only; retries wait for the next courier). Silent when nothing was due. */
export async function deliverRaised(store: Store, err: Writable = process.stderr): Promise<void> {
  const r = await deliverDue(store, courierOptions());
  if (r.delivered || r.failed || r.retrying) err.write(`observatory: ${roundLine(r)}${r.retrying ? ' (by observatory alerts deliver, serve, worker or watch)' : ''}\n`);
}
