// `observatory worker --db postgres://... [--concurrency N] [--until-empty]`: takes reports off the queue,
// extracts and stores them. Run one on as many machines as you like; each report is stored once (the hash is
// unique in the record, a lost race is a duplicate). --concurrency N starts N worker processes (extraction is
// CPU-bound: one per core). See src/queue/report-queue.ts for what happens when a worker dies.
import { fork } from 'node:child_process';
import { ingestItem } from './ingest.js';
import { startCourier } from '../../alerts/deliver-alerts.js';
import { openQueue, QUEUE, queueSettings, unfinished, type ReportJob } from '../../queue/report-queue.js';
import { isConnectionLost } from '../../store/dialect.js';
import { openStore } from '../../store/open-store.js';
import { UserError } from '../user-error.js';
import { requirePostgres } from './enqueue.js';

export interface WorkerOpts {
  db?: string;
  concurrency?: string;
  untilEmpty?: boolean;
  batch?: string;
}

export interface WorkerCounts {
  new: number;
  sighting: number;
  duplicate: number;
  failed: number;
  retried: number;
  seconds: number;
  peakRssMiB: number;
}

const IDLE_MS = 1_000;
const OUTAGE_RETRY_MIN_MS = 250;
const OUTAGE_RETRY_MAX_MS = 5_000;

