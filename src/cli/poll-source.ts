// One poll of one watched source: fetch it (a feed, an article page) or walk it (a folder), take each item not
// yet seen, read it into an article and ingest it. An item that fails is recorded with its error and tried again
// on the next polls, a few times; the poll goes on with the others. The source's own failure (unreachable, an
// error status, a body that is no feed, robots.txt saying no) ends the poll, and the caller backs it off.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { relative } from 'node:path';
import type { Store, WatchedItem, WatchedItemRow, WatchedSource } from '../store/store.js';
import { entryArticle, pageArticle, type FetchedArticle, type SourceRef } from '../watch/article.js';
import { FetchProblem } from '../watch/bounded-get.js';
import { readArticlePage } from '../watch/read-article.js';
import { readFeed, type FeedEntry } from '../watch/read-feed.js';
import { ACCEPT, shapeOf } from '../watch/response-shape.js';
import { MAX_ITEM_ATTEMPTS } from '../watch/source-status.js';
import type { WebClient } from '../watch/web-client.js';
import { StatusProblem } from '../watch/web-client.js';
import { readItems } from './commands/ingest.js';
import { ingestArticle } from './ingest-article.js';
import { collectWork, type Work } from './walk-inputs.js';

/** A file modified less than this long ago is left for the next poll. */
const SETTLE_MS = 2_000;

const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';

export interface PollCounts {
  /** Items found in the source this poll (seen before or not). */
  items: number;
  new: number;
  duplicate: number;
  failed: number;
}

export type PollResult =
  | { outcome: 'fetched' | 'not-modified'; counts: PollCounts; etag?: string | null; lastModified?: string | null; errors: string[] }
  | { outcome: 'error'; error: string; retryAfter: number | null; counts: PollCounts; errors: string[] }
  | { outcome: 'stopped'; counts: PollCounts; errors: string[] };

export interface PollDeps {
  store: Store;
  web: WebClient;
  /** True once the watcher is stopping or has lost this source's lease: the poll ends after the item in hand. */
  stop: () => boolean;
}

/** An item of the source: its key, what the seen-mark records of it, and how to read it when it is new. */
interface Unit {
  key: string;
  seen: WatchedItem;
  read: () => Promise<FetchedArticle>;
}

class Poll {
  readonly counts: PollCounts = { items: 0, new: 0, duplicate: 0, failed: 0 };
  readonly errors: string[] = [];
  /** Items left to try again: while there are any, the feed's validators are not kept, so the next poll reads it whole. */
  retries = 0;

  constructor(
    readonly deps: PollDeps,
    readonly source: WatchedSource,
  ) {}

  get ref(): SourceRef {
    return { name: this.source.name, kind: this.source.kind };
  }

  item(key: string, fields: Partial<WatchedItem> = {}): WatchedItem {
    return { source: this.source.name, key, url: null, title: null, author: null, published: null, outlet: null, ...fields };
  }

  /** Takes the units not yet seen (or failed fewer than MAX_ITEM_ATTEMPTS times), in order. Returns false when stopped. */
  async take(units: Unit[]): Promise<boolean> {
    this.counts.items += units.length;
    const seen = await this.deps.store.seenItems(this.source.name, units.map((u) => u.key));
    for (const u of units) {
      if (done(seen.get(u.key))) continue;
      if (this.deps.stop()) return false;
      await this.one(u, seen.get(u.key));
    }
    return true;
  }

  async one(u: Unit, before: Pick<WatchedItemRow, 'attempts'> | undefined): Promise<void> {
    let article: FetchedArticle | null = null;
    try {
      article = await u.read();
      const status = await ingestArticle(this.deps.store, article);
      // Another outlet's copy of a held story is a sighting: for the poll, an item that added no report.
      this.counts[status === 'sighting' ? 'duplicate' : status]++;
    } catch (e) {
      const error = (e as Error).message;
      this.counts.failed++;
      this.errors.push(error);
      if ((before?.attempts ?? 0) + 1 < MAX_ITEM_ATTEMPTS) this.retries++;
      const seen = article ? { ...u.seen, url: article.url, title: article.title, author: article.author, published: article.published, outlet: article.outlet } : u.seen;
      await this.deps.store.markItem(seen, 'failed', { error });
    }
  }

  async failed(key: string, error: string, before: Pick<WatchedItemRow, 'status' | 'attempts'> | undefined): Promise<void> {
    if (done(before)) return;
    this.counts.failed++;
    this.errors.push(error);
    if ((before?.attempts ?? 0) + 1 < MAX_ITEM_ATTEMPTS) this.retries++;
    await this.deps.store.markItem(this.item(key), 'failed', { error });
  }
}

function done(m: Pick<WatchedItemRow, 'status' | 'attempts'> | undefined): boolean {
  return m !== undefined && (m.status !== 'failed' || m.attempts >= MAX_ITEM_ATTEMPTS);
}

const short = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 32);

export async function pollSource(deps: PollDeps, source: WatchedSource): Promise<PollResult> {
  const poll = new Poll(deps, source);
  try {
    return source.type === 'folder' ? await pollFolder(poll) : await pollUrl(poll);
  } catch (e) {
    if (!(e instanceof FetchProblem)) throw e;
    return { outcome: 'error', error: e.message, retryAfter: e instanceof StatusProblem ? e.retryAfter : null, counts: poll.counts, errors: poll.errors };
  }
}

