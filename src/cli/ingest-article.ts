// The one place the watcher stores what it read: an article (from a feed, a page or a watched folder) goes
// through the same rules, extraction and store path as `observatory ingest`, with the watched source's claimant
// kind as the publisher's default, and is marked seen for its source in the transaction that stores its report.
import type { FetchedArticle } from '../watch/article.js';
import type { IngestStatus, Store } from '../store/store.js';
import { ingestItem } from './commands/ingest.js';

export async function ingestArticle(store: Store, a: FetchedArticle): Promise<IngestStatus> {
  return ingestItem(
    store,
    { path: a.from.path, line: a.from.line, id: a.key, url: a.url, text: a.text, meta: { published: a.published, source: a.outlet ?? a.source.name, title: a.title, publisher_kind: a.source.kind } },
    { seen: { source: a.source.name, key: a.key, url: a.url, title: a.title, author: a.author, published: a.published, outlet: a.outlet } },
  );
}
