// `observatory watch [--once]`: polls every watched source when it is due, on any number of machines at once.
// A watcher takes due sources by a lease in the record (Store.claimDueSources: on PostgreSQL a locked, skipped
// row per source), so each source is polled by one watcher once per interval whatever the number of watchers;
// it renews the lease while polling and lets go when done. A watcher that dies (kill -9, a lost machine) leaves
// its leases to expire (--lease), and another watcher, or the same one restarted on that machine at once, takes
// its sources up where the seen items say it stopped: each item's seen-mark is committed with its report.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Writable } from 'node:stream';
import { startCourier } from '../../alerts/deliver-alerts.js';
import { extractReport } from '../../extract/pipeline.js';
import { displayLocation, openStore } from '../../store/open-store.js';
import type { Store, WatchedSource } from '../../store/store.js';
import { nextDueAfterFailure, nextDueAfterSuccess } from '../../watch/backoff.js';
import { formatDuration, parseDuration } from '../../watch/duration.js';
import { WebClient } from '../../watch/web-client.js';
import { pollSource, type PollResult } from '../poll-source.js';
import { UserError } from '../user-error.js';
import { deliverRaised } from './alerts.js';
import { databaseLocation } from '../with-store.js';

export interface WatchOpts {
  db?: string;
  once?: boolean;
  concurrency?: string;
  hostDelay?: string;
  timeout?: string;
  maxSize?: string;
  lease?: string;
}

export interface WatchTotals {
  polls: number;
  failedPolls: number;
  new: number;
  duplicate: number;
  failedItems: number;
}

/** How often a watcher looks for due sources. */
const TICK_MS = 1_000;
const MAX_REDIRECTS = 5;

