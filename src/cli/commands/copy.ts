// `observatory copy --from LOCATION --to LOCATION`: the whole record from one database to another, e.g. a
// laptop's SQLite file into PostgreSQL when a team grows (or back). The destination must be empty.
import { copyRecord, tableCounts } from '../../store/copy.js';
import { displayLocation, openStore } from '../../store/open-store.js';
import type { KyselyStore } from '../../store/kysely-store.js';
import { UserError } from '../user-error.js';

export async function runCopy(opts: { from: string; to: string }): Promise<void> {
  if (opts.from === opts.to) throw new UserError('--from and --to are the same database');
  const open = async (location: string) => {
    try {
      return await openStore(location);
    } catch (e) {
      throw new UserError(`${displayLocation(location)}: cannot open the database: ${(e as Error).message}`);
    }
  };
  const from: KyselyStore = await open(opts.from);
  let to: KyselyStore | null = null;
  try {
    to = await open(opts.to);
    const t0 = performance.now();
    let copied;
    try {
      copied = await copyRecord(from.db, to.db, (table, n) => process.stderr.write(`  ${table}: ${n}\n`));
    } catch (e) {
      throw new UserError(`${displayLocation(opts.to)}: ${(e as Error).message}`);
    }
    const check = await tableCounts(to.db);
    const differ = Object.entries(copied).filter(([t, n]) => check[t as keyof typeof check] !== n);
    if (differ.length) throw new UserError(`the copy does not match: ${differ.map(([t]) => t).join(', ')}`);
    process.stdout.write(
      `copied ${copied.reports} reports, ${copied.events} events, ${copied.claims} claims, ${copied.link_decisions} link decisions, ${copied.failures} failures, ${copied.event_edits} event edits, ${copied.api_tokens} tokens from ${displayLocation(opts.from)} to ${displayLocation(opts.to)} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await from.close();
    await to?.close();
  }
}
