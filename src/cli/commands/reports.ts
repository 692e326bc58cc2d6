// `observatory reports`: the reports in the record, newest ingested first, with how many outlets and pages each
// was seen at; `observatory reports show ID`: one report, what was read from it, and every sighting.
import type { Writable } from 'node:stream';
import type { ReportDetail } from '../../store/store.js';
import { textTable } from '../text-table.js';
import { UserError } from '../user-error.js';
import { withReadStore } from '../with-store.js';

export interface ReportsOpts {
  db?: string;
  limit?: string;
  json?: boolean;
}

export async function runReports(action: string | undefined, id: string | undefined, opts: ReportsOpts, out: Writable = process.stdout): Promise<void> {
  if (action === undefined || action === 'list') return list(opts, out);
  if (action !== 'show') throw new UserError(`reports: the action must be list or show, got "${action}"`, 2);
  if (!id) throw new UserError('reports show: give a report id (observatory reports lists them)', 2);
  await withReadStore(opts.db, async (store) => {
    const r = await store.getReport(id);
    if (!r) throw new UserError(`no report "${id}" in the record (observatory reports lists them)`);
    out.write(opts.json ? `${JSON.stringify(r, null, 2)}\n` : formatReport(r));
  });
}

async function list(opts: ReportsOpts, out: Writable): Promise<void> {
  const limit = Number(opts.limit ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) throw new UserError(`--limit must be a whole number from 1 to 100000, got "${opts.limit}"`, 2);
  await withReadStore(opts.db, async (store) => {
    const { total, reports } = await store.listReports({ limit });
    if (opts.json) {
      out.write(`${JSON.stringify({ total, reports }, null, 2)}\n`);
      return;
    }
    out.write(textTable(['id', 'ingested', 'published', 'outlet', 'title', 'events', 'claims', 'seen at'], reports.map((r) => [r.id, r.ingested_at.slice(0, 16).replace('T', ' '), r.published ?? '', r.publisher ?? '', r.title ?? '', String(r.events), String(r.claims), String(r.sightings)]), 50));
    out.write(`${reports.length} of ${total} reports, last ingested first; "seen at": outlets and pages that carried the story\n`);
  });
}

export function formatReport(r: ReportDetail): string {
  const lines = [`${r.id}${r.title ? `  "${r.title}"` : ''}`];
  lines.push(`  outlet      ${r.publisher ?? 'unknown'}${r.published ? `, published ${r.published}` : ''}; ingested ${r.ingested_at.slice(0, 19).replace('T', ' ')}`);
  const s = r.summary;
  if (s) {
    const where = [s.location?.name, s.admin1, s.country].filter(Boolean).join(', ');
    lines.push(`  read        ${[s.event_type, s.sub_event_type].filter(Boolean).join(' / ') || 'no political violence'}${where ? ` in ${where}` : ''}${s.date ? ` on ${s.date}` : ''}; killed ${s.killed ?? 'not given'}${s.wounded !== null ? `, wounded ${s.wounded}` : ''}`);
  }
  lines.push(`  extracted   ${r.events} event${r.events === 1 ? '' : 's'}, ${r.claims} claim${r.claims === 1 ? '' : 's'} (observatory show EVENT_ID for each: ${r.extracted.events.map((e) => e.id).join(', ') || 'none'})`);
  lines.push('');
  lines.push(`Seen at ${r.sightings.length} outlet${r.sightings.length === 1 ? '' : 's'} or page${r.sightings.length === 1 ? '' : 's'}, first seen first ("alike": the copy's shingles against the report's, boilerplate left out):`);
  lines.push(
    textTable(
      ['seen', 'outlet', 'title', 'url', 'alike'],
      r.sightings.map((x) => [x.seen_at.slice(0, 16).replace('T', ' '), x.outlet ?? '', x.title ?? '', x.url ?? '', `${Math.floor(x.similarity * 100)}%`]),
      70,
    ).trimEnd(),
  );
  return `${lines.join('\n')}\n`;
}
