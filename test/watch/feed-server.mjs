// A local web site for the watcher's tests and benchmark: node:http on 127.0.0.1 (never the network), serving
// the fixtures of test/fixtures/feeds/ and the answers a hostile or broken site gives (see its README), plus
// generated feeds of invented bulletins for the benchmark and the crash test. Every request is recorded.
// Plain JavaScript, so bench/ can use it without a build.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/feeds/', import.meta.url));
const LAST_MODIFIED = 'Wed, 03 Apr 2024 12:00:00 GMT';

const TYPES = {
  'rss.xml': 'application/rss+xml; charset=utf-8',
  'rss-private.xml': 'application/rss+xml; charset=utf-8',
  'atom.xml': 'application/atom+xml; charset=utf-8',
  'feed.json': 'application/feed+json; charset=utf-8',
  'malformed.xml': 'application/rss+xml; charset=utf-8',
};

const TOWNS = [
  ['Saraqeb', 'Idlib'], ['Ariha', 'Idlib'], ['Douma', 'Rural Damascus'], ['Harasta', 'Rural Damascus'], ['Manbij', 'Aleppo'],
  ['Al-Bab', 'Aleppo'], ['Talbiseh', 'Homs'], ['Rastan', 'Homs'], ['Nawa', 'Daraa'], ['Tafas', 'Daraa'], ['Hajin', 'Deir ez-Zor'],
  ['Al-Mayadin', 'Deir ez-Zor'], ['Tabqa', 'Raqqa'], ['Latamneh', 'Hama'], ['Kafr Zita', 'Hama'], ['Jisr al-Shughur', 'Idlib'],
];
const MEANS = ['Shelling', 'An air strike', 'A car bomb', 'Rocket fire', 'A drone strike'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The text of generated bulletin `k` of feed `n`: distinct for every (n, k), and a report the engine reads. */
export function bulletin(n, k) {
  const [town, region] = TOWNS[(n * 7 + k) % TOWNS.length];
  const killed = 2 + ((n * 13 + k * 5) % 40);
  const wounded = 1 + ((n * 3 + k * 11) % 25);
  const means = MEANS[(n + k) % MEANS.length];
  const day = DAYS[(n + 2 * k) % DAYS.length];
  return {
    title: `${means} kills ${killed} in ${town} (bulletin ${n}-${k})`,
    text:
      `${means} killed ${killed} civilians in ${town} in ${region} province on ${day}, the Syrian Observatory for Human Rights said. ` +
      `The monitor said ${wounded} other people were wounded, some of them critically, in bulletin ${n}-${k} of its daily count.\n\n` +
      `Residents said rescue teams worked through the night in ${town}. There was no immediate comment from the government.`,
    day: `2024-0${1 + (k % 9)}-${String(1 + ((n + k) % 28)).padStart(2, '0')}`,
  };
}

function generatedFeed(base, n, items, inFeed) {
  const entries = [];
  for (let k = items - 1; k >= 0; k--) {
    const b = bulletin(n, k);
    const link = `${base}/generated/${n}/${k}.html`;
    const body = inFeed ? `<content:encoded><![CDATA[${b.text.split('\n\n').map((p) => `<p>${p}</p>`).join('')}]]></content:encoded>` : '';
    entries.push(`<item><title>${b.title}</title><link>${link}</link><guid isPermaLink="false">gen-${n}-${k}</guid><pubDate>${new Date(`${b.day}T10:00:00Z`).toUTCString()}</pubDate><description>A bulletin from the monitor.</description>${body}</item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Generated feed ${n}</title><link>${base}/</link><description>Invented bulletins for Observatory's tests</description>${entries.join('')}</channel></rss>`;
}

function generatedPage(n, k) {
  const b = bulletin(n, k);
  return `<!doctype html><html><head><meta charset="utf-8"><title>${b.title}</title><meta property="og:site_name" content="Generated Monitor"><meta property="article:published_time" content="${b.day}T10:00:00Z"></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>${b.title}</h1>${b.text.split('\n\n').map((p) => `<p>${p}</p>`).join('')}</article><footer>Generated for Observatory's tests.</footer></body></html>`;
}

/**
 * Starts the site. Options: robots (the robots.txt text, null for none: 404), robotsStatus (robots.txt answers this
 * status instead), pageDelayMs (each generated or
 * fixture page waits this long before answering), generatedItems (entries per generated feed, default 50),
 * generatedInFeed (generated entries carry their text, so no page is fetched).
 */
export async function startFeedServer(options = {}) {
  const requests = [];
  const big = { announced: { sent: 0, finished: false }, chunked: { sent: 0, finished: false } };
  const hanging = new Set();
  let base = '';
  const items = options.generatedItems ?? 50;

  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://local');
    const path = url.pathname;
    requests.push({ path, at: Date.now(), headers: req.headers });
    const send = (status, type, body, headers = {}) => {
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(body);
    };
    const conditional = (body, type) => {
      const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      if (req.headers['if-none-match'] === etag || req.headers['if-modified-since'] === LAST_MODIFIED) {
        res.writeHead(304, { etag, 'last-modified': LAST_MODIFIED });
        return res.end();
      }
      send(200, type, body, { etag, 'last-modified': LAST_MODIFIED });
    };
    const later = (fn) => (options.pageDelayMs ? setTimeout(fn, options.pageDelayMs) : fn());

    if (path === '/robots.txt') {
      if (options.robotsStatus) return send(options.robotsStatus, 'text/plain', 'robots.txt is down');
      if (options.robots === null) return send(404, 'text/plain', 'no robots.txt here');
      return send(200, 'text/plain', options.robots ?? readFileSync(`${FIXTURES}robots.txt`));
    }
    const fixture = /^\/feeds\/([\w.-]+)$/.exec(path);
    if (fixture && TYPES[fixture[1]]) return conditional(readFileSync(`${FIXTURES}${fixture[1]}`), TYPES[fixture[1]]);
    const page = /^\/(articles|private)\/([\w-]+\.html)$/.exec(path);
    if (page) return later(() => send(200, 'text/html; charset=utf-8', readFileSync(`${FIXTURES}${page[1]}/${page[2]}`)));
    const gen = /^\/generated\/feed-(\d+)\.xml$/.exec(path);
    if (gen) return conditional(generatedFeed(base, Number(gen[1]), items, Boolean(options.generatedInFeed)), 'application/rss+xml; charset=utf-8');
    const genPage = /^\/generated\/(\d+)\/(\d+)\.html$/.exec(path);
    if (genPage) return later(() => send(200, 'text/html; charset=utf-8', generatedPage(Number(genPage[1]), Number(genPage[2]))));
    if (path === '/status/500') return send(500, 'text/plain', 'internal error');
    if (path === '/status/503') return send(503, 'text/plain', 'busy', { 'retry-after': '7200' });
    if (path === '/slow') {
      hanging.add(res);
      return;
    }
    if (path === '/loop/a') return send(302, 'text/plain', '', { location: '/loop/b' });
    if (path === '/loop/b') return send(302, 'text/plain', '', { location: '/loop/a' });
    if (path === '/moved') return send(301, 'text/plain', '', { location: '/feeds/atom.xml' });
    if (path === '/image.png') return send(200, 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    if (path === '/huge' || path === '/huge-chunked') {
      const total = 50 * 1024 * 1024;
      const state = path === '/huge' ? big.announced : big.chunked;
      res.writeHead(200, { 'content-type': 'application/rss+xml', ...(path === '/huge' ? { 'content-length': String(total) } : {}) });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (state.sent < total) {
          state.sent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
        state.finished = true;
        res.end();
      };
      res.on('close', () => res.destroy());
      return pump();
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  return {
    base,
    requests,
    big,
    /** Requests for this path so far. */
    hits: (path) => requests.filter((r) => r.path === path).length,
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
