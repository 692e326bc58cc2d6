// `observatory extract`: one report to one JSON document, or a JSONL batch to JSONL predictions.
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { extractCasualties } from '../../extract/extract-casualties.js';
import { extractReport, type Extraction } from '../../extract/pipeline.js';
import { isBatchError, MAX_ITEM_CHARS, parseBatchLine } from '../../extract/read-batch.js';
import { UserError } from '../user-error.js';
import { countLines } from '../count-lines.js';
import { progressBar } from '../progress.js';
import { readReportFile } from '../read-report-file.js';

interface ExtractOpts {
  published?: string;
  source?: string;
  title?: string;
  input?: string;
  output?: string;
  progress: boolean;
  explain?: boolean;
}

/** The casualty refiners' reasons, sentence by sentence, for the report just read. */
function explainCasualties(x: Extraction): string[] {
  const log: string[] = [];
  extractCasualties(x.analysis, log);
  return log;
}

export function publicView(x: Extraction) {
  return { summary: x.summary, events: x.events, claims: x.claims };
}

export async function runExtract(file: string | undefined, opts: ExtractOpts): Promise<void> {
  if (opts.published && !/^\d{4}-\d{2}-\d{2}$/.test(opts.published)) throw new UserError(`--published must be YYYY-MM-DD, got "${opts.published}"`);
  if (opts.input) {
    await runBatch(opts.input, opts.output, opts.progress);
    return;
  }
  if (!file) throw new UserError('give a report file, or --input ITEMS.jsonl for a batch');
  const text = readReportFile(file, MAX_ITEM_CHARS);
  const result = extractReport(text, { published: opts.published ?? null, source: opts.source ?? null, title: opts.title ?? null });
  const view = opts.explain ? { ...publicView(result), explain: explainCasualties(result) } : publicView(result);
  process.stdout.write(JSON.stringify(view, null, 2) + '\n');
}

/** Streams the batch: output lines come in input order, one for every non-blank input line. */
export async function runBatch(input: string, output: string | undefined, progress: boolean): Promise<{ done: number; failed: number }> {
  if (!existsSync(input)) throw new UserError(`${input}: no such file`);
  const total = countLines(input);
  const out: Writable = output ? createWriteStream(output) : process.stdout;
  const bar = progress ? progressBar(total, 'extract') : null;
  let done = 0;
  let failed = 0;
  let line = 0;
  const rl = createInterface({ input: createReadStream(input, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const raw of rl) {
    line++;
    const item = parseBatchLine(raw, line);
    if (item === null) continue;
    let record: unknown;
    if (isBatchError(item)) {
      failed++;
      record = { id: item.id, error: `${input}: ${item.error}` };
    } else {
      try {
        const x = extractReport(item.text, { published: item.published, source: item.source, title: item.title });
        record = { id: item.id, summary: x.summary, events: x.events, claims: x.claims };
        done++;
      } catch (e) {
        failed++;
        record = { id: item.id, error: `${input}: line ${line}: extraction failed: ${(e as Error).message}` };
      }
    }
    if (!out.write(JSON.stringify(record) + '\n')) await new Promise((r) => out.once('drain', r));
    bar?.tick();
  }
  bar?.stop();
  if (output) await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? reject(e) : resolve())));
  process.stderr.write(`extracted ${done} reports, ${failed} failed\n`);
  return { done, failed };
}
