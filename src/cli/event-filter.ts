// The event filter options, defined once for every command that selects events (events, export).
import type { Command } from 'commander';
import type { EventFilter } from '../store/store.js';
import { UserError } from './user-error.js';

export interface FilterOpts {
  from?: string;
  to?: string;
  country?: string;
  admin1?: string;
  place?: string;
  bloc?: string;
  actor?: string;
  type?: string;
  claimant?: string;
  minFatalities?: string;
  origin?: string;
  verified?: boolean;
}

const OPTIONS: [flags: string, description: string][] = [
  ['--from <date>', 'events on or after this date, YYYY-MM-DD'],
  ['--to <date>', 'events on or before this date, YYYY-MM-DD'],
  ['--country <name>', 'country, e.g. Syria'],
  ['--admin1 <name>', 'first-level region, e.g. Aleppo'],
  ['--place <text>', 'place name containing this text'],
  ['--bloc <bloc>', 'perpetrator bloc, e.g. pro-government, islamic-state'],
  ['--actor <text>', 'an actor whose name contains this text'],
  ['--type <type>', 'ACLED event type or sub-type, e.g. Battles, "Air/drone strike"'],
  ['--claimant <text>', 'a claimant (or ACLED source) whose name contains this text'],
  ['--min-fatalities <n>', 'at least this many fatalities'],
  ['--origin <origin>', 'extracted (from reports), acled or ucdp (imported)'],
  ['--verified', 'only incidents an analyst has verified (rejected incidents are always left out)'],
];

export function addFilterOptions(cmd: Command): Command {
  for (const [flags, description] of OPTIONS) cmd.option(flags, description);
  return cmd;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function filterFrom(opts: FilterOpts): EventFilter {
  for (const k of ['from', 'to'] as const) {
    const v = opts[k];
    if (v !== undefined && (!DATE.test(v) || Number.isNaN(Date.parse(v)))) throw new UserError(`--${k} must be a date YYYY-MM-DD, got "${v}"`);
  }
  let minFatalities: number | undefined;
  if (opts.minFatalities !== undefined) {
    minFatalities = Number(opts.minFatalities);
    if (!Number.isInteger(minFatalities) || minFatalities < 0) throw new UserError(`--min-fatalities must be a whole number, got "${opts.minFatalities}"`);
  }
  if (opts.origin !== undefined && !['extracted', 'acled', 'ucdp'].includes(opts.origin)) throw new UserError(`--origin must be extracted, acled or ucdp, got "${opts.origin}"`);
  return {
    from: opts.from,
    to: opts.to,
    country: opts.country,
    admin1: opts.admin1,
    place: opts.place,
    bloc: opts.bloc,
    actor: opts.actor,
    type: opts.type,
    claimant: opts.claimant,
    minFatalities,
    origin: opts.origin as EventFilter['origin'],
    review: opts.verified ? 'verified' : undefined,
  };
}
