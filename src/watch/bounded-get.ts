// One HTTP GET that cannot run away: a time limit on each request (headers and body), a size limit (a body
// announced larger is refused unread; one that grows past it is cut off and its connection closed), a limit on
// redirects, each of which is a request of its own (so robots.txt and the per-host pace apply to it too), and a
// redirect loop named as one error. Conditional headers make an unchanged resource a 304 with no body.

export interface HttpLimits {
  /** Per request, from sending it to the last byte of its body (time this process spent busy elsewhere not counted). */
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
}

export interface GetOptions {
  accept: string;
  etag?: string | null;
  lastModified?: string | null;
  /** Runs each request, redirects included: where robots.txt is asked and requests to one host are paced. */
  through: <T>(url: URL, send: () => Promise<T>) => Promise<T>;
}

export interface Fetched {
  /** Where the body came from, after redirects. */
  url: string;
  status: number;
  contentType: string | null;
  /** Empty unless the status is 2xx. */
  body: Buffer;
  etag: string | null;
  lastModified: string | null;
  /** Seconds, from a Retry-After header, for a 429 or 503. */
  retryAfter: number | null;
}

/** A request that failed before any status could be read, worded for the source's error line. */
export class FetchProblem extends Error {}

export async function boundedGet(start: string, limits: HttpLimits, options: GetOptions): Promise<Fetched> {
  const chain: string[] = [];
  let url = parseHttpUrl(start);
  for (;;) {
    chain.push(url.href);
    const target = url;
    const hop = await options.through(target, () => send(target, limits, options));
    if (!('location' in hop)) return hop;
    const next = hop.location;
    if (chain.includes(next.href)) throw new FetchProblem(`redirect loop: ${[...chain, next.href].join(' -> ')}`);
    if (chain.length > limits.maxRedirects) throw new FetchProblem(`more than ${limits.maxRedirects} redirects from ${start} (last to ${next.href})`);
    url = next;
  }
}

function parseHttpUrl(raw: string, base?: URL): URL {
  let u: URL;
  try {
    u = new URL(raw, base);
  } catch {
    throw new FetchProblem(`"${raw}" is not a URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new FetchProblem(`${u.href}: only http and https are fetched`);
  u.hash = '';
  return u;
}

/** Connection errors that mean a kept-alive connection was closed by the server as we reused it. */
const STALE_CONNECTION = new Set(['UND_ERR_SOCKET', 'ECONNRESET']);

async function send(url: URL, limits: HttpLimits, options: GetOptions, retry = true): Promise<Fetched | { location: URL }> {
  const abort = new AbortController();
  const stopClock = clock(limits.timeoutMs, () => abort.abort(new FetchProblem(`${url.href}: no complete answer within ${limits.timeoutMs / 1000} s`)));
  try {
    const headers: Record<string, string> = { 'user-agent': limits.userAgent, accept: options.accept };
    if (options.etag) headers['if-none-match'] = options.etag;
    if (options.lastModified) headers['if-modified-since'] = options.lastModified;
    let res: Response;
    try {
      res = await fetch(url, { headers, redirect: 'manual', signal: abort.signal });
    } catch (e) {
      // A GET is safe to send again, once, on a fresh connection.
      if (retry && !abort.signal.aborted && STALE_CONNECTION.has((e as { cause?: { code?: string } }).cause?.code ?? '')) return send(url, limits, options, false);
      throw problemOf(url, e, abort.signal);
    }
    const h = (name: string) => res.headers.get(name);
    if (res.status >= 300 && res.status < 400 && res.status !== 304) {
      await res.body?.cancel();
      const location = h('location');
      if (!location) throw new FetchProblem(`${url.href}: ${res.status} redirect without a Location`);
      return { location: parseHttpUrl(location, url) };
    }
    const meta = { url: url.href, status: res.status, contentType: h('content-type'), etag: h('etag'), lastModified: h('last-modified'), retryAfter: retryAfterSeconds(h('retry-after')) };
    if (res.status < 200 || res.status >= 300) {
      await res.body?.cancel();
      return { ...meta, body: Buffer.alloc(0) };
    }
    const announced = Number(h('content-length'));
    if (Number.isFinite(announced) && announced > limits.maxBytes) {
      abort.abort();
      throw new FetchProblem(`${url.href}: ${announced} bytes announced, over the limit of ${limits.maxBytes}; not read`);
    }
    return { ...meta, body: await readCapped(url, res, limits.maxBytes, abort) };
  } finally {
    stopClock();
  }
}

/** How often the request's clock looks at the time; a longer gap is this process busy (extracting), not the site slow. */
const CLOCK_STEP_MS = 100;

/**
 * Calls `expire` once `ms` of waiting have passed, counting only the time this process was free to read an answer:
 * while the event loop is held by our own work (extraction is synchronous), an answer that arrived waits unread,
 * and a plain timer would blame the site for it. Returns the function that stops the clock.
 */
function clock(ms: number, expire: () => void): () => void {
  let spent = 0;
  let last = performance.now();
  const step = Math.min(CLOCK_STEP_MS, ms);
  const t = setInterval(() => {
    const now = performance.now();
    spent += Math.min(now - last, 2 * step);
    last = now;
    if (spent >= ms) {
      clearInterval(t);
      expire();
    }
  }, step);
  return () => clearInterval(t);
}

async function readCapped(url: URL, res: Response, maxBytes: number, abort: AbortController): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        // Closing the connection stops the sender; nothing more is read.
        abort.abort();
        throw new FetchProblem(`${url.href}: cut off past ${maxBytes} bytes, the size limit`);
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof FetchProblem) throw e;
    throw problemOf(url, e, abort.signal);
  }
  return Buffer.concat(chunks);
}

function problemOf(url: URL, e: unknown, signal: AbortSignal): FetchProblem {
  if (signal.aborted && signal.reason instanceof FetchProblem) return signal.reason;
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const why = cause?.code ?? cause?.message ?? (e as Error).message;
  return new FetchProblem(`${url.href}: cannot fetch (${why})`);
}

/** Retry-After as seconds: a number of seconds or an HTTP date. */
function retryAfterSeconds(v: string | null): number | null {
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.max(0, Math.round((t - Date.now()) / 1000));
}
