// An article as the watcher hands it to ingest: its text and what is known of it (title, author, day published,
// canonical URL, outlet), the watched source it came from and its key there. Made from a feed entry that carries
// its full text, from an article page (with the entry that linked to it, whose metadata comes first), or from a file.
import type { ClaimantKind } from '../domain/types.js';
import type { FeedEntry } from './read-feed.js';
import { dayInText, firstDay } from './publication-day.js';
import { htmlFragmentText, type ArticlePage } from './read-article.js';

export interface SourceRef {
  name: string;
  kind: ClaimantKind;
}

export interface FetchedArticle {
  source: SourceRef;
  /** The item's identity within its source (see the watched_items table). */
  key: string;
  text: string;
  title: string | null;
  author: string | null;
  /** YYYY-MM-DD. */
  published: string | null;
  /** The canonical URL; null for a file. */
  url: string | null;
  outlet: string | null;
  /** Where it was read: a URL, or a file and its line (0 for a whole file). */
  from: { path: string; line: number };
}

/**
 * The entry read from the feed alone, when the feed carries its full text (or has only a summary and no link to
 * follow); null when its page must be fetched.
 */
export function entryArticle(source: SourceRef, entry: FeedEntry, feedUrl: string, now: Date = new Date()): FetchedArticle | null {
  let text: string | null = null;
  if (entry.content) text = 'html' in entry.content ? htmlFragmentText(entry.content.html) : entry.content.text.trim();
  if ((!text || !/\p{L}/u.test(text)) && !entry.link && entry.summary) text = htmlFragmentText(entry.summary);
  if (!text || !/\p{L}/u.test(text)) return null;
  return {
    source,
    key: entry.key,
    text,
    title: entry.title,
    author: entry.author,
    published: firstDay([entry.date], now) ?? dayInText(text, entry.title, now),
    url: entry.link,
    outlet: source.name,
    from: { path: entry.link ?? feedUrl, line: 0 },
  };
}

/** An article page, with the feed entry that linked to it when there is one (the feed's own metadata comes first). */
export function pageArticle(source: SourceRef, key: string, page: ArticlePage, entry: FeedEntry | null, now: Date = new Date()): FetchedArticle {
  const title = entry?.title ?? page.title;
  return {
    source,
    key,
    text: page.text,
    title,
    author: entry?.author ?? page.author,
    published: firstDay([entry?.date, ...page.dates], now) ?? dayInText(page.text, title, now),
    url: page.url,
    outlet: page.outlet ?? source.name,
    from: { path: page.url, line: 0 },
  };
}
