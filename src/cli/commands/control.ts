// `observatory control`: the timeline of control changes per place, or with --at the last known
// holder of each place on a date.
import type { Writable } from 'node:stream';
import { controlAt, controlTimeline } from '../../reconcile/control-timeline.js';
import { reconcile } from '../reconciled.js';
import { textTable } from '../text-table.js';
import { UserError } from '../user-error.js';
import { exitQuietlyOnClosedPipe } from '../closed-pipe.js';
import { withReadStore } from '../with-store.js';

export interface ControlOpts {
  db?: string;
  at?: string;
  place?: string;
  country?: string;
  format: string;
}

export async function runControl(opts: ControlOpts, out: Writable = process.stdout): Promise<void> {
  exitQuietlyOnClosedPipe(out);
  if (opts.at !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.at)) throw new UserError(`--at must be a date YYYY-MM-DD, got "${opts.at}"`);
  await withReadStore(opts.db, async (store) => {
    const { incidents } = await reconcile(store, { country: opts.country });
    const timeline = controlTimeline(incidents);
    const wanted = (place: string) => !opts.place || place.toLowerCase().includes(opts.place.toLowerCase());
    const changes = opts.at ? controlAt(timeline, opts.at).filter((c) => wanted(c.place)) : [...timeline.values()].flat().filter((c) => wanted(c.place));
    if (opts.format === 'json') {
      out.write(JSON.stringify(changes, null, 2) + '\n');
      return;
    }
    const header = opts.at ? ['place', 'admin1', 'held by', 'bloc', 'since', 'on the word of'] : ['place', 'admin1', 'date', 'taken by', 'bloc', 'from', 'on the word of'];
    const rows = changes.map((c) =>
      opts.at
        ? [c.place, c.admin1 ?? '', c.taker, c.takerBloc, c.date, c.claimants.join('; ')]
        : [c.place, c.admin1 ?? '', c.date, c.taker, c.takerBloc, c.from ?? '', c.claimants.join('; ')],
    );
    out.write(textTable(header, rows));
    out.write(`${changes.length} ${opts.at ? `places with a known holder on ${opts.at}` : 'changes of control'}\n`);
  });
}
