import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FetchProblem } from './bounded-get.js';
import { readFeed } from './read-feed.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/feeds/${name}`, import.meta.url), 'utf8');
const AT = 'http://site.test/feeds/';

describe('feeds in every format, as entries oldest first', () => {
  it('RSS 2.0: guids as keys, relative links made whole, content:encoded as the full text, teasers apart', () => {
    const feed = readFeed(fixture('rss.xml'), `${AT}rss.xml`);
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('Levant Wire: Syria');
    expect(feed.entries.map((e) => [e.key, e.link, e.date, e.author])).toEqual([
      ['id:levant-wire-2024-0313-talrifaat', 'http://feeds.test/articles/tal-rifaat.html', 'Wed, 13 Mar 2024 18:05:00 +0200', 'Levant Wire desk'],
      ['id:levant-wire-2024-0312-clinic', 'http://site.test/articles/cluttered.html', 'Tue, 12 Mar 2024 09:15:00 +0200', null],
      ['id:levant-wire-2024-0311-jisr', 'http://site.test/articles/jisr-mortar.html', 'Mon, 11 Mar 2024 07:40:00 +0200', 'Staff reporter'],
    ].reverse().reverse());
    const [full, teaser] = feed.entries;
    expect(full.content && 'html' in full.content && full.content.html).toMatch(/^<p>ALEPPO, March 13/);
    expect(teaser.content).toBeNull();
    expect(teaser.summary).toBe('A strike hit a clinic in Maarat al-Numan...');
  });

  it('Atom: ids as keys, the alternate link, HTML content', () => {
    const feed = readFeed(fixture('atom.xml'), `${AT}atom.xml`);
    expect(feed.format).toBe('atom');
    expect(feed.entries.map((e) => [e.key, e.link, e.title, e.author, e.date])).toEqual([
      ['id:urn:observatory-test:yemen-monitor:2024-04-03-taiz', 'http://site.test/bulletins/taiz-shelling', 'Shelling wounds four in Taiz', 'Yemen Monitor field team', '2024-04-03T10:05:00+03:00'],
      ['id:urn:observatory-test:yemen-monitor:2024-04-02-saada', 'http://site.test/bulletins/saada-strikes', 'Air strikes kill five in Saada governorate', 'Yemen Monitor field team', '2024-04-02T16:20:00+03:00'],
    ]);
    expect(feed.entries[1].content).toEqual({ html: expect.stringMatching(/^<p>Air strikes killed five people/) });
  });

  it('JSON Feed: content_text as text, content_html as HTML', () => {
    const feed = readFeed(fixture('feed.json'), `${AT}feed.json`);
    expect(feed.format).toBe('json');
    expect(feed.entries.map((e) => e.key)).toEqual(['id:sahel-watch-2024-05-07-soum', 'id:sahel-watch-2024-05-06-mopti']);
    expect(feed.entries[0].content).toEqual({ html: expect.stringMatching(/^<p>Twelve soldiers/) });
    expect(feed.entries[1].content).toEqual({ text: expect.stringMatching(/^Gunmen on motorbikes killed nine villagers/) });
    expect(feed.entries[1].author).toBe('Sahel Watch');
  });

  it('an entry without guid or link is keyed by its title and text, the same on every read', () => {
    const rss = (title: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>${title}</title><description>Two killed in Homs.</description></item></channel></rss>`;
    const a = readFeed(rss('Shelling in Homs'), AT).entries[0].key;
    expect(a).toMatch(/^hash:[0-9a-f]{32}$/);
    expect(readFeed(rss('Shelling in Homs'), AT).entries[0].key).toBe(a);
    expect(readFeed(rss('Shelling in Hama'), AT).entries[0].key).not.toBe(a);
  });

  it('a feed cut off mid-element is refused in one line naming it', () => {
    expect(() => readFeed(fixture('malformed.xml'), `${AT}malformed.xml`)).toThrow(FetchProblem);
    expect(() => readFeed(fixture('malformed.xml'), `${AT}malformed.xml`)).toThrow(/^http:\/\/site\.test\/feeds\/malformed\.xml: not a readable feed/);
  });

  it('a page that is no feed is refused the same way', () => {
    expect(() => readFeed('<html><body><p>Hello</p></body></html>', AT)).toThrow(/not a readable feed/);
  });
});
