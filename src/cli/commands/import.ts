// `observatory import acled FILE.csv`: an ACLED export into the record, as events with their source, so the
// record's extractions can be held against ACLED's coding. Bad rows are recorded as failures and skipped.
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import { missingAcledColumns, readAcledRow, type AcledEvent } from '../../store/acled.js';
import type { Store } from '../../store/store.js';
import { countLines } from '../count-lines.js';
import { progressBar } from '../progress.js';
import { textProblem } from '../read-report-file.js';
import { UserError } from '../user-error.js';
import { withStore } from '../with-store.js';

export interface ImportOpts {
  db?: string;
  progress: boolean;
}

/** Rows per transaction: large enough to be quick, small enough that a kill loses little (a rerun skips what is held). */
const BATCH = 2_000;

export async function runImport(format: string, file: string, opts: ImportOpts): Promise<{ added: number; duplicate: number; failed: number }> {
  if (format !== 'acled') throw new UserError(`unknown import format "${format}"; the one known is: acled`);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UserError(`${file}: no such file`);
  }
  if (size === 0) throw new UserError(`${file}: the file is empty`);
  const problem = textProblem(head(file));
  if (problem) throw new UserError(`${file}: ${problem}`);
  return withStore(opts.db, (store) => importAcledFile(store, file, opts.progress));
}

function head(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const b = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
    const nl = b.lastIndexOf(10);
    return nl > 0 && b.length === buf.length ? b.subarray(0, nl + 1) : b;
  } finally {
    closeSync(fd);
  }
}

async function importAcledFile(store: Store, file: string, progress: boolean) {
  const bar = progress ? progressBar(Math.max(0, countLines(file) - 1), 'import') : null;
  const parser = createReadStream(file).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
  let header: string[] | null = null;
  let batch: AcledEvent[] = [];
  let added = 0;
  let duplicate = 0;
  let failed = 0;
  let lastLine = 0;
  const flush = async () => {
    if (!batch.length) return;
    const r = await store.importAcled(batch);
    added += r.added;
    duplicate += r.duplicate;
    batch = [];
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // A quoted field can hold line breaks: the record starts on the line after the previous one ended.
      const line = lastLine + 1;
      lastLine = info.lines;
      if (!header) {
        header = record.map((h) => h.trim().toLowerCase());
        const missing = missingAcledColumns(header);
        if (missing.length) throw new UserError(`${file}: line 1: not an ACLED export, the header lacks ${missing.join(', ')}`);
        continue;
      }
      bar?.tick();
      if (record.length !== header.length) {
        failed++;
        const error = `${file}: line ${line}: ${record.length} fields where the header has ${header.length}`;
        process.stderr.write(`observatory: ${error}\n`);
        await store.recordFailure(file, line, error);
        continue;
      }
      const row = Object.fromEntries(header.map((h, i) => [h, record[i]]));
      const ev = readAcledRow(row);
      if ('error' in ev) {
        failed++;
        const error = `${file}: line ${line}: ${ev.error}`;
        process.stderr.write(`observatory: ${error}\n`);
        await store.recordFailure(file, line, error);
        continue;
      }
      batch.push(ev);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  } catch (e) {
    if (e instanceof UserError) throw e;
    const err = e as Error & { code?: string; lines?: number };
    if (err.code?.startsWith('CSV_')) throw new UserError(`${file}: line ${err.lines ?? lastLine + 1}: not valid CSV (${err.message})`);
    throw e;
  } finally {
    bar?.stop();
  }
  if (!header) throw new UserError(`${file}: no header line`);
  process.stdout.write(`imported ${added} new ACLED events, ${duplicate} duplicate, ${failed} failed\n`);
  if (failed) throw new UserError(`${failed} row${failed === 1 ? '' : 's'} failed (listed above, and kept in the failures table)`);
  return { added, duplicate, failed };
}
