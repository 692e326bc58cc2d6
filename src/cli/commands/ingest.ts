// `observatory ingest PATH...`: reports (text files, folders, JSONL batches) into the record.
// One transaction per report, so a kill at any moment leaves whole reports only, and a second run
// skips what is held (same normalized-text hash) and finishes the rest. Failed items are recorded and skipped.
import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { extractReport } from '../../extract/pipeline.js';
import { normalizeText } from '../../extract/normalize-text.js';
import { isBatchError, MAX_ITEM_CHARS, parseBatchLine } from '../../extract/read-batch.js';
import { checkFieldSource, type SealedFieldSource } from '../../domain/field-source.js';
import { checkReport, failed, publishedDate } from '../../domain/input-rules.js';
import type { ReportMeta } from '../../domain/types.js';
import { textHash } from '../../store/report-rows.js';
import { sealFieldSource } from '../../store/source-vault.js';
import type { IngestResult, IngestStatus, Store, WatchedItem } from '../../store/store.js';
import { countLines } from '../count-lines.js';
import { deliverRaised } from './alerts.js';
import { progressBar, type Progress } from '../progress.js';
import { readReportFile, textProblem } from '../read-report-file.js';
import { splitReportHeader } from '../report-header.js';
import { UserError } from '../user-error.js';
import { collectWork, type Work } from '../walk-inputs.js';
import { withStore } from '../with-store.js';
import { sourceKeyOption } from './source-key-option.js';

export interface IngestOpts {
  db?: string;
  published?: string;
  source?: string;
  title?: string;
  progress: boolean;
  followSymlinks?: boolean;
  /** The person on the ground who sent these reports: sealed with the field-source key before anything is read. */
  fieldSource?: string;
  fieldContact?: string;
  fieldPlace?: string;
  fieldRelation?: string;
  fieldNotes?: string;
  keyFile?: string;
}

