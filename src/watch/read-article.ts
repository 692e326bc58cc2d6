// An article page as the watcher keeps it: the main text taken by Mozilla's Readability (the engine of Firefox's
// Reader View) over a server-side DOM (linkedom, which runs no script: a page's scripts are text to it), and the
// page's own metadata: title, author, publication date, canonical URL and the outlet's name. Navigation, ads,
// share bars and related links are what Readability leaves out.
import { Readability } from '@mozilla/readability';
import { DOMParser } from 'linkedom';
import { FetchProblem } from './bounded-get.js';
import { textOfNode, type DomNode } from './html-text.js';

export interface ArticlePage {
  text: string;
  title: string | null;
  author: string | null;
  /** Dates the page gives, best first (its article metadata, then a <time> element), as written. */
  dates: string[];
  /** The page's canonical URL (link rel=canonical, else og:url), else the URL it was fetched from. */
  url: string;
  /** The outlet's name as the page gives it (og:site_name, JSON-LD publisher). */
  outlet: string | null;
}

/** A fragment of HTML (a feed's content) as text, laid out in paragraphs. */
export function htmlFragmentText(html: string): string {
  const doc = new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html');
  return textOfNode((doc as unknown as { body: DomNode }).body);
}

export function readArticlePage(html: string, pageUrl: string): ArticlePage {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const meta = (selector: string) => doc.querySelector(selector)?.getAttribute('content')?.trim() || null;
  const url = httpUrl(doc.querySelector('link[rel~="canonical"]')?.getAttribute('href'), pageUrl) ?? httpUrl(meta('meta[property="og:url"]'), pageUrl) ?? pageUrl;
  const time = doc.querySelector('time[datetime]')?.getAttribute('datetime') ?? null;
  const named = meta('meta[name="date"]') ?? meta('meta[itemprop="datePublished"]');
  // Readability changes the document it reads, so the page's own metadata is read above, first.
  const article = new Readability<DomNode>(doc as unknown as Document, { serializer: (n) => n as unknown as DomNode }).parse();
  const text = article?.content ? textOfNode(article.content) : '';
  if (!/\p{L}/u.test(text)) throw new FetchProblem(`${pageUrl}: no article text found on the page`);
  const dates = [article?.publishedTime, named, time].filter((d): d is string => Boolean(d && d.trim()));
  return { text, title: article?.title?.trim() || null, author: cleanByline(article?.byline), dates, url, outlet: article?.siteName?.trim() || null };
}

function cleanByline(byline: string | null | undefined): string | null {
  const b = byline?.replace(/^\s*by\s+/i, '').trim();
  return b ? b : null;
}

function httpUrl(raw: string | null | undefined, base: string): string | null {
  if (!raw?.trim()) return null;
  try {
    const u = new URL(raw.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