export async function runWatch(opts: WatchOpts, log: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<WatchTotals> {
  const concurrency = Number(opts.concurrency ?? 4);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UserError(`--concurrency must be a whole number from 1 to 64, got "${opts.concurrency}"`, 2);
  const seconds = (flag: string, raw: string, min: number) => {
    const v = parseDuration(raw);
    if (v === null || v < min) throw new UserError(`${flag} must be a duration of at least ${min}s (500ms is 0.5s; 90s, 10m), got "${raw}"`, 2);
    return v;
  };
  const hostDelayMs = seconds('--host-delay', opts.hostDelay ?? '2s', 0) * 1000;
  const timeoutMs = seconds('--timeout', opts.timeout ?? '30s', 0.1) * 1000;
  const leaseMs = seconds('--lease', opts.lease ?? '2m', 1) * 1000;
  const maxBytes = parseSize(opts.maxSize ?? '10MB');
  const location = databaseLocation(opts.db);
  let store: Store;
  try {
    store = await openStore(location);
  } catch (e) {
    throw new UserError(`${displayLocation(location)}: cannot open the database: ${(e as Error).message}`);
  }
  const watcher = new Watcher(store, new WebClient({ timeoutMs, maxBytes, maxRedirects: MAX_REDIRECTS, hostDelayMs }), { concurrency, leaseMs, once: Boolean(opts.once), log });
  const stop = () => {
    if (watcher.stopping) process.exit(130);
    log('stopping: the items in hand are finished, the sources let go');
    watcher.stopping = true;
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    // The extraction's data (gazetteer, lexicon) load on first use, which takes seconds of CPU: done before any
    // request, so the loading does not count against a request's time limit.
    extractReport('Shelling killed two people in Aleppo on Monday.', { published: null, source: null, title: null });
    await watcher.releaseDeadNeighbours();
    // Alerts the new reports raise are posted as they fall due while watching; a single pass posts its own first tries.
    const courier = opts.once ? null : startCourier(store);
    let totals: WatchTotals;
    try {
      totals = await watcher.run();
    } finally {
      await courier?.stop();
    }
    if (opts.once) await deliverRaised(store, new Writable({ write: (chunk, _enc, done) => (log(String(chunk).trimEnd()), done()) }));
    log(`${opts.once ? 'watched once' : 'stopped'}: ${totals.polls} poll${totals.polls === 1 ? '' : 's'}, ${totals.new} new reports, ${totals.duplicate} already held, ${totals.failedItems} items failed, ${totals.failedPolls} poll${totals.failedPolls === 1 ? '' : 's'} failed`);
    if (opts.once && totals.failedPolls) throw new UserError(`${totals.failedPolls} source${totals.failedPolls === 1 ? '' : 's'} could not be polled (shown above; observatory sources show NAME keeps the error)`);
    return totals;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await store.close();
  }
}

class Watcher {
  stopping = false;
  /** This process, unique across machines and restarts: host, pid, and a random part (pids are reused). */
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly active = new Map<string, { lost: boolean; done: Promise<void> }>();
  private readonly totals: WatchTotals = { polls: 0, failedPolls: 0, new: 0, duplicate: 0, failedItems: 0 };

  constructor(
    private readonly store: Store,
    private readonly web: WebClient,
    private readonly o: { concurrency: number; leaseMs: number; once: boolean; log: (line: string) => void },
  ) {}

  /**
   * Sources held by a watcher of this machine whose process is gone (killed, crashed) are let go at once, so a
   * watcher restarted here goes on without waiting for the dead one's leases to expire. Other machines' leases
   * are left to expire: their processes cannot be seen from here.
   */
  async releaseDeadNeighbours(): Promise<void> {
    const here = `${hostname()}:`;
    const owners = new Set((await this.store.watchedSources()).map((s) => s.lease_owner).filter((o): o is string => Boolean(o?.startsWith(here))));
    for (const owner of owners) {
      const pid = Number(owner.slice(here.length).split(':')[0]);
      if (!Number.isInteger(pid) || pid === process.pid || alive(pid)) continue;
      const n = await this.store.releaseLeases(owner);
      if (n) this.o.log(`took back ${n} source${n === 1 ? '' : 's'} held by ${owner}, a watcher of this machine that is no longer running`);
    }
  }

  async run(): Promise<WatchTotals> {
    // --once polls what is due when it starts, each source once, however long that takes.
    const start = new Date().toISOString();
    const renew = setInterval(() => void this.renew(), Math.max(250, this.o.leaseMs / 3));
    try {
      while (!this.stopping) {
        const free = this.o.concurrency - this.active.size;
        let claimed: WatchedSource[] = [];
        if (free > 0) {
          const now = new Date();
          claimed = await this.store.claimDueSources(this.owner, this.o.once ? start : now.toISOString(), new Date(now.getTime() + this.o.leaseMs).toISOString(), free);
          for (const s of claimed) this.begin(s);
        }
        if (this.o.once && claimed.length === 0 && this.active.size === 0) break;
        await Promise.race([new Promise((r) => setTimeout(r, this.o.once && claimed.length ? 0 : TICK_MS)), ...[...this.active.values()].map((a) => a.done)]);
      }
      await Promise.all([...this.active.values()].map((a) => a.done));
    } finally {
      clearInterval(renew);
      await this.store.releaseLeases(this.owner);
    }
    return this.totals;
  }

  private begin(s: WatchedSource): void {
    const entry = { lost: false, done: Promise.resolve() };
    entry.done = this.poll(s, entry).finally(() => this.active.delete(s.name));
    this.active.set(s.name, entry);
  }

  private async poll(s: WatchedSource, entry: { lost: boolean }): Promise<void> {
    const started = new Date();
    let r: PollResult;
    try {
      r = await pollSource({ store: this.store, web: this.web, stop: () => this.stopping || entry.lost }, s);
    } catch (e) {
      // Not the source's fault (the database went away, a bug): said, and the lease left to expire.
      this.o.log(`${s.name}: poll stopped: ${(e as Error).message}`);
      return;
    }
    const c = r.counts;
    this.totals.new += c.new;
    this.totals.duplicate += c.duplicate;
    this.totals.failedItems += c.failed;
    if (r.outcome === 'stopped') return;
    this.totals.polls++;
    const at = new Date();
    const counted = `${c.items} item${c.items === 1 ? '' : 's'}: ${c.new} new report${c.new === 1 ? '' : 's'}, ${c.duplicate} already held, ${c.failed} failed`;
    if (r.outcome === 'error') {
      this.totals.failedPolls++;
      const failures = s.failures + 1;
      const next = nextDueAfterFailure(at, s.interval_seconds, failures, r.retryAfter);
      await this.store.finishPoll(s.name, this.owner, { at: at.toISOString(), outcome: 'error', error: r.error, failures, next_due_at: next.toISOString() });
      this.o.log(`${s.name}: failed (${failures} in a row): ${r.error}; next try in ${formatDuration((next.getTime() - at.getTime()) / 1000)}`);
      return;
    }
    const itemError = r.errors.length ? `${r.errors.length} item${r.errors.length === 1 ? '' : 's'} failed, the last: ${r.errors[r.errors.length - 1]}` : null;
    const validators = r.outcome === 'fetched' && s.type === 'url' ? { etag: r.etag ?? null, last_modified: r.lastModified ?? null } : {};
    const held = await this.store.finishPoll(s.name, this.owner, { at: at.toISOString(), outcome: r.outcome, error: itemError, failures: 0, next_due_at: nextDueAfterSuccess(started, s.interval_seconds).toISOString(), ...validators });
    this.o.log(`${s.name}: ${r.outcome === 'not-modified' ? 'not modified' : counted}${held ? '' : ' (its lease had passed to another watcher)'}${itemError ? `; ${itemError}` : ''}`);
  }

  private async renew(): Promise<void> {
    const names = [...this.active.keys()];
    if (names.length === 0) return;
    try {
      const held = new Set(await this.store.renewLeases(this.owner, names, new Date(Date.now() + this.o.leaseMs).toISOString()));
      for (const n of names) {
        const a = this.active.get(n);
        if (a && !held.has(n)) a.lost = true;
      }
    } catch (e) {
      this.o.log(`could not renew the leases: ${(e as Error).message}`);
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Bytes in "10MB", "512KB", "1GB" or a bare number of bytes (powers of 1024). */
function parseSize(raw: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?$/i.exec(raw.trim());
  if (!m) throw new UserError(`--max-size must be a size such as 10MB or 512KB, got "${raw}"`, 2);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const bytes = Math.round(Number(m[1]) * ({ b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as Record<string, number>)[unit]);
  if (bytes < 1024) throw new UserError(`--max-size must be at least 1KB, got "${raw}"`, 2);
  return bytes;
}