export async function runWorker(opts: WorkerOpts): Promise<void> {
  const location = requirePostgres(opts.db);
  const n = Number(opts.concurrency ?? 1);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new UserError(`--concurrency must be a whole number from 1, got "${opts.concurrency}"`);
  const batch = Number(opts.batch ?? 10);
  if (!Number.isInteger(batch) || batch < 1 || batch > 1000) throw new UserError(`--batch must be a whole number from 1 to 1000, got "${opts.batch}"`);
  if (n === 1) {
    const c = await work(location, batch, Boolean(opts.untilEmpty));
    process.stdout.write(`${line('worker', c)}\n`);
    if (process.send) process.send(c, () => process.disconnect());
    if (c.failed) throw new UserError(`${c.failed} report${c.failed === 1 ? '' : 's'} failed (listed above; kept as failed in the queue and in the failures table)`);
    return;
  }
  // N processes, each a worker of its own; their totals are summed here.
  const args = ['worker', '--db', location, '--concurrency', '1', '--batch', String(batch), ...(opts.untilEmpty ? ['--until-empty'] : [])];
  const children = Array.from({ length: n }, () => fork(process.argv[1], args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }));
  const forward = (sig: NodeJS.Signals) => () => children.forEach((c) => c.kill(sig));
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  const results = await Promise.all(
    children.map(
      (child, i) =>
        new Promise<WorkerCounts | null>((resolve) => {
          let got: WorkerCounts | null = null;
          child.on('message', (m) => (got = m as WorkerCounts));
          child.on('exit', (code) => {
            if (got) process.stdout.write(`${line(`worker ${i + 1}`, got)}\n`);
            else process.stderr.write(`observatory: worker ${i + 1} (pid ${child.pid}) ended with code ${code} before reporting\n`);
            resolve(got);
          });
        }),
    ),
  );
  process.off('SIGINT', onInt);
  process.off('SIGTERM', onTerm);
  const done = results.filter((r): r is WorkerCounts => r !== null);
  const total = done.reduce((a, c) => ({ new: a.new + c.new, sighting: a.sighting + c.sighting, duplicate: a.duplicate + c.duplicate, failed: a.failed + c.failed, retried: a.retried + c.retried, seconds: Math.max(a.seconds, c.seconds), peakRssMiB: Math.max(a.peakRssMiB, c.peakRssMiB) }), { new: 0, sighting: 0, duplicate: 0, failed: 0, retried: 0, seconds: 0, peakRssMiB: 0 });
  process.stdout.write(`${line(`${n} workers`, total)} (peak RSS is the largest worker's)\n`);
  if (done.length < n) throw new UserError(`${n - done.length} worker process${n - done.length === 1 ? '' : 'es'} did not finish; their jobs go back on the queue`);
  if (total.failed) throw new UserError(`${total.failed} report${total.failed === 1 ? '' : 's'} failed (kept as failed in the queue and in the failures table; observatory queue lists them)`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a call on the database (the record's or the queue's) until it is done. While the database cannot be reached
 * it says so once, tries again at growing intervals (to OUTAGE_RETRY_MAX_MS), and says when it is back. Any other
 * error is thrown, and so is a lost connection once the worker is stopping.
 */
async function throughOutages<T>(what: string, run: () => Promise<T>, stopping: () => boolean): Promise<T> {
  let wait = OUTAGE_RETRY_MIN_MS;
  let since: number | null = null;
  for (;;) {
    try {
      const r = await run();
      if (since !== null) process.stderr.write(`observatory: worker: the database is back after ${((performance.now() - since) / 1000).toFixed(1)} s; going on\n`);
      return r;
    } catch (e) {
      if (!isConnectionLost(e) || stopping()) throw e;
      if (since === null) {
        since = performance.now();
        process.stderr.write(`observatory: worker: the database cannot be reached while ${what} (${(e as Error).message}); trying again until it is back\n`);
      }
      await sleep(wait);
      wait = Math.min(OUTAGE_RETRY_MAX_MS, wait * 2);
    }
  }
}

function line(who: string, c: WorkerCounts): string {
  return `${who}: ${c.new} new, ${c.duplicate} duplicate, ${c.failed} failed, ${c.sighting} seen again${c.retried ? `, ${c.retried} to be retried` : ''} in ${c.seconds.toFixed(1)} s; peak RSS ${c.peakRssMiB} MiB`;
}

async function work(location: string, batch: number, untilEmpty: boolean): Promise<WorkerCounts> {
  const settings = queueSettings();
  // Through connection loss (the database restarting, a backend terminated, the network cut) the worker waits and
  // goes on: the jobs in hand stay its own, and storing a report twice is a duplicate, never a second copy. A worker
  // started while the database is away waits for it too.
  let stopping = false;
  const persist = <T>(what: string, run: () => Promise<T>) => throughOutages(what, run, () => stopping);
  const store = await persist('opening the record', () => openStore(location));
  const boss = await persist('starting the queue', () => openQueue(location, { supervise: true, settings })).catch(async (e) => {
    await store.close();
    throw e;
  });
  const counts: WorkerCounts = { new: 0, sighting: 0, duplicate: 0, failed: 0, retried: 0, seconds: 0, peakRssMiB: 0 };
  const t0 = performance.now();
  // Alerts raised by the reports stored here (or left pending by a process that died) are posted as they fall due.
  const courier = startCourier(store);
  // Ctrl-C or SIGTERM: finish the jobs in hand, mark them done, stop. (kill -9: see report-queue.ts.)
  const stop = () => {
    if (stopping) process.exit(130);
    stopping = true;
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const knownFailures = new Set((await persist('reading the failures', () => store.listFailures())).map((f) => `${f.path}\u0000${f.line}`));
    while (!stopping) {
      const jobs = await persist('taking jobs', () => boss.fetch<ReportJob>(QUEUE, { batchSize: batch, includeMetadata: true }));
      if (jobs.length === 0) {
        if (untilEmpty && (await persist('counting the jobs left', () => unfinished(boss))) === 0) break;
        await sleep(IDLE_MS);
        continue;
      }
      const done: string[] = [];
      for (const job of jobs) {
        const item = job.data;
        try {
          counts[await persist('storing a report', () => ingestItem(store, item))]++;
          if (knownFailures.delete(`${item.path}\u0000${item.line}`)) await persist('clearing a failure', () => store.clearFailure(item.path, item.line));
          done.push(job.id);
        } catch (e) {
          if (stopping && isConnectionLost(e)) throw e;
          const error = `${item.line ? `${item.path}: line ${item.line}` : item.path}: ${(e as Error).message}`;
          if (job.retryCount >= job.retryLimit) {
            counts.failed++;
            process.stderr.write(`observatory: ${error} (failed ${job.retryCount + 1} times; kept as failed)\n`);
            await persist('recording a failure', () => store.recordFailure(item.path, item.line, error));
            knownFailures.add(`${item.path}\u0000${item.line}`);
          } else {
            counts.retried++;
          }
          await persist('failing a job', () => boss.fail(QUEUE, job.id, { message: error }));
        }
      }
      if (done.length) await persist('completing jobs', () => boss.complete(QUEUE, done));
      courier.wake();
    }
  } finally {
    await courier.stop();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await boss.stop({ graceful: false, wait: true });
    await store.close();
  }
  counts.seconds = (performance.now() - t0) / 1000;
  counts.peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  return counts;
}
