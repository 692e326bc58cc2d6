// `observatory import acled|ucdp FILE.csv`: an ACLED export or a UCDP GED file into the record, as events with
// their source, so the record's extractions can be held against the field's datasets. A bad row is recorded as a
// failure with its file and line, and skipped: it never stops the rest of the file.
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import { acledColumnName, missingAcledColumns, readAcledRow } from '../../store/acled.js';
import type { DatasetEvent, Store } from '../../store/store.js';
import { GED_COLUMNS, isGedHeader, missingGedColumns, readGedRow } from '../../store/ucdp.js';
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

/** How a file's first record is taken: as its header (the column names), or as a first row in a known order. */
type Head = { columns: string[]; firstIsRow: boolean } | { error: string };

export interface DatasetFormat {
  label: string;
  head(first: string[]): Head;
  read(row: Record<string, string>): DatasetEvent | { error: string };
}

export const FORMATS: Record<string, DatasetFormat> = {
  acled: {
    label: 'ACLED',
    head(first) {
      const missing = missingAcledColumns(first);
      return missing.length ? { error: `not an ACLED export, the header lacks ${missing.join(', ')}` } : { columns: first.map(acledColumnName), firstIsRow: false };
    },
    read: readAcledRow,
  },
  ucdp: {
    label: 'UCDP GED',
    head(first) {
      if (isGedHeader(first)) {
        const missing = missingGedColumns(first);
        return missing.length ? { error: `not a UCDP GED file, the header lacks ${missing.join(', ')}` } : { columns: first.map((h) => h.trim().toLowerCase()), firstIsRow: false };
      }
      // GED's releases without a header row are read in GED's column order.
      if (first.length === GED_COLUMNS.length) return { columns: [...GED_COLUMNS], firstIsRow: true };
      return { error: `not a UCDP GED file: no header naming id, type_of_violence, date_start, and ${first.length} fields where GED has ${GED_COLUMNS.length}` };
    },
    read: readGedRow,
  },
};

export async function runImport(format: string, file: string, opts: ImportOpts): Promise<{ added: number; duplicate: number; failed: number }> {
  const dataset = FORMATS[format];
  if (!dataset) throw new UserError(`unknown import format "${format}"; the known ones are: ${Object.keys(FORMATS).join(', ')}`);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UserError(`${file}: no such file`);
  }
  if (size === 0) throw new UserError(`${file}: the file is empty`);
  const problem = textProblem(head(file));
  if (problem) throw new UserError(`${file}: ${problem}`);
  return withStore(opts.db, (store) => importFile(store, dataset, file, opts.progress));
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

/** Reads the file into the store a batch at a time; prints and records each refused row. */
export async function importFile(store: Store, dataset: DatasetFormat, file: string, progress: boolean) {
  const bar = progress ? progressBar(Math.max(0, countLines(file) - 1), 'import') : null;
  const parser = createReadStream(file).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
  let header: string[] | null = null;
  let batch: { ev: DatasetEvent; line: number }[] = [];
  let added = 0;
  let duplicate = 0;
  let failed = 0;
  let lastLine = 0;
  const fail = async (line: number, problem: string) => {
    failed++;
    const error = `${file}: line ${line}: ${problem}`;
    process.stderr.write(`observatory: ${error}\n`);
    await store.recordFailure(file, line, error);
  };
  const store1 = async (rows: typeof batch) => {
    const r = await store.importDataset(rows.map((x) => x.ev));
    added += r.added;
    duplicate += r.duplicate;
  };
  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    batch = [];
    try {
      await store1(rows);
    } catch {
      // The database refused the batch: row by row, so one row it cannot hold costs that row only.
      for (const row of rows) {
        try {
          await store1([row]);
        } catch (e) {
          await fail(row.line, `the database refused the row (${(e as Error).message})`);
        }
      }
    }
  };
  const take = async (record: string[], line: number) => {
    bar?.tick();
    if (record.length !== header!.length) return fail(line, `${record.length} fields where the header has ${header!.length}`);
    const ev = dataset.read(Object.fromEntries(header!.map((h, i) => [h, record[i]])));
    if ('error' in ev) return fail(line, ev.error);
    batch.push({ ev, line });
    if (batch.length >= BATCH) await flush();
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // A quoted field can hold line breaks: the record starts on the line after the previous one ended.
      const line = lastLine + 1;
      lastLine = info.lines;
      if (!header) {
        const head = dataset.head(record);
        if ('error' in head) throw new UserError(`${file}: line 1: ${head.error}`);
        header = head.columns;
        if (head.firstIsRow) {
          // Without a header, a first row that does not read in the dataset's order means another file, not a bad row.
          const first = dataset.read(Object.fromEntries(header.map((h, i) => [h, record[i]])));
          if ('error' in first) throw new UserError(`${file}: line 1: not a ${dataset.label} file: it has no header, and its first row does not read as ${dataset.label}'s columns (${first.error})`);
          await take(record, line);
        }
        continue;
      }
      await take(record, line);
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
  process.stdout.write(`imported ${added} new ${dataset.label} events, ${duplicate} duplicate, ${failed} failed\n`);
  if (failed) throw new UserError(`${failed} row${failed === 1 ? '' : 's'} failed (listed above, and kept in the failures table)`);
  return { added, duplicate, failed };
}
