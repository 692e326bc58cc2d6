// `observatory show EVENT_ID`: one event, every claim behind it, and each claim's sentence with its span marked.
import type { Writable } from 'node:stream';
import type { EventDetail } from '../../store/store.js';
import { markSpan } from '../mark-span.js';
import { UserError } from '../user-error.js';
import { withReadStore } from '../with-store.js';

export interface ShowOpts {
  db?: string;
  json?: boolean;
}

export async function runShow(id: string, opts: ShowOpts, out: Writable & { isTTY?: boolean } = process.stdout): Promise<void> {
  await withReadStore(opts.db, async (store) => {
    const detail = await store.getEvent(id);
    if (!detail) throw new UserError(`no event "${id}" in the record (observatory events lists them)`);
    if (opts.json) out.write(JSON.stringify(detail, null, 2) + '\n');
    else out.write(formatEvent(detail, Boolean(out.isTTY) && !process.env.NO_COLOR));
  });
}

const fig = (n: number | null) => (n === null ? '?' : String(n));

export function formatEvent(d: EventDetail, tty: boolean): string {
  const e = d.event;
  const lines: string[] = [];
  lines.push(`${e.id}  ${e.type} / ${e.sub_type}${e.external_id ? `  (${e.origin === 'ucdp' ? 'UCDP GED' : 'ACLED'} ${e.external_id})` : ''}`);
  const date = e.date ? (e.date.start === e.date.end ? e.date.start : `${e.date.start} to ${e.date.end}`) + ` (${e.date.precision})` : 'unknown';
  lines.push(`  date        ${date}`);
  if (e.location) {
    const where = [e.location.name, e.admin2, e.location.admin1, e.location.country].filter((x, i, xs) => x && xs.indexOf(x) === i).join(', ');
    const at = e.location.lat !== null && e.location.lon !== null ? ` at ${e.location.lat}, ${e.location.lon}` : '';
    lines.push(`  place       ${where}${at} (${e.location.precision})`);
  }
  if (e.actors.length) lines.push(`  actors      ${e.actors.map((a) => `${a.name} (${a.bloc}, ${a.role})`).join('; ')}`);
  const total = e.fatalities.reduce((n, f) => n + (f.best ?? f.low ?? 0), 0);
  const groups = e.fatalities.map((f) => `${f.group} ${fig(f.best ?? f.low)}${f.kind !== 'exact' ? ` (${f.kind})` : ''}`).join(', ');
  lines.push(`  fatalities  ${total}${groups ? `: ${groups}` : ''}`);
  if (e.weapon) lines.push(`  weapon      ${e.weapon}`);
  if (e.source) lines.push(`  source      ${e.source}`);
  if (e.notes) lines.push(`  notes       ${e.notes}`);
  const reports = new Map(d.reports.map((r) => [r.id, r]));
  const own = e.origin === 'extracted' ? d.reports.find((r) => d.claims.some((c) => c.report_id === r.id)) ?? d.reports[0] : undefined;
  if (own) {
    lines.push(`  report      ${own.id}${own.title ? `  "${own.title}"` : ''}${own.publisher ? `, ${own.publisher}` : ''}${own.published ? `, ${own.published}` : ''}`);
    if (e.sentence) lines.push(`  sentence    ${markSpan(own.text, e.sentence, e.span, tty)}`);
  }
  lines.push('');
  lines.push(`${d.claims.length} claim${d.claims.length === 1 ? '' : 's'} behind it:`);
  for (const c of d.claims) {
    const figures = c.fatalities.map((f) => `${f.group} ${fig(f.best ?? f.low)}`).join(', ');
    lines.push(`  ${c.id}  ${c.claimant} (${c.claimant_kind}) says: ${c.measure}, ${c.scope}${figures ? `, ${figures}` : ''}${c.date ? `, ${c.date.start}${c.date.end !== c.date.start ? `..${c.date.end}` : ''}` : ''}  [${c.rule}]`);
    const report = c.report_id ? reports.get(c.report_id) : undefined;
    if (report && c.sentence) lines.push(`      ${markSpan(report.text, c.sentence, c.span, tty)}`);
    else if (c.sentence) lines.push(`      ${c.sentence}`);
  }
  return lines.join('\n') + '\n';
}
