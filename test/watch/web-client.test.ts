// The watcher's requests against a local site (test/watch/feed-server.mjs, 127.0.0.1 only): conditional requests,
// error statuses, time and size limits, redirects and their loops, content types and robots.txt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPT } from '../../src/watch/response-shape.js';
import { ROBOT_NAME, StatusProblem, WebClient, type WebSettings } from '../../src/watch/web-client.js';
import { startFeedServer } from './feed-server.mjs';

type Server = Awaited<ReturnType<typeof startFeedServer>>;
const SETTINGS: WebSettings = { timeoutMs: 5_000, maxBytes: 1024 * 1024, maxRedirects: 5, hostDelayMs: 0 };

let site: Server;
beforeAll(async () => {
  site = await startFeedServer();
});
afterAll(async () => site?.close());

describe('conditional requests', () => {
  it('sends the validators back and takes a 304 as "not modified", with no body', async () => {
    const web = new WebClient(SETTINGS);
    const first = await web.get(`${site.base}/feeds/rss.xml`, { accept: ACCEPT });
    expect(first.status).toBe(200);
    expect(first.etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(first.lastModified).toBe('Wed, 03 Apr 2024 12:00:00 GMT');
    const byEtag = await web.get(`${site.base}/feeds/rss.xml`, { accept: ACCEPT, etag: first.etag });
    expect([byEtag.status, byEtag.body.length]).toEqual([304, 0]);
    const byDate = await web.get(`${site.base}/feeds/rss.xml`, { accept: ACCEPT, lastModified: first.lastModified });
    expect(byDate.status).toBe(304);
    const sent = site.requests.filter((r) => r.path === '/feeds/rss.xml').map((r) => [r.headers['if-none-match'] ?? null, r.headers['if-modified-since'] ?? null]);
    expect(sent.slice(-3)).toEqual([[null, null], [first.etag, null], [null, first.lastModified]]);
  });

  it('names itself to the site', async () => {
    await new WebClient(SETTINGS).get(`${site.base}/feeds/atom.xml`, { accept: ACCEPT });
    expect(site.requests.at(-1)!.headers['user-agent']).toMatch(new RegExp(`^${ROBOT_NAME}/`));
  });
});

describe('a site that fails', () => {
  it('a 500 is an error naming the URL and the status', async () => {
    const e = await new WebClient(SETTINGS).get(`${site.base}/status/500`, { accept: ACCEPT }).catch((x) => x);
    expect(e).toBeInstanceOf(StatusProblem);
    expect([e.message, e.status, e.retryAfter]).toEqual([`${site.base}/status/500: HTTP 500`, 500, null]);
  });

  it("a 503 carries the site's Retry-After", async () => {
    const e = await new WebClient(SETTINGS).get(`${site.base}/status/503`, { accept: ACCEPT }).catch((x) => x);
    expect([e.status, e.retryAfter]).toEqual([503, 7200]);
  });

  it('a request that never answers is cut at the time limit', async () => {
    const web = new WebClient({ ...SETTINGS, timeoutMs: 500 });
    await expect(web.get(`${site.base}/slow`, { accept: ACCEPT })).rejects.toThrow(`${site.base}/slow: no complete answer within 0.5 s`);
  });

  it('a 50 MB answer announced as such is refused without reading it', async () => {
    await expect(new WebClient(SETTINGS).get(`${site.base}/huge`, { accept: ACCEPT })).rejects.toThrow(`${site.base}/huge: 52428800 bytes announced, over the limit of 1048576; not read`);
    expect(site.big.announced.finished).toBe(false);
  });

  it('a 50 MB answer sent without a length is cut off at the limit and its connection closed', async () => {
    await expect(new WebClient(SETTINGS).get(`${site.base}/huge-chunked`, { accept: ACCEPT })).rejects.toThrow(`${site.base}/huge-chunked: cut off past 1048576 bytes, the size limit`);
    // The server stopped well short of 50 MB: what it pushed into the socket's buffers, not the whole answer.
    await new Promise((r) => setTimeout(r, 200));
    expect(site.big.chunked.finished).toBe(false);
    expect(site.big.chunked.sent).toBeLessThan(20 * 1024 * 1024);
  });

  it('a redirect loop is one error, showing the loop', async () => {
    await expect(new WebClient(SETTINGS).get(`${site.base}/loop/a`, { accept: ACCEPT })).rejects.toThrow(`redirect loop: ${site.base}/loop/a -> ${site.base}/loop/b -> ${site.base}/loop/a`);
  });

  it('a plain redirect is followed, and the answer says where it ended', async () => {
    const r = await new WebClient(SETTINGS).get(`${site.base}/moved`, { accept: ACCEPT });
    expect([r.status, r.url]).toEqual([200, `${site.base}/feeds/atom.xml`]);
  });

  it('more redirects than allowed is an error', async () => {
    await expect(new WebClient({ ...SETTINGS, maxRedirects: 0 }).get(`${site.base}/moved`, { accept: ACCEPT })).rejects.toThrow('more than 0 redirects');
  });

  it('nobody listening: its robots.txt cannot be read, so nothing is fetched from it, and the error says why', async () => {
    const closed = await startFeedServer();
    const { base } = closed;
    await closed.close();
    await expect(new WebClient(SETTINGS).get(`${base}/feeds/rss.xml`, { accept: ACCEPT })).rejects.toThrow(
      `robots.txt could not be read (${base}/robots.txt: cannot fetch (ECONNREFUSED)), so nothing is fetched from ${base} for now`,
    );
  });
});

describe('robots.txt', () => {
  it('is asked once per site, and a disallowed path is never requested', async () => {
    const own = await startFeedServer();
    try {
      const web = new WebClient(SETTINGS);
      await web.get(`${own.base}/feeds/rss.xml`, { accept: ACCEPT });
      await expect(web.get(`${own.base}/private/leak.html`, { accept: ACCEPT })).rejects.toThrow(`${own.base}/robots.txt line 3 disallows /private/leak.html for ${ROBOT_NAME}`);
      expect(own.hits('/robots.txt')).toBe(1);
      expect(own.hits('/private/leak.html')).toBe(0);
    } finally {
      await own.close();
    }
  });

  it('a redirect into a disallowed path is stopped there', async () => {
    const own = await startFeedServer({ robots: 'User-agent: ObservatoryBot\nDisallow: /feeds/atom.xml\n' });
    try {
      await expect(new WebClient(SETTINGS).get(`${own.base}/moved`, { accept: ACCEPT })).rejects.toThrow('disallows /feeds/atom.xml');
      expect(own.hits('/feeds/atom.xml')).toBe(0);
    } finally {
      await own.close();
    }
  });

  it('a robots.txt that fails (5xx) keeps us off the whole site for now', async () => {
    const own = await startFeedServer({ robotsStatus: 503 });
    try {
      await expect(new WebClient(SETTINGS).get(`${own.base}/feeds/rss.xml`, { accept: ACCEPT })).rejects.toThrow(`${own.base}/robots.txt answered 503, so nothing is fetched from ${own.base} for now`);
      expect(own.hits('/feeds/rss.xml')).toBe(0);
    } finally {
      await own.close();
    }
  });

  it('rules for another robot leave us alone; a missing robots.txt allows everything', async () => {
    const other = await startFeedServer({ robots: 'User-agent: SomeOtherBot\nDisallow: /\n' });
    const none = await startFeedServer({ robots: null });
    try {
      for (const s of [other, none]) expect((await new WebClient(SETTINGS).get(`${s.base}/private/leak.html`, { accept: ACCEPT })).status).toBe(200);
    } finally {
      await other.close();
      await none.close();
    }
  });

  it("a site's Crawl-delay for us spaces our requests to it", async () => {
    const own = await startFeedServer({ robots: 'User-agent: *\nCrawl-delay: 1\n' });
    try {
      const web = new WebClient(SETTINGS);
      await web.get(`${own.base}/feeds/rss.xml`, { accept: ACCEPT });
      await web.get(`${own.base}/feeds/atom.xml`, { accept: ACCEPT });
      const [a, b] = own.requests.filter((r) => r.path.startsWith('/feeds/'));
      expect(b.at - a.at).toBeGreaterThanOrEqual(990);
    } finally {
      await own.close();
    }
  });
});
