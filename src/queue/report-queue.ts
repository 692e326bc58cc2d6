// The report queue: pg-boss 10 on the record's own PostgreSQL database (its tables in schema "pgboss").
// A job is one report, text and metadata included, so a worker on any machine needs only the database URL.
//
// What happens when things die:
// - A worker killed mid-job (kill -9, power cut) leaves its jobs "active". Each job carries expireInSeconds (60 s):
//   the maintenance every live worker runs (every maintenanceIntervalSeconds, 20 s, once across all of them)
//   fails a job active longer than that back to "retry", and a worker takes it again after retryDelay
//   (5 s, doubling with jitter). So a dead worker's reports are taken up again within about 60 + 20 + 10 s,
//   under two minutes. A report stored just before the kill is found by its hash and completes as a duplicate.
// - A report whose extraction or storage throws is retried (retryLimit 3, backoff), then kept "failed" with its
//   error in pg-boss, and its error is written to the record's failures table too (which nothing expires).
import PgBoss from 'pg-boss';
import type { ReportMeta } from '../domain/types.js';

export const QUEUE = 'observatory-reports';
export const QUEUE_SCHEMA = 'pgboss';

export interface ReportJob {
  path: string;
  line: number;
  id: string | null;
  text: string;
  meta: ReportMeta;
  /** Where and when this copy was read (a watched source's page); see ingestItem. */
  url?: string | null;
  seenAt?: string | null;
}

export interface QueueSettings {
  /** A job active this long is taken for dead and retried. Must exceed the longest report's extraction by far. */
  expireInSeconds: number;
  /** How often the workers look for expired jobs (one of them at a time does it). */
  maintenanceIntervalSeconds: number;
  retryLimit: number;
  /** Seconds before the first retry; doubles (with jitter) each retry. */
  retryDelay: number;
}

/** The settings, each overridable from the environment (tests shorten them; see docs/postgres.md). */
export function queueSettings(env: NodeJS.ProcessEnv = process.env): QueueSettings {
  const n = (name: string, fallback: number) => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    const x = Number(v);
    if (!Number.isInteger(x) || x < 0) throw new Error(`${name} must be a whole number of seconds, got "${v}"`);
    return x;
  };
  return {
    expireInSeconds: Math.max(1, n('OBSERVATORY_QUEUE_EXPIRE_SECONDS', 60)),
    maintenanceIntervalSeconds: Math.max(1, n('OBSERVATORY_QUEUE_MAINTENANCE_SECONDS', 20)),
    retryLimit: n('OBSERVATORY_QUEUE_RETRY_LIMIT', 3),
    retryDelay: n('OBSERVATORY_QUEUE_RETRY_DELAY_SECONDS', 5),
  };
}

/**
 * pg-boss started on the database: its schema made or brought up to date, the queue made if missing.
 * `supervise` (workers only) runs the maintenance that expires the jobs of dead workers.
 */
export async function openQueue(url: string, options: { supervise: boolean; settings?: QueueSettings }): Promise<PgBoss> {
  const s = options.settings ?? queueSettings();
  const boss = new PgBoss({
    connectionString: url,
    schema: QUEUE_SCHEMA,
    application_name: 'observatory-queue',
    max: 3,
    supervise: options.supervise,
    schedule: false,
    maintenanceIntervalSeconds: s.maintenanceIntervalSeconds,
    // Done and failed jobs move to pgboss.archive after a day and are dropped from it after 30 days;
    // the record itself (reports, failures) keeps everything.
    archiveCompletedAfterSeconds: 24 * 3600,
    archiveFailedAfterSeconds: 30 * 24 * 3600,
    deleteAfterDays: 30,
  });
  boss.on('error', (e: Error) => process.stderr.write(`observatory: queue: ${e.message}\n`));
  await boss.start();
  await boss.createQueue(QUEUE, { name: QUEUE, retryLimit: s.retryLimit, retryDelay: s.retryDelay, retryBackoff: true, expireInSeconds: s.expireInSeconds });
  return boss;
}

export async function enqueueReports(boss: PgBoss, jobs: ReportJob[], settings: QueueSettings = queueSettings()): Promise<void> {
  for (let i = 0; i < jobs.length; i += 500) {
    await boss.insert(
      jobs.slice(i, i + 500).map((data) => ({
        name: QUEUE,
        data,
        retryLimit: settings.retryLimit,
        retryDelay: settings.retryDelay,
        retryBackoff: true,
        expireInSeconds: settings.expireInSeconds,
      })),
    );
  }
}

export interface QueueCounts {
  pending: number;
  running: number;
  done: number;
  failed: number;
}

export interface FailedJob {
  id: string;
  path: string;
  line: number;
  reportId: string | null;
  error: string;
  attempts: number;
  failedAt: string | null;
}

const TABLES = [`${QUEUE_SCHEMA}.job`, `${QUEUE_SCHEMA}.archive`];

export async function queueCounts(boss: PgBoss): Promise<QueueCounts> {
  const db = boss.getDb();
  const counts: QueueCounts = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const t of TABLES) {
    const { rows } = await db.executeSql(`select state::text as state, count(*)::int as n from ${t} where name = $1 group by state`, [QUEUE]);
    for (const r of rows as { state: string; n: number }[]) {
      if (r.state === 'created' || r.state === 'retry') counts.pending += r.n;
      else if (r.state === 'active') counts.running += r.n;
      else if (r.state === 'completed') counts.done += r.n;
      else if (r.state === 'failed' || r.state === 'cancelled') counts.failed += r.n;
    }
  }
  return counts;
}

/** Jobs still to do or in hand: a worker told to stop when the queue is empty waits for these. */
export async function unfinished(boss: PgBoss): Promise<number> {
  const { rows } = await boss.getDb().executeSql(`select count(*)::int as n from ${QUEUE_SCHEMA}.job where name = $1 and state in ('created', 'retry', 'active')`, [QUEUE]);
  return (rows[0] as { n: number }).n;
}

export async function failedJobs(boss: PgBoss, limit = 100): Promise<FailedJob[]> {
  const db = boss.getDb();
  const out: FailedJob[] = [];
  for (const t of TABLES) {
    const { rows } = await db.executeSql(
      `select id::text as id, data->>'path' as path, (data->>'line')::int as line, data->>'id' as report_id, output, retry_count, completed_on
         from ${t} where name = $1 and state = 'failed' order by completed_on desc nulls last limit $2`,
      [QUEUE, limit],
    );
    for (const r of rows as { id: string; path: string; line: number; report_id: string | null; output: unknown; retry_count: number; completed_on: Date | null }[]) {
      out.push({ id: r.id, path: r.path, line: r.line, reportId: r.report_id, error: errorText(r.output), attempts: r.retry_count + 1, failedAt: r.completed_on ? r.completed_on.toISOString() : null });
    }
  }
  return out.slice(0, limit);
}

function errorText(output: unknown): string {
  if (output && typeof output === 'object') {
    const o = output as { message?: unknown; value?: { message?: unknown } };
    if (typeof o.message === 'string') return o.message;
    if (o.value && typeof o.value.message === 'string') return o.value.message;
  }
  return output === null || output === undefined ? '(no error recorded)' : JSON.stringify(output);
}
