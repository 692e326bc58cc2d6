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

// Generated bulletins: a place, a means, a figure, who said so, and a line of context, each drawn from a short
// list by the bulletin's numbers, so that no two bulletins tell the same story and the wording varies as outlets' does.
const PLACES = [
  ['Saraqeb', 'Idlib province'], ['Ariha', 'Idlib province'], ['Douma', 'Rural Damascus'], ['Manbij', 'Aleppo province'], ['Al-Bab', 'Aleppo province'],
  ['Rastan', 'Homs province'], ['Nawa', 'Daraa province'], ['Hajin', 'Deir ez-Zor province'], ['Tabqa', 'Raqqa province'], ['Taiz', 'Taiz governorate'],
  ['Marib', 'Marib governorate'], ['Saada', 'Saada governorate'], ['Kunduz', 'Kunduz province'], ['Lashkar Gah', 'Helmand province'], ['Mopti', 'the Mopti region'],
  ['Djibo', 'the Sahel region'], ['El Fasher', 'North Darfur'], ['Nyala', 'South Darfur'], ['Beledweyne', 'the Hiran region'], ['Maiduguri', 'Borno state'],
  ['Kherson', 'Kherson oblast'], ['Avdiivka', 'Donetsk oblast'], ['Kirkuk', 'Kirkuk governorate'], ['Ramadi', 'Anbar province'],
];
const MEANS = [
  ['Shelling', 'shells'], ['An air strike', 'warplanes'], ['A car bomb', 'a parked car packed with explosives'], ['Rocket fire', 'rockets'],
  ['A drone strike', 'a drone'], ['Gunmen', 'gunmen on motorbikes'], ['A roadside bomb', 'a bomb hidden by the road'], ['Mortar fire', 'mortar rounds'],
];
const VICTIMS = ['civilians', 'people', 'soldiers', 'fighters', 'villagers', 'members of one family', 'market traders', 'displaced people'];
const SAYERS = [
  'a monitoring group said', 'local officials said', 'a hospital director said', 'residents told reporters',
  'the civil defence said', 'the health ministry said', 'a spokesman for the armed forces said', 'a local council member said',
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const CONTEXT = [
  (town) => `Rescue teams searched the rubble in ${town} through the night.`,
  (town) => `The main road out of ${town} was closed for several hours afterwards.`,
  () => 'No group said it had carried out the attack.',
  () => 'There was no immediate comment from the government.',
  (town) => `Schools in ${town} were told to stay shut for the rest of the week.`,
  () => 'The wounded were taken to two hospitals that said they were short of blood.',
  (town) => `It was the third attack on ${town} this month, residents said.`,
  () => 'The account could not be independently verified.',
];

/** The text of generated bulletin `k` of feed `n`: a distinct story for every (n, k), and a report the engine reads. */
export function bulletin(n, k) {
  const i = n * 50 + k;
  const [town, region] = PLACES[(n * 7 + k) % PLACES.length];
  const [means, by] = MEANS[(n + 3 * k) % MEANS.length];
  const victims = VICTIMS[(n * 5 + k) % VICTIMS.length];
  const killed = 2 + ((n * 13 + k * 5) % 40);
  const wounded = 2 + ((n * 3 + k * 11) % 25);
  const day = DAYS[(n + 2 * k) % DAYS.length];
  const sayer = SAYERS[(n * 3 + k * 7) % SAYERS.length];
  const context = CONTEXT[(n + k * 5) % CONTEXT.length](town);
  const lead = [
    `${means} killed ${killed} ${victims} in ${town} in ${region} on ${day}, ${sayer}.`,
    `At least ${killed} ${victims} were killed on ${day} when ${by} hit ${town}, in ${region}, ${sayer}.`,
    `${sayer[0].toUpperCase()}${sayer.slice(1)} that ${killed} ${victims} died in ${town} on ${day} in an attack by ${by} on the centre of the town.`,
  ][i % 3];
  return {
    title: `${means} kills ${killed} in ${town} (bulletin ${n}-${k})`,
    text: `${lead} Another ${wounded} were wounded, according to dispatch ${n}-${k}.\n\n${context}`,
    day: `2024-0${1 + (k % 9)}-${String(1 + ((n + k) % 28)).padStart(2, '0')}`,
  };
}

// One story at three outlets (test/fixtures/syndication/): each outlet's feed links to its own page, under its
// own headline; the Daily adds a background paragraph, the Post its credit line, social prompt and copyright.
const SYNDICATION = fileURLToPath(new URL('../fixtures/syndication/', import.meta.url));
export const OUTLETS = {
  wire: { file: 'wire-story', site: 'Levant Wire', headline: 'Air strike kills 10 at Syrian market' },
  daily: { file: 'trailing-paragraph', site: 'Levant Daily Mirror', headline: 'Market strike in Idlib town leaves 10 dead, monitor says' },
  post: { file: 'boilerplate', site: 'Gulf Evening Post', headline: 'Ten civilians killed as jets hit Saraqeb market' },
};

function outletFeed(base, name) {
  const o = OUTLETS[name];
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${o.site}</title><link>${base}/</link><description>World news</description><item><title>${o.headline}</title><link>${base}/outlets/${name}/saraqeb-market.html</link><guid isPermaLink="false">${name}-saraqeb</guid><pubDate>Mon, 06 Mar 2017 14:00:00 GMT</pubDate><description>A teaser.</description></item></channel></rss>`;
}

function outletPage(name) {
  const o = OUTLETS[name];
  const paragraphs = readFileSync(`${SYNDICATION}${o.file}.txt`, 'utf8').trim().split(/\n\s*\n/);
  return `<!doctype html><html><head><meta charset="utf-8"><title>${o.headline} | ${o.site}</title><meta property="og:site_name" content="${o.site}"><meta property="article:published_time" content="2017-03-06T14:00:00Z"></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>${o.headline}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article><footer>${o.site}</footer></body></html>`;
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
 * fixture page waits this long before answering), feedDelayMs (each generated feed waits this long), generatedItems
 * (entries per generated feed, default 50), generatedInFeed (generated entries carry their text, so no page is
 * fetched), holdOnce (a path whose first request is never answered: a request in flight for as long as a test needs).
 */
export async function startFeedServer(options = {}) {
  const requests = [];
  const big = { announced: { sent: 0, finished: false }, chunked: { sent: 0, finished: false } };
  const hanging = new Set();
  let base = '';
  let held = false;
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
    const later = (fn, ms = options.pageDelayMs) => (ms ? setTimeout(fn, ms) : fn());
    if (path === options.holdOnce && !held) {
      held = true;
      hanging.add(res);
      return;
    }

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
    if (gen) return later(() => conditional(generatedFeed(base, Number(gen[1]), items, Boolean(options.generatedInFeed)), 'application/rss+xml; charset=utf-8'), options.feedDelayMs);
    const genPage = /^\/generated\/(\d+)\/(\d+)\.html$/.exec(path);
    if (genPage) return later(() => send(200, 'text/html; charset=utf-8', generatedPage(Number(genPage[1]), Number(genPage[2]))));
    const outlet = /^\/outlets\/(\w+)(\.xml|\/saraqeb-market\.html)$/.exec(path);
    if (outlet && OUTLETS[outlet[1]]) return outlet[2] === '.xml' ? send(200, 'application/rss+xml; charset=utf-8', outletFeed(base, outlet[1])) : send(200, 'text/html; charset=utf-8', outletPage(outlet[1]));
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