export interface IngestCounts {
  new: number;
  /** Stories the record held, seen at another outlet or page: one more sighting each. */
  sighting: number;
  duplicate: number;
  failed: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A batch file is read whole for its encoding check only below this size; larger ones get their head checked. */
const WHOLE_CHECK_BYTES = 64 * 1024 * 1024;

export async function runIngest(paths: string[], opts: IngestOpts): Promise<IngestCounts> {
  checkPublishedOption(opts.published);
  const fieldSource = sealedFieldSource(opts);
  const work = collectWork(paths, opts);
  if (work.length === 0) throw new UserError(`no .txt or .jsonl files in ${paths.join(', ')}`);
  return withStore(opts.db, (store) => ingestWork(store, work, opts, fieldSource));
}

/** --field-source and its details, sealed; refused (nothing stored) without a key. */
function sealedFieldSource(opts: IngestOpts): SealedFieldSource | undefined {
  const given = [opts.fieldContact, opts.fieldPlace, opts.fieldRelation, opts.fieldNotes].some((v) => v !== undefined);
  if (opts.fieldSource === undefined) {
    if (given) throw new UserError('--field-contact, --field-place, --field-relation and --field-notes go with --field-source NAME', 2);
    return undefined;
  }
  const identity = checkFieldSource({ name: opts.fieldSource, contact: opts.fieldContact, place: opts.fieldPlace, relation: opts.fieldRelation, notes: opts.fieldNotes });
  if ('error' in identity) throw new UserError(identity.error, 2);
  return sealFieldSource(sourceKeyOption(opts, true), identity);
}

/** --published, when given, under the rules every door applies (src/domain/input-rules.ts). */
export function checkPublishedOption(published: string | undefined): void {
  if (published === undefined) return;
  const day = publishedDate('--published', published);
  if (failed(day)) throw new UserError(day.error);
}

/** An item under the rules every door applies: cleaned, or failed with the reason, naming file and line. */
function checked(item: Extract<ReportItem, { kind: 'item' }>): ReportItem {
  const r = checkReport({ text: item.text, ...item.meta });
  if (failed(r)) return { kind: 'failed', path: item.path, line: item.line, error: `${item.line ? `${item.path}: line ${item.line}` : item.path}: ${r.error}` };
  return { ...item, text: r.text, meta: { published: r.published, source: r.source, title: r.title } };
}

/** One report read from the inputs, or why an input could not be read (line 0: a whole file), or a blank batch line. */
export type ReportItem =
  | { kind: 'item'; path: string; line: number; id: string | null; text: string; meta: ReportMeta; url?: string | null }
  | { kind: 'failed'; path: string; line: number; error: string }
  | { kind: 'blank' };

/** The reports in the inputs, in order, one at a time (a batch is streamed): what ingest and enqueue share. */
export async function* readItems(work: Work[], opts: Pick<IngestOpts, 'published' | 'source' | 'title'>): AsyncGenerator<ReportItem> {
  for (const w of work) {
    if (w.kind === 'unreadable') {
      yield { kind: 'failed', path: w.path, line: 0, error: w.error };
    } else if (w.kind === 'text') {
      let raw: string;
      try {
        raw = readReportFile(w.path, MAX_ITEM_CHARS);
      } catch (e) {
        yield { kind: 'failed', path: w.path, line: 0, error: (e as Error).message };
        continue;
      }
      const { meta, body } = splitReportHeader(raw);
      if (meta.published && !DATE.test(meta.published)) {
        yield { kind: 'failed', path: w.path, line: 0, error: `${w.path}: line ${headerLine(raw, 'published')}: Published must be YYYY-MM-DD, got "${meta.published}"` };
      } else if (body.trim() === '') {
        yield { kind: 'failed', path: w.path, line: 0, error: `${w.path}: the report has a header and no text` };
      } else {
        yield checked({ kind: 'item', path: w.path, line: 0, id: null, text: body, meta: { published: meta.published ?? opts.published ?? null, source: meta.source ?? opts.source ?? null, title: meta.title ?? opts.title ?? null } });
      }
    } else {
      const problem = batchProblem(w.path);
      if (problem) {
        yield { kind: 'failed', path: w.path, line: 0, error: `${w.path}: ${problem}` };
        continue;
      }
      let line = 0;
      const rl = createInterface({ input: createReadStream(w.path, { encoding: 'utf8' }), crlfDelay: Infinity });
      try {
        for await (const raw of rl) {
          line++;
          const parsed = parseBatchLine(raw, line);
          if (parsed === null) yield { kind: 'blank' };
          else if (isBatchError(parsed)) yield { kind: 'failed', path: w.path, line, error: `${w.path}: ${parsed.error}` };
          else yield checked({ kind: 'item', path: w.path, line, id: parsed.id, text: parsed.text, meta: { published: parsed.published, source: parsed.source, title: parsed.title }, url: parsed.url });
        }
      } finally {
        rl.close();
      }
    }
  }
}

/** Total items in the inputs, for a progress bar. */
export function countItems(work: Work[]): number {
  return work.reduce((n, w) => n + (w.kind === 'batch' ? safeCountLines(w.path) : 1), 0);
}

/** One report to ingest, as every door hands it over: batch and folder items, queued jobs, and watched sources
 * (which also say where the copy was read, `url`, and when, `seenAt`, an ISO time; by default, now). */
export interface IngestJob {
  path: string;
  line: number;
  id: string | null;
  text: string;
  meta: ReportMeta;
  url?: string | null;
  seenAt?: string | null;
}

/**
 * Extracts and stores one report; a text the record holds (its own, or another outlet's copy of one) is recognised
 * by its hash before the (expensive) extraction and becomes a sighting. Shared by ingest, the queue's workers and
 * the watcher, whose item (`seen`) is marked seen with the report, in its transaction.
 */
export async function ingestItem(store: Store, job: IngestJob, from: { fieldSource?: SealedFieldSource; seen?: WatchedItem } = {}): Promise<IngestStatus> {
  return (await ingestItemAs(store, job, from)).status;
}

/** ingestItem, saying which report the item became or was recognised as. */
export async function ingestItemAs(store: Store, job: IngestJob, from: { fieldSource?: SealedFieldSource; seen?: WatchedItem } = {}): Promise<Pick<IngestResult, 'status' | 'reportId'>> {
  // A queued job may come from any producer, so the rules are applied here too (the same, so twice changes nothing).
  const fields = checkReport({ text: job.text, published: job.meta.published, source: job.meta.source, title: job.meta.title });
  if (failed(fields)) throw new Error(fields.error);
  const meta: ReportMeta = { published: fields.published, source: fields.source, title: fields.title, publisher_kind: job.meta.publisher_kind ?? null };
  const sighting = { url: job.url ?? null, seenAt: job.seenAt ?? null };
  // A held text from a field source still goes to the store, which links the source to the report it holds.
  if (!from.fieldSource) {
    const held = await store.sightReport(textHash(normalizeText(fields.text)), { outlet: meta.source, title: meta.title, ...sighting });
    if (held) {
      if (from.seen) await store.markItem(from.seen, 'duplicate', { reportId: held.reportId });
      return held;
    }
  }
  const x = extractReport(fields.text, meta);
  return store.ingestReport({ text: x.analysis.text, meta, extraction: { summary: x.summary, events: x.events, claims: x.claims }, origin: { path: job.path, line: job.line || null, id: job.id }, fieldSource: from.fieldSource, seen: from.seen, sighting });
}

async function ingestWork(store: Store, work: Work[], opts: IngestOpts, fieldSource?: SealedFieldSource): Promise<IngestCounts> {
  const counts: IngestCounts = { new: 0, sighting: 0, duplicate: 0, failed: 0 };
  const knownFailures = new Set((await store.listFailures()).map((f) => `${f.path}\u0000${f.line}`));
  const total = countItems(work);
  const bar: Progress = opts.progress ? progressBar(total, 'ingest') : { tick() {}, stop() {} };
  // Ctrl-C stops after the report in hand: its transaction commits or never started, and a rerun goes on from there.
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
  };
  process.on('SIGINT', onSigint);

