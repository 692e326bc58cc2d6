// `observatory queue --db postgres://...`: pending, running, done and failed counts, and the failed reports with their errors.
import { failedJobs, openQueue, queueCounts } from '../../queue/report-queue.js';
import { requirePostgres } from './enqueue.js';

export async function runQueue(opts: { db?: string; json?: boolean; limit?: string }): Promise<void> {
  const location = requirePostgres(opts.db);
  const boss = await openQueue(location, { supervise: false });
  try {
    const counts = await queueCounts(boss);
    const failed = await failedJobs(boss, Number(opts.limit ?? 100));
    if (opts.json) {
      process.stdout.write(JSON.stringify({ ...counts, failedJobs: failed }, null, 2) + '\n');
      return;
    }
    process.stdout.write(`pending ${counts.pending}, running ${counts.running}, done ${counts.done}, failed ${counts.failed}\n`);
    if (failed.length) {
      process.stdout.write(`\nfailed (after ${failed[0].attempts} attempt${failed[0].attempts === 1 ? '' : 's'} each at most; also kept in the failures table):\n`);
      for (const f of failed) {
        const where = f.line ? `${f.path}: line ${f.line}` : f.path;
        process.stdout.write(`  ${f.error.startsWith(where) ? f.error : `${where}: ${f.error}`}${f.reportId ? ` (item ${f.reportId})` : ''}\n`);
      }
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
