// `observatory reextract [--since DATE] [--dry-run]`: every stored report read again with the current engine
// (after a rule or data change), each in its own transaction. What people decided is kept: corrected fields keep
// the analyst's value, matched events keep their ids (their incidents, reviews and links), and where the engine
// now reads a corrected field differently the conflict is listed. A report whose decided-about event the engine
// no longer reads is left as it is, and listed.
import type { Writable } from 'node:stream';
import { extractReport } from '../../extract/pipeline.js';
import type { ReextractResult } from '../../store/store.js';
import { progressBar, type Progress } from '../progress.js';
import { textTable } from '../text-table.js';
import { UserError } from '../user-error.js';
import { withStore } from '../with-store.js';

export interface ReextractOpts {
  db?: string;
  since?: string;
  dryRun?: boolean;
  json?: boolean;
  progress: boolean;
}

export async function runReextract(opts: ReextractOpts, out: Writable = process.stdout): Promise<ReextractResult[]> {
  if (opts.since !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(opts.since) || Number.isNaN(Date.parse(opts.since)))) throw new UserError(`--since must be a date YYYY-MM-DD, got "${opts.since}"`, 2);
  return withStore(opts.db, async (store) => {
    const bar: Progress = opts.progress ? progressBar((await store.counts()).reports, 'reextract') : { tick() {}, stop() {} };
    const results: ReextractResult[] = [];
    try {
      for await (const r of store.reportsToReextract(opts.since)) {
        const x = extractReport(r.text, r.meta);
        results.push(await store.reextractReport(r.id, { text: x.analysis.text, meta: r.meta, extraction: { summary: x.summary, events: x.events, claims: x.claims } }, { dryRun: opts.dryRun }));
        bar.tick();
      }
    } finally {
      bar.stop();
    }
    if (opts.json) {
      out.write(JSON.stringify(results.filter((r) => r.status !== 'unchanged'), null, 2) + '\n');
      return results;
    }
    const count = (s: ReextractResult['status']) => results.filter((r) => r.status === s).length;
    const touched = results.filter((r) => r.status !== 'unchanged');
    if (touched.length) {
      out.write(
        textTable(
          ['report', 'status', 'events before', 'after', 'added', 'gone', 'changed', 'claims before', 'after', 'conflicts'],
          touched.map((r) => [r.reportId, r.status, String(r.events.before), String(r.events.after), String(r.events.added), String(r.events.gone), String(r.events.changed), String(r.claims.before), String(r.claims.after), String(r.conflicts.length)]),
        ),
      );
    }
    const conflicts = results.flatMap((r) => r.conflicts.map((c) => ({ report: r.reportId, ...c })));
    if (conflicts.length) {
      const show = (v: unknown) => (v === null || v === undefined ? '–' : typeof v === 'string' ? v : JSON.stringify(v));
      out.write('\nConflicts (the analyst\'s value is kept; the engine now reads otherwise):\n');
      out.write(textTable(['event', 'field', 'engine before', 'engine now', 'kept'], conflicts.map((c) => [c.event, c.field === 'event' ? 'whole event (no longer read: report held back)' : c.field, show(c.engineBefore), show(c.engineNow), show(c.kept)]), 50));
    }
    out.write(`${opts.dryRun ? 'dry run: ' : ''}${results.length} reports read again: ${count('changed')} ${opts.dryRun ? 'would change' : 'changed'}, ${count('unchanged')} unchanged, ${count('held-back')} held back; ${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'}\n`);
    return results;
  });
}