  const fail = async (path: string, line: number, error: string) => {
    counts.failed++;
    bar.stop();
    process.stderr.write(`observatory: ${error}\n`);
    await store.recordFailure(path, line, error);
  };

  try {
    for await (const it of readItems(work, opts)) {
      if (interrupted) break;
      if (it.kind === 'failed') {
        await fail(it.path, it.line, it.error);
      } else if (it.kind === 'item') {
        try {
          counts[await ingestItem(store, it, { fieldSource })]++;
          if (knownFailures.has(`${it.path}\u0000${it.line}`)) await store.clearFailure(it.path, it.line);
        } catch (e) {
          await fail(it.path, it.line, `${it.line ? `${it.path}: line ${it.line}` : it.path}: ${(e as Error).message}`);
        }
      }
      bar.tick();
    }
  } finally {
    bar.stop();
    process.off('SIGINT', onSigint);
  }
  const c = await store.counts();
  process.stdout.write(
    `${interrupted ? 'interrupted: ' : ''}ingested ${counts.new} new, ${counts.duplicate} duplicate, ${counts.failed} failed, ${counts.sighting} seen again (a held story at another outlet or page); the record holds ${c.reports} reports, ${c.events} events, ${c.claims} claims\n`,
  );
  await deliverRaised(store);
  if (interrupted) throw new UserError('interrupted; run the same command again to finish');
  if (counts.failed) throw new UserError(`${counts.failed} item${counts.failed === 1 ? '' : 's'} failed (listed above, and kept in the failures table)`);
  return counts;
}

function safeCountLines(path: string): number {
  try {
    return countLines(path);
  } catch {
    return 0;
  }
}

function batchProblem(path: string): string | null {
  let buf: Buffer;
  try {
    const size = statSync(path).size;
    if (size === 0) return 'the file is empty';
    buf = size <= WHOLE_CHECK_BYTES ? readFileSync(path) : readHead(path);
  } catch (e) {
    return `cannot read: ${(e as Error).message}`;
  }
  return textProblem(buf);
}

function readHead(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(65536);
    const head = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
    // Cut at a line end so a character split by the 64 KB boundary is not taken for bad UTF-8.
    const nl = head.lastIndexOf(10);
    return nl > 0 ? head.subarray(0, nl + 1) : head;
  } finally {
    closeSync(fd);
  }
}

function headerLine(raw: string, key: string): number {
  const i = raw.split(/\r?\n/).findIndex((l) => l.toLowerCase().startsWith(`${key}:`));
  return i + 1;
}
