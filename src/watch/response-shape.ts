// What a fetched body is: an XML feed (RSS, Atom, RDF), a JSON Feed, or a web page, told from its first
// characters with the declared content type as the gate (a feed served as text/html is still a feed; an image
// or a PDF is neither, and is refused by its type). Decoded with the charset the answer or the document declares.
import { FetchProblem } from './bounded-get.js';

export type Shape = 'xml-feed' | 'json-feed' | 'page';

/** The types a feed or a page may be served as; anything else is refused unread (a missing type is sniffed). */
const TEXT_TYPES = /^(?:text\/(?:html|xml|plain)|application\/(?:(?:rss|atom|rdf|xhtml)\+xml|xml|feed\+json|json))$/;

export const ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.8, */*;q=0.1';

export function shapeOf(url: string, contentType: string | null, body: Buffer): { shape: Shape; text: string } {
  const type = contentType?.split(';')[0].trim().toLowerCase() || null;
  if (type && !TEXT_TYPES.test(type)) throw new FetchProblem(`${url}: content type ${type} is neither a feed nor a web page`);
  if (body.length === 0) throw new FetchProblem(`${url}: the answer is empty`);
  const text = decode(body, contentType);
  const head = text.slice(0, 1024).replace(/^\s+/, '').toLowerCase();
  if (head.startsWith('{')) return { shape: 'json-feed', text };
  const html = /^<!doctype html|^<html|<html[\s>]/.test(head);
  if (!html && /<(?:rss|feed|rdf:rdf)[\s>]/.test(head)) return { shape: 'xml-feed', text };
  if (html || type === 'text/html' || type === 'application/xhtml+xml') return { shape: 'page', text };
  if (head.startsWith('<')) return { shape: 'xml-feed', text };
  throw new FetchProblem(`${url}: neither a feed nor a web page (it starts "${text.slice(0, 40).replace(/\s+/g, ' ')}")`);
}

function decode(body: Buffer, contentType: string | null): string {
  const head = body.subarray(0, 2048).toString('latin1');
  const label =
    /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ??
    /<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)/i.exec(head)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ??
    'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(body);
}
