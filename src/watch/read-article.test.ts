import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { readArticlePage } from './read-article.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/feeds/${name}`, import.meta.url), 'utf8');
const marker = () => (globalThis as { __observatoryFixtureRan?: unknown }).__observatoryFixtureRan;

afterEach(() => {
  delete (globalThis as { __observatoryFixtureRan?: unknown }).__observatoryFixtureRan;
});

describe('an article page, read', () => {
  it("keeps the article's paragraphs and the page's metadata: title, author, date, canonical URL, outlet", () => {
    const page = readArticlePage(fixture('articles/jisr-mortar.html'), 'http://site.test/articles/jisr-mortar.html');
    expect(page.title).toBe('Mortar fire kills two in Jisr al-Shughur');
    expect(page.author).toBe('Rana Haddad');
    expect(page.dates[0]).toBe('2024-03-11T07:40:00+02:00');
    expect(page.url).toBe('http://site.test/news/2024/03/11/jisr-al-shughur-mortar');
    expect(page.outlet).toBe('Levant Wire');
    const paragraphs = page.text.split('\n\n');
    expect(paragraphs.some((p) => p.startsWith('IDLIB, March 11 (Levant Wire) - Two civilians were killed'))).toBe(true);
    expect(paragraphs.at(-1)).toBe('There was no comment from the Syrian army, which says it targets armed groups in the area.');
    for (const chrome of ['Iraq', 'Yemen', 'Written for Observatory']) expect(page.text).not.toContain(chrome);
  });

  it('takes the article out of navigation, a cookie banner, ads, a sidebar and share bars, and runs none of its scripts', () => {
    const page = readArticlePage(fixture('articles/cluttered.html'), 'http://site.test/articles/cluttered.html');
    expect(page.text).toContain('An air strike hit a clinic on the eastern edge of Maarat al-Numan');
    expect(page.text).toContain('A nurse at the clinic said the building was clearly marked');
    for (const clutter of ['Cheap flights', 'Accept all', 'Football club', 'mattress', 'Share this story', 'Earlier strikes on clinics', 'Privacy', 'INJECTED BY SCRIPT', '__observatoryFixtureRan', 'Learn English'])
      expect(page.text, clutter).not.toContain(clutter);
    expect(marker()).toBeUndefined();
    expect(page.outlet).toBe('Idlib Daily');
    expect(page.author).toBe('Omar Khatib');
    // No canonical link: the page is where it was fetched.
    expect(page.url).toBe('http://site.test/articles/cluttered.html');
  });

  it('reads the publication date from JSON-LD', () => {
    const page = readArticlePage(fixture('articles/standalone.html'), 'http://site.test/articles/standalone.html');
    expect(page.dates[0]).toBe('2024-06-18T11:00:00+03:00');
    expect(page.url).toBe('http://feeds.test/iraq/kirkuk-car-bomb');
  });

  it('a page with no article text is refused in one line naming it', () => {
    expect(() => readArticlePage('<html><body><div><img src="/chart.png"></div><script>document.write("Shelling killed two.")</script></body></html>', 'http://site.test/empty')).toThrow(/^http:\/\/site\.test\/empty: no article text found/);
  });
});
