// `observatory rules`: the casualty-range rules a desk may turn on for its whole record (none is on by default).
// The track-record rule lets a claimant whose figures kept agreeing with verified incidents set an incident's best
// ahead of the claimant-kind ranking; turning it on or off reckons every incident again, keeping their ids.
import { userInfo } from 'node:os';
import type { Writable } from 'node:stream';
import { provenRecord } from '../../reconcile/casualty-range.js';
import type { TrackRecordRule } from '../../store/range-rules.js';
import { textTable } from '../text-table.js';
import { UserError } from '../user-error.js';
import { withReadStore, withStore } from '../with-store.js';

export interface RulesOpts {
  db?: string;
  minIncidents: string;
  minAgreement: string;
  as?: string;
}

export async function runRules(rule: string | undefined, state: string | undefined, opts: RulesOpts, out: Writable = process.stdout): Promise<void> {
  if (rule === undefined) return showRules(opts, out);
  if (rule !== 'track-record') throw new UserError(`rules: the only rule is track-record, got "${rule}"`, 2);
  if (state !== 'on' && state !== 'off') throw new UserError(`rules track-record: say on or off, got ${state === undefined ? 'nothing' : `"${state}"`}`, 2);
  const set = state === 'on' ? ruleFrom(opts) : null;
  const by = opts.as?.trim() || userInfo().username;
  await withStore(opts.db, async (store) => {
    const n = await store.setTrackRecordRule(set, by);
    out.write(`track-record rule ${set ? `on (at least ${set.minIncidents} verified incidents, agreeing in ${Math.round(set.minAgreement * 100)}%)` : 'off'}, set by ${by}; ${n.toLocaleString('en')} incidents reckoned again\n`);
  });
}

function ruleFrom(opts: RulesOpts): TrackRecordRule {
  const minIncidents = Number(opts.minIncidents);
  const minAgreement = Number(opts.minAgreement);
  if (!Number.isInteger(minIncidents) || minIncidents < 1) throw new UserError(`--min-incidents must be a whole number of 1 or more, got "${opts.minIncidents}"`, 2);
  if (!(minAgreement > 0 && minAgreement <= 1)) throw new UserError(`--min-agreement must be a share above 0 and at most 1 (0.8 is 80%), got "${opts.minAgreement}"`, 2);
  return { minIncidents, minAgreement };
}

async function showRules(opts: RulesOpts, out: Writable): Promise<void> {
  await withReadStore(opts.db, async (store) => {
    const rule = await store.trackRecordRule();
    if (!rule) return void out.write('track-record rule: off (the default): best follows the claimant kinds (monitor, wire, witness, official, ...)\n');
    out.write(`track-record rule: on: a claimant with at least ${rule.minIncidents} verified incidents whose figure agreed in ${Math.round(rule.minAgreement * 100)}% of them sets the best before the claimant kinds\n`);
    const rules = await store.rangeRules();
    const proven = [...(rules.trackRecord?.records.values() ?? [])].filter((r) => provenRecord(r.claimant, rules));
    if (proven.length === 0) return void out.write('no claimant is proven yet\n');
    out.write(textTable(['proven claimant', 'verified incidents', 'agreed', 'agreement'], proven.map((r) => [r.claimant, String(r.incidents), String(r.agreed), `${Math.round(r.agreement * 100)}%`]), 50));
  });
}
