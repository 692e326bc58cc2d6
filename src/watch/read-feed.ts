// A feed (RSS 0.9x/2.0, RDF, Atom 0.3/1.0, JSON Feed 1.0/1.1) as its entries, through feedsmith, which reads
// every one of those formats and their namespaces (content:encoded, Dublin Core). Each entry keeps what the
// watcher needs: a key that stays the same from one fetch to the next, its link, title, author, date, and its
// text when the feed carries it in full (content:encoded, Atom content, JSON Feed content) apart from a summary.
import { createHash } from 'node:crypto';
import { parseFeed } from 'feedsmith';
import { FetchProblem } from './bounded-get.js';

export interface FeedEntry {
  /** The entry's identity in its feed: its guid or id, else its link, else a hash of its title and text. */
  key: string;
  link: string | null;
  title: string | null;
  author: string | null;
  /** As the feed wrote it (RFC 822 or ISO 8601). */
  date: string | null;
  /** The full text when the feed carries it, as HTML or plain text. */
  content: { html: string } | { text: string } | null;
  /** A teaser or description, as HTML. */
  summary: string | null;
}

export interface FeedReading {
  format: string;
  title: string | null;
  entries: FeedEntry[];
}

// The shapes feedsmith gives, as far as they are read here.
type Text = string | { value?: string; type?: string } | undefined;
type Person = { name?: string } | string;
interface AnyEntry {
  id?: string;
  guid?: { value?: string } | string;
  title?: Text;
  link?: string;
  url?: string;
  external_url?: string;
  links?: { href?: string; rel?: string }[];
  pubDate?: string;
  published?: string;
  updated?: string;
  date_published?: string;
  date_modified?: string;
  dc?: { date?: string; dates?: string[]; creator?: string; creators?: string[] };
  authors?: Person[];
  author?: Person;
  description?: string;
  summary?: Text;
  content?: { encoded?: string; value?: string; type?: string } | string;
  content_html?: string;
  content_text?: string;
}
interface AnyFeed {
  title?: Text;
  items?: AnyEntry[];
  entries?: AnyEntry[];
}

const str = (t: Text): string | null => {
  const v = typeof t === 'string' ? t : t?.value;
  return v && v.trim() ? v.trim() : null;
};
const personName = (p: Person | undefined): string | null => (typeof p === 'string' ? p.trim() || null : p?.name?.trim() || null);

export function readFeed(body: string, url: string): FeedReading {
  let parsed: { format: string; feed: unknown };
  try {
    parsed = parseFeed(body.replace(/^\uFEFF/, '')) as { format: string; feed: unknown };
  } catch (e) {
    throw new FetchProblem(`${url}: not a readable feed (${(e as Error).message}): malformed XML or JSON, or not RSS, Atom or JSON Feed`);
  }
  const feed = parsed.feed as AnyFeed;
  const raw = feed.items ?? feed.entries ?? [];
  // Feeds list the newest first; the oldest is read first, so reports come in the order they were published.
  const entries = raw.map((e) => entryOf(e, url)).reverse();
  return { format: parsed.format, title: str(feed.title), entries };
}

function entryOf(e: AnyEntry, feedUrl: string): FeedEntry {
  const alternate = e.links?.find((l) => !l.rel || l.rel === 'alternate')?.href;
  const link = absolute(e.link ?? e.url ?? alternate ?? e.external_url ?? null, feedUrl);
  const guid = typeof e.guid === 'string' ? e.guid : e.guid?.value;
  const title = str(e.title);
  const content = contentOf(e);
  const summary = str(e.summary) ?? (e.description?.trim() || null);
  const id = (guid ?? e.id)?.trim();
  const key = id ? `id:${id}` : link ? `link:${link}` : `hash:${createHash('sha256').update(`${title ?? ''}\u0000${JSON.stringify(content ?? summary)}`).digest('hex').slice(0, 32)}`;
  return {
    key,
    link,
    title,
    author: personName(e.authors?.[0]) ?? personName(e.author) ?? e.dc?.creators?.[0]?.trim() ?? e.dc?.creator?.trim() ?? null,
    date: e.pubDate ?? e.published ?? e.date_published ?? e.dc?.date ?? e.dc?.dates?.[0] ?? e.updated ?? e.date_modified ?? null,
    content,
    summary,
  };
}

function contentOf(e: AnyEntry): FeedEntry['content'] {
  if (e.content_html?.trim()) return { html: e.content_html };
  if (e.content_text?.trim()) return { text: e.content_text };
  const c = e.content;
  if (typeof c === 'string') return c.trim() ? { html: c } : null;
  if (c?.encoded?.trim()) return { html: c.encoded };
  if (c?.value?.trim()) return c.type === 'text' ? { text: c.value } : { html: c.value };
  return null;
}

function absolute(link: string | null, base: string): string | null {
  if (!link?.trim()) return null;
  try {
    const u = new URL(link.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
