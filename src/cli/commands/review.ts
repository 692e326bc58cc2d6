// `observatory review`: the queue of incidents to check, weightiest first, and an analyst's decision on one
// (verify, dispute, reject, reopen), each with a comment; `observatory history ID`: what changed an incident.
import { userInfo } from 'node:os';
import type { Writable } from 'node:stream';
import { isReviewState, type ReviewState } from '../../domain/review.js';
import { AGREEMENT_SHARE, trackRecords } from '../../reconcile/track-record.js';
import { exitQuietlyOnClosedPipe } from '../closed-pipe.js';
import { textTable } from '../text-table.js';
import { UserError } from '../user-error.js';
import { withReadStore, withStore } from '../with-store.js';

export interface ReviewOpts {
  db?: string;
  state?: string;
  sort?: string;
  limit: string;
  format: string;
  comment?: string;
  as?: string;
}

const DECISIONS: Record<string, ReviewState> = { verify: 'verified', dispute: 'disputed', reject: 'rejected', reopen: 'unreviewed' };

export async function runReview(action: string | undefined, id: string | undefined, opts: ReviewOpts, out: Writable = process.stdout): Promise<void> {
  if (action === undefined || action === 'list') return listQueue(opts, out);
  const state = DECISIONS[action];
  if (!state) throw new UserError(`review: the action must be verify, dispute, reject or reopen (or none, to list the queue), got "${action}"`, 2);
  if (!id) throw new UserError(`review ${action}: give the incident id (observatory review lists the queue)`, 2);
  const comment = opts.comment?.trim();
  if (!comment) throw new UserError(`review ${action}: --comment is needed: why, for whoever reads the history`, 2);
  const reviewer = opts.as?.trim() || userInfo().username;
  await withStore(opts.db, async (store) => {
    const r = await store.reviewIncident(id, state, reviewer, comment);
    if (!r) throw new UserError(`no incident "${id}" (observatory incidents lists them)`);
    out.write(`${id}: ${r.before} -> ${r.after} by ${reviewer}${state === 'rejected' ? '; it leaves every tally, listing and export' : ''}\n`);
  });
}

async function listQueue(opts: ReviewOpts, out: Writable): Promise<void> {
  const state = opts.state ?? 'unreviewed';
  if (!isReviewState(state)) throw new UserError(`--state must be unreviewed, verified, disputed or rejected, got "${state}"`, 2);
  const sort = opts.sort ?? 'impact';
  if (sort !== 'impact' && sort !== 'recent') throw new UserError(`--sort must be impact or recent, got "${sort}"`, 2);
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UserError(`--limit must be a positive whole number, got "${opts.limit}"`, 2);
  if (opts.format !== 'table' && opts.format !== 'json') throw new UserError(`--format must be table or json, got "${opts.format}"`, 2);
  exitQuietlyOnClosedPipe(out);
  await withReadStore(opts.db, async (store) => {
    const rows = await store.reviewQueue({ state, sort, limit });
    if (opts.format === 'json') return void out.write(JSON.stringify(rows, null, 2) + '\n');
    out.write(
      textTable(
        ['incident', 'impact', 'date', 'place', 'type', 'deaths best', 'status', 'reports', 'last review'],
        rows.map((r) => [
          r.id,
          String(r.impact),
          r.date_start ?? '',
          [r.location, r.country].filter(Boolean).join(', '),
          r.sub_type,
          r.deaths_best === null ? '?' : String(r.deaths_best),
          r.status,
          String(r.reports),
          r.review ? `${r.review.state} by ${r.review.reviewer} ${r.review.reviewed_at.slice(0, 16)}` : '',
        ]),
        40,
      ),
    );
    out.write(`${rows.length} ${state} incident${rows.length === 1 ? '' : 's'}, ${sort === 'impact' ? 'weightiest first (deaths, contested figures, changes of control)' : 'newest first'}\n`);
  });
}

export async function runHistory(id: string, opts: { db?: string; json?: boolean }, out: Writable = process.stdout): Promise<void> {
  await withReadStore(opts.db, async (store) => {
    const entries = await store.incidentHistory(id);
    if (opts.json) return void out.write(JSON.stringify(entries, null, 2) + '\n');
    if (entries.length === 0) return void out.write(`${id}: no review, edit or link decision yet\n`);
    const show = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
    out.write(textTable(['when', 'who', 'what', 'event', 'before', 'after', 'why'], entries.map((e) => [e.at.slice(0, 19), e.who, e.what, e.event ?? '', show(e.before), show(e.after), e.why ?? '']), 50));
  });
}

/** `observatory claimants`: each claimant's track record on the incidents analysts verified. */
export async function runClaimants(opts: { db?: string; format: string }, out: Writable = process.stdout): Promise<void> {
  if (opts.format !== 'table' && opts.format !== 'json') throw new UserError(`--format must be table or json, got "${opts.format}"`, 2);
  await withReadStore(opts.db, async (store) => {
    const records = trackRecords(await store.verifiedClaims());
    if (opts.format === 'json') return void out.write(JSON.stringify(records, null, 2) + '\n');
    if (records.length === 0) return void out.write('no verified incident with figures yet: track records come from incidents analysts have verified (observatory review)\n');
    out.write(textTable(['claimant', 'verified incidents', 'agreed', 'agreement', 'first'], records.map((r) => [r.claimant, String(r.incidents), String(r.agreed), `${Math.round(r.agreement * 100)}%`, String(r.first)]), 50));
    out.write(`agreed: the claimant's figure within ${Math.round(AGREEMENT_SHARE * 100)}% (or one death) of the verified best; first: its report was the earliest published\n`);
  });
}