async function pollUrl(poll: Poll): Promise<PollResult> {
  const { web } = poll.deps;
  const { source } = poll;
  const got = await web.get(source.location, { accept: ACCEPT, etag: source.etag, lastModified: source.last_modified });
  if (got.status === 304) return { outcome: 'not-modified', counts: poll.counts, errors: poll.errors };
  const { shape, text } = shapeOf(got.url, got.contentType, got.body);
  let units: Unit[];
  if (shape === 'page') {
    // A single article page: an item per distinct text, so a page rewritten in place is read again.
    const page = readArticlePage(text, got.url);
    const key = `text:${short(page.text)}`;
    const article = pageArticle(poll.ref, key, page, null);
    units = [{ key, seen: poll.item(key, { url: article.url, title: article.title }), read: async () => article }];
  } else {
    const feed = readFeed(text, got.url);
    units = feed.entries.map((entry) => ({ key: entry.key, seen: poll.item(entry.key, { url: entry.link, title: entry.title, author: entry.author }), read: () => entryRead(poll, entry, got.url) }));
  }
  if (!(await poll.take(units))) return { outcome: 'stopped', counts: poll.counts, errors: poll.errors };
  const keep = poll.retries === 0;
  return { outcome: 'fetched', counts: poll.counts, etag: keep ? got.etag : null, lastModified: keep ? got.lastModified : null, errors: poll.errors };
}

/** A feed entry as an article: from the feed when it carries the text, else from the page it links to. */
async function entryRead(poll: Poll, entry: FeedEntry, feedUrl: string): Promise<FetchedArticle> {
  const inFeed = entryArticle(poll.ref, entry, feedUrl);
  if (inFeed) return inFeed;
  if (!entry.link) throw new Error(`${feedUrl}: entry ${entry.key} has neither text nor a link to follow`);
  const got = await poll.deps.web.get(entry.link, { accept: PAGE_ACCEPT });
  const { shape, text } = shapeOf(got.url, got.contentType, got.body);
  if (shape !== 'page') throw new Error(`${got.url}: the entry's link is a feed, not an article page`);
  return pageArticle(poll.ref, entry.key, readArticlePage(text, got.url), entry);
}

async function pollFolder(poll: Poll): Promise<PollResult> {
  const root = poll.source.location;
  let st;
  try {
    st = statSync(root);
  } catch {
    throw new FetchProblem(`${root}: no such folder`);
  }
  if (!st.isDirectory()) throw new FetchProblem(`${root}: not a folder`);
  const texts: Unit[] = [];
  const batches: { w: Work; rel: string; version: string }[] = [];
  // The walk's safety rules are ingest's own: no symbolic link followed, no special file opened.
  for (const w of collectWork([root], { flagged: false })) {
    const rel = relative(root, w.path);
    if (w.kind === 'unreadable') {
      const key = `file:${rel}`;
      poll.counts.items++;
      await poll.failed(key, w.error, (await poll.deps.store.seenItems(poll.source.name, [key])).get(key));
      continue;
    }
    let f;
    try {
      f = statSync(w.path);
    } catch {
      continue;
    }
    // A file written to a moment ago may still be growing: it is read on a later poll, whole.
    if (Date.now() - f.mtimeMs < SETTLE_MS) continue;
    // A text file is one item, keyed by path, size and modification time: a changed file is read again.
    const version = `file:${rel}@${f.size}:${Math.trunc(f.mtimeMs)}`;
    if (w.kind === 'text') texts.push({ key: version, seen: poll.item(version), read: () => fileArticle(poll, w, version) });
    else batches.push({ w, rel, version });
  }
  if (!(await poll.take(texts))) return { outcome: 'stopped', counts: poll.counts, errors: poll.errors };
  for (const b of batches) if (!(await batchFile(poll, b.w, b.rel, b.version))) return { outcome: 'stopped', counts: poll.counts, errors: poll.errors };
  return { outcome: 'fetched', counts: poll.counts, errors: poll.errors };
}

async function fileArticle(poll: Poll, w: Work, key: string): Promise<FetchedArticle> {
  for await (const it of readItems([w], {})) {
    if (it.kind === 'failed') throw new Error(it.error);
    if (it.kind === 'item') return { source: poll.ref, key, text: it.text, title: it.meta.title, author: null, published: it.meta.published, url: null, outlet: it.meta.source ?? poll.source.name, from: { path: w.path, line: 0 } };
  }
  throw new Error(`${w.path}: nothing to read`);
}

/**
 * A JSONL batch: each line is an item (its key the line's place and text); the file's version is marked read
 * once every line was taken, so an unchanged batch is not read again, and one that grew is read for its new lines.
 */
async function batchFile(poll: Poll, w: Work, rel: string, version: string): Promise<boolean> {
  const { store } = poll.deps;
  if (done((await store.seenItems(poll.source.name, [version])).get(version))) return true;
  const retries = poll.retries;
  for await (const it of readItems([w], {})) {
    if (it.kind === 'blank') continue;
    if (it.kind === 'failed') {
      const key = `line:${rel}:${it.line}`;
      poll.counts.items++;
      await poll.failed(key, it.error, (await store.seenItems(poll.source.name, [key])).get(key));
      continue;
    }
    const key = `line:${rel}:${it.line}:${short(it.text)}`;
    const article: FetchedArticle = { source: poll.ref, key, text: it.text, title: it.meta.title, author: null, published: it.meta.published, url: null, outlet: it.meta.source ?? poll.source.name, from: { path: w.path, line: it.line } };
    if (!(await poll.take([{ key, seen: poll.item(key), read: async () => article }]))) return false;
  }
  if (poll.retries === retries) await store.markItem(poll.item(version), 'read');
  return true;
}
