// The watcher's one way onto the web: every request (redirects included) asks robots.txt first and waits its
// turn at its host (HostPacer), and goes out as a bounded GET. A 2xx or a 304 comes back; any other status is
// an error naming it.
import { boundedGet, FetchProblem, type Fetched, type HttpLimits } from './bounded-get.js';
import { HostPacer } from './host-pacer.js';
import { RobotsRules } from './robots.js';

/** The name robots.txt files address us by. */
export const ROBOT_NAME = 'ObservatoryBot';
export const USER_AGENT = `${ROBOT_NAME}/0.1 (conflict monitoring desk; reads feeds and article pages, one request at a time per site)`;

export interface WebSettings {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** The least pause between two requests to one host. */
  hostDelayMs: number;
}

/** A status other than 2xx or 304, with the site's Retry-After when it gave one. */
export class StatusProblem extends FetchProblem {
  constructor(
    message: string,
    readonly status: number,
    readonly retryAfter: number | null,
  ) {
    super(message);
  }
}

export class WebClient {
  private readonly pacer: HostPacer;
  private readonly robots: RobotsRules;
  private readonly limits: HttpLimits;

  constructor(settings: WebSettings) {
    this.limits = { timeoutMs: settings.timeoutMs, maxBytes: settings.maxBytes, maxRedirects: settings.maxRedirects, userAgent: USER_AGENT };
    this.pacer = new HostPacer(settings.hostDelayMs);
    this.robots = new RobotsRules(ROBOT_NAME, async (robotsUrl) => {
      try {
        const r = await boundedGet(robotsUrl, this.limits, { accept: 'text/plain', through: (u, send) => this.pacer.run(u.host, send) });
        return { status: r.status, text: r.body.toString('utf8') };
      } catch (e) {
        return { error: (e as Error).message };
      }
    });
  }

  /** A 2xx answer with its body, or a 304 (status 304, no body) when validators were given and nothing changed. */
  async get(url: string, options: { accept: string; etag?: string | null; lastModified?: string | null }): Promise<Fetched> {
    const r = await boundedGet(url, this.limits, { ...options, through: (u, send) => this.polite(u, send) });
    if (r.status === 304 || (r.status >= 200 && r.status < 300)) return r;
    throw new StatusProblem(`${r.url}: HTTP ${r.status}`, r.status, r.retryAfter);
  }

  private async polite<T>(url: URL, send: () => Promise<T>): Promise<T> {
    const { verdict, crawlDelaySeconds } = await this.robots.check(url);
    if (!verdict.allowed) throw new FetchProblem(verdict.why);
    if (crawlDelaySeconds) this.pacer.setSiteDelay(url.host, crawlDelaySeconds * 1000);
    return this.pacer.run(url.host, send);
  }
}
