// `observatory enqueue PATH... --db postgres://...`: puts reports on the queue and returns; workers
// (`observatory worker`, on any machine) extract and store them. Each job holds the report's text, so workers
// need no access to these files. Items that cannot be read are recorded in the failures table, as ingest does.
import { isPostgresUrl } from '../../store/dialect.js';
import { enqueueReports, openQueue, queueSettings, type ReportJob } from '../../queue/report-queue.js';
import { UserError } from '../user-error.js';
import { databaseLocation, withStore } from '../with-store.js';
import { collectWork } from '../walk-inputs.js';
import { checkPublishedOption, readItems, type IngestOpts } from './ingest.js';

export async function runEnqueue(paths: string[], opts: Omit<IngestOpts, 'progress'>): Promise<{ enqueued: number; failed: number }> {
  const location = requirePostgres(opts.db);
  checkPublishedOption(opts.published);
  const work = collectWork(paths, opts);
  if (work.length === 0) throw new UserError(`no .txt or .jsonl files in ${paths.join(', ')}`);
  const settings = queueSettings();
  return withStore(location, async (store) => {
    const boss = await openQueue(location, { supervise: false, settings });
    let enqueued = 0;
    let failed = 0;
    try {
      let pending: ReportJob[] = [];
      for await (const it of readItems(work, opts)) {
        if (it.kind === 'failed') {
          failed++;
          process.stderr.write(`observatory: ${it.error}\n`);
          await store.recordFailure(it.path, it.line, it.error);
        } else if (it.kind === 'item') {
          pending.push({ path: it.path, line: it.line, id: it.id, text: it.text, meta: it.meta, url: it.url ?? null });
          if (pending.length >= 1_000) {
            await enqueueReports(boss, pending, settings);
            enqueued += pending.length;
            pending = [];
          }
        }
      }
      await enqueueReports(boss, pending, settings);
      enqueued += pending.length;
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    process.stdout.write(`enqueued ${enqueued} report${enqueued === 1 ? '' : 's'}${failed ? `, ${failed} could not be read (kept in the failures table)` : ''}; observatory worker --db URL extracts and stores them\n`);
    if (failed) throw new UserError(`${failed} item${failed === 1 ? '' : 's'} failed (listed above, and kept in the failures table)`);
    return { enqueued, failed };
  });
}

export function requirePostgres(option: string | undefined): string {
  const location = databaseLocation(option);
  if (!isPostgresUrl(location)) throw new UserError(`the queue lives in PostgreSQL: give --db postgres://... (or set OBSERVATORY_DB), not "${location}"`);
  return location;
}
