// `observatory sources add|list|show|remove`: the sources the record watches (feeds, article pages, folders),
// kept in the record so every machine and every watcher sees the same list.
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { ClaimantKind } from '../../domain/types.js';
import type { WatchedItemRow, WatchedSourceStatus } from '../../store/store.js';
import { formatDuration, parseDuration } from '../../watch/duration.js';
import { MAX_ITEM_ATTEMPTS, sourceState } from '../../watch/source-status.js';
import { textTable } from '../text-table.js';
import { UserError } from '../user-error.js';
import { withReadStore, withStore } from '../with-store.js';

export const SOURCE_KINDS: ClaimantKind[] = ['monitor', 'wire', 'state-media', 'party-media', 'official', 'armed-group', 'witness', 'unknown'];

export interface SourcesOpts {
  db?: string;
  name?: string;
  kind?: string;
  country?: string;
  interval?: string;
  json?: boolean;
  format?: string;
}

export async function runSources(action: string, target: string | undefined, opts: SourcesOpts, out: Writable = process.stdout): Promise<void> {
  if (action === 'add') return add(target, opts, out);
  if (action === 'list') return list(opts, out);
  if (action === 'show') return show(target, opts, out);
  if (action === 'remove') return remove(target, opts, out);
  throw new UserError(`sources: the action must be add, list, show or remove, got "${action}"`, 2);
}

async function add(target: string | undefined, opts: SourcesOpts, out: Writable): Promise<void> {
  if (!target) throw new UserError('sources add needs a feed or page URL, or a folder', 2);
  const kind = (opts.kind ?? 'unknown') as ClaimantKind;
  if (!SOURCE_KINDS.includes(kind)) throw new UserError(`--kind must be one of ${SOURCE_KINDS.join(', ')}, got "${opts.kind}"`, 2);
  const interval = parseDuration(opts.interval ?? '10m');
  if (interval === null || interval < 1) throw new UserError(`--interval must be a duration of at least 1s (90s, 10m, 1h), got "${opts.interval}"`, 2);
  const { location, type, name } = locate(target);
  const chosen = (opts.name ?? name).trim();
  if (!chosen) throw new UserError('--name must not be empty', 2);
  const country = opts.country?.trim() || null;
  await withStore(opts.db, async (store) => {
    try {
      await store.addWatchedSource({ name: chosen, location, type, kind, country, interval_seconds: interval });
    } catch (e) {
      const message = (e as Error).message;
      // A name taken by default (the site's or folder's) can be chosen instead; a location watched twice cannot.
      throw new UserError(`${message}${!opts.name && message.startsWith('a source named') ? ' (give another with --name)' : ''}`);
    }
  });
  out.write(`watching "${chosen}": ${type === 'folder' ? 'the folder' : ''}${location}, ${kind}${country ? `, ${country}` : ''}, every ${formatDuration(interval)}; due now (observatory watch polls it)\n`);
}

/** A URL is a feed or a page; anything else must be a folder that exists. */
function locate(target: string): { location: string; type: 'url' | 'folder'; name: string } {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    let u: URL;
    try {
      u = new URL(target);
    } catch {
      throw new UserError(`"${target}" is not a URL`, 2);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UserError(`${target}: only http and https sources are watched`, 2);
    u.hash = '';
    return { location: u.href, type: 'url', name: u.hostname.replace(/^www\./, '') };
  }
  const path = resolve(target);
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new UserError(`${target}: neither an http(s) URL nor an existing folder`, 2);
  }
  if (!isDir) throw new UserError(`${target}: a file; a watched source is a feed or page URL, or a folder (observatory ingest reads single files)`, 2);
  return { location: path, type: 'folder', name: basename(path) };
}

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');

function stateText(s: WatchedSourceStatus, now: Date): string {
  const state = sourceState(s, now);
  return state === 'failing' ? `failing (${s.failures} in a row)` : state;
}

