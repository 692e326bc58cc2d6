// robots.txt, asked once per site and kept for an hour, as RFC 9309 reads it: a file that is missing or
// forbidden (4xx) allows everything; a site that cannot be reached or fails (5xx, a timeout) is taken to
// disallow everything until it can be asked again (a few minutes later). Crawl-delay, when the site sets one
// for us, slows our requests to it.
import robotsModule from 'robots-parser';

// The package is CommonJS typed as `export default`: loaded from an ES module, its default is the function itself.
const robotsParser = robotsModule as unknown as typeof robotsModule.default;

/** How long an answer holds: a good one an hour, an unreachable site's five minutes. */
const KEEP_MS = 3_600_000;
const KEEP_UNREACHABLE_MS = 300_000;
/** A robots.txt larger than this is read up to here (RFC 9309 asks crawlers to read at least 500 KiB). */
export const ROBOTS_MAX_BYTES = 512 * 1024;

export type RobotsVerdict = { allowed: true } | { allowed: false; why: string };

interface Rules {
  verdict: (url: URL) => RobotsVerdict;
  crawlDelaySeconds: number | null;
  until: number;
}

/** Fetches a site's robots.txt: its status and text, or the error that kept it from being read. */
export type RobotsFetch = (robotsUrl: string) => Promise<{ status: number; text: string } | { error: string }>;

export class RobotsRules {
  private readonly sites = new Map<string, Promise<Rules>>();

  constructor(
    private readonly agent: string,
    private readonly fetchRobots: RobotsFetch,
  ) {}

  /** Whether we may fetch `url`; the site's Crawl-delay for us (seconds) comes along. */
  async check(url: URL): Promise<{ verdict: RobotsVerdict; crawlDelaySeconds: number | null }> {
    const origin = url.origin;
    let rules = this.sites.get(origin);
    if (rules) {
      const r = await rules;
      if (r.until < Date.now()) rules = undefined;
    }
    if (!rules) {
      rules = this.load(origin);
      this.sites.set(origin, rules);
    }
    const r = await rules;
    return { verdict: r.verdict(url), crawlDelaySeconds: r.crawlDelaySeconds };
  }

  private async load(origin: string): Promise<Rules> {
    const robotsUrl = `${origin}/robots.txt`;
    const got = await this.fetchRobots(robotsUrl);
    if ('error' in got) {
      const why = `robots.txt could not be read (${got.error}), so nothing is fetched from ${origin} for now`;
      return { verdict: () => ({ allowed: false, why }), crawlDelaySeconds: null, until: Date.now() + KEEP_UNREACHABLE_MS };
    }
    if (got.status >= 500) {
      const why = `${robotsUrl} answered ${got.status}, so nothing is fetched from ${origin} for now`;
      return { verdict: () => ({ allowed: false, why }), crawlDelaySeconds: null, until: Date.now() + KEEP_UNREACHABLE_MS };
    }
    if (got.status >= 400) return { verdict: () => ({ allowed: true }), crawlDelaySeconds: null, until: Date.now() + KEEP_MS };
    const robots = robotsParser(robotsUrl, got.text);
    return {
      verdict: (url) => {
        if (robots.isAllowed(url.href, this.agent) !== false) return { allowed: true };
        const line = robots.getMatchingLineNumber(url.href, this.agent);
        return { allowed: false, why: `${robotsUrl}${line > 0 ? ` line ${line}` : ''} disallows ${url.pathname}${url.search} for ${this.agent}` };
      },
      crawlDelaySeconds: robots.getCrawlDelay(this.agent) ?? null,
      until: Date.now() + KEEP_MS,
    };
  }
}
