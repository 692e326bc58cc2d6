// `observatory tally`: reconciled deaths per side, region, perpetrator or month, with low / best /
// high, the incidents and claimants behind each row (and how many of the incidents give only vague
// words, whose low counts as best); then each stated period total against the incidents the record
// holds for its period.
import type { Writable } from 'node:stream';
import { checkPeriodTotals, reckon, tally, type TallyBy } from '../../reconcile/tally.js';
import type { EventFilter } from '../../store/store.js';
import { leftOutLine } from '../left-out.js';
import { reconcile } from '../reconciled.js';
import { textTable } from '../text-table.js';
import { UserError } from '../user-error.js';
import { exitQuietlyOnClosedPipe } from '../closed-pipe.js';
import { withReadStore } from '../with-store.js';

export interface TallyOpts {
  db?: string;
  by: string;
  from?: string;
  to?: string;
  country?: string;
  format: string;
  periods?: boolean;
  verified?: boolean;
}

const BY: TallyBy[] = ['bloc', 'admin1', 'country', 'actor', 'month'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function runTally(opts: TallyOpts, out: Writable = process.stdout): Promise<void> {
  exitQuietlyOnClosedPipe(out);
  if (!BY.includes(opts.by as TallyBy)) throw new UserError(`--by must be one of ${BY.join(', ')}, got "${opts.by}"`);
  for (const k of ['from', 'to'] as const) if (opts[k] !== undefined && !DATE.test(opts[k]!)) throw new UserError(`--${k} must be a date YYYY-MM-DD, got "${opts[k]}"`);
  if (opts.format !== 'table' && opts.format !== 'json') throw new UserError(`--format must be table or json, got "${opts.format}"`);
  await withReadStore(opts.db, async (store) => {
    // The whole record is reconciled (an incident may be told by reports outside the window), then filtered.
    const scope: EventFilter = { country: opts.country, review: opts.verified ? 'verified' : undefined };
    const { observations, incidents, rules } = await reconcile(store, scope);
    const leftOut = await leftOutLine(store, { ...scope, from: opts.from, to: opts.to });
    const reckoned = reckon(incidents, rules);
    const rows = tally(reckoned, opts.by as TallyBy, { from: opts.from, to: opts.to, country: opts.country });
    const periods = checkPeriodTotals(observations, reckoned).filter((p) => (!opts.from || p.period.end >= opts.from) && (!opts.to || p.period.start <= opts.to));
    if (opts.format === 'json') {
      out.write(JSON.stringify({ by: opts.by, rows, periodTotals: periods, leftOut }, null, 2) + '\n');
      return;
    }
    out.write(
      textTable(
        [opts.by, 'low', 'best', 'high', 'incidents', 'vague', 'claimants', 'claims'],
        rows.map((r) => [r.key, String(r.low), String(r.best), String(r.high), String(r.incidents), String(r.vague), String(r.claimants), String(r.claims.length)]),
      ),
    );
    const total = rows.reduce((s, r) => ({ low: s.low + r.low, best: s.best + r.best, high: s.high + r.high, vague: s.vague + r.vague }), { low: 0, best: 0, high: 0, vague: 0 });
    out.write(`${rows.length} rows; all rows: low ${total.low}, best ${total.best}, high ${total.high}. Period totals and cumulative tolls are not in these sums.\n`);
    if (leftOut) out.write(`${leftOut}\n`);
    if (total.vague) out.write(`vague: incidents with only vague words for a figure ("dozens killed"), counted at the least the words say (${total.vague} over all rows).\n`);
    if (opts.periods && periods.length) {
      out.write('\nStated period totals against the incidents in the record:\n');
      out.write(
        textTable(
          ['claimant', 'group', 'period', 'place', 'stated', 'incidents', 'sum', 'gap'],
          periods.map((p) => [p.claimant, p.group, `${p.period.start}..${p.period.end}`, p.place, String(p.stated.best ?? p.stated.low ?? '?'), String(p.incidents), String(p.sumOfIncidents), p.gap === null ? '?' : String(p.gap)]),
        ),
      );
    }
  });
}