async function list(opts: SourcesOpts, out: Writable): Promise<void> {
  const sources = await withReadStore(opts.db, (store) => store.watchedSources());
  if (opts.json || opts.format === 'json') {
    out.write(`${JSON.stringify(sources, null, 2)}\n`);
    return;
  }
  if (sources.length === 0) {
    out.write('no sources watched; add one with observatory sources add URL|FOLDER\n');
    return;
  }
  const now = new Date();
  out.write(
    textTable(
      ['name', 'kind', 'every', 'status', 'last fetch', 'next due', 'items', 'reports', 'last day', 'failed', 'last error'],
      sources.map((s) => [s.name, s.kind, formatDuration(s.interval_seconds), stateText(s, now), when(s.last_fetch_at), when(s.next_due_at), String(s.items_seen), String(s.reports_ingested), String(s.items_last_day), String(s.items_failed), s.last_error ?? '']),
      60,
    ),
  );
  out.write(`${sources.length} source${sources.length === 1 ? '' : 's'}; times are UTC\n`);
}

async function show(name: string | undefined, opts: SourcesOpts, out: Writable): Promise<void> {
  if (!name) throw new UserError('sources show needs a source name (observatory sources list shows them)', 2);
  const s = await withReadStore(opts.db, (store) => store.watchedSource(name));
  if (!s) throw new UserError(`no source named "${name}" (observatory sources list shows them)`);
  if (opts.json) {
    out.write(`${JSON.stringify(s, null, 2)}\n`);
    return;
  }
  const now = new Date();
  const lines = [
    `${s.name}: ${s.type === 'folder' ? 'folder' : 'URL'} ${s.location}`,
    `kind ${s.kind}${s.country ? `, country ${s.country}` : ''}, polled every ${formatDuration(s.interval_seconds)}; added ${when(s.added_at)} UTC`,
    `status: ${stateText(s, now)}${s.lease_owner && sourceState(s, now) === 'polling' ? ` by ${s.lease_owner}` : ''}`,
    `last fetch: ${s.last_fetch_at ? `${when(s.last_fetch_at)} UTC, ${s.last_outcome}` : 'never'}${s.last_ok_at && s.last_ok_at !== s.last_fetch_at ? `; last good ${when(s.last_ok_at)} UTC` : ''}`,
    `next due: ${when(s.next_due_at)} UTC${s.failures ? ` (backed off after ${s.failures} failure${s.failures === 1 ? '' : 's'} in a row)` : ''}`,
    `error: ${s.last_error ?? 'none'}`,
    `items seen ${s.items_seen}: ${s.reports_ingested} new reports, ${s.duplicates} already held, ${s.items_failed} failed; ${s.items_last_day} in the last 24 hours`,
    `per day (UTC): ${s.per_day.map((d) => `${d.day.slice(5)} ${d.items}`).join(', ')}`,
    ...(s.etag || s.last_modified ? [`validators: ${[s.etag && `ETag ${s.etag}`, s.last_modified && `Last-Modified ${s.last_modified}`].filter(Boolean).join(', ')}`] : []),
  ];
  out.write(`${lines.join('\n')}\n`);
  const table = (rows: WatchedItemRow[]) => textTable(['seen', 'status', 'title', 'published', 'report', 'url or key'], rows.map((i) => [when(i.seen_at), i.status, i.title ?? '', i.published ?? '', i.report_id ?? '', i.url ?? i.key]), 50);
  if (s.failed.length) out.write(`\nfailed items (each tried up to ${MAX_ITEM_ATTEMPTS} times, on later polls; the last error kept):\n${s.failed.map((i) => `  ${i.url ?? i.key}: ${i.error} (${i.attempts} attempt${i.attempts === 1 ? '' : 's'})`).join('\n')}\n`);
  if (s.recent.length) out.write(`\nlatest items:\n${table(s.recent)}`);
}

async function remove(name: string | undefined, opts: SourcesOpts, out: Writable): Promise<void> {
  if (!name) throw new UserError('sources remove needs a source name (observatory sources list shows them)', 2);
  const gone = await withStore(opts.db, (store) => store.removeWatchedSource(name));
  if (!gone) throw new UserError(`no source named "${name}" (observatory sources list shows them)`);
  out.write(`no longer watching "${name}"; the reports read from it stay in the record\n`);
}
