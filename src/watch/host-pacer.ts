// Politeness towards each site: requests to one host go one at a time, in the order asked, with a pause
// between the end of one and the start of the next (the watcher's delay, or the site's Crawl-delay when longer).
// Requests to different hosts do not wait for each other.

export class HostPacer {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly lastEnd = new Map<string, number>();
  private readonly siteDelay = new Map<string, number>();

  constructor(private readonly delayMs: number) {}

  /** A host's own wish (robots.txt Crawl-delay), in milliseconds. */
  setSiteDelay(host: string, ms: number): void {
    this.siteDelay.set(host, ms);
  }

  delayFor(host: string): number {
    return Math.max(this.delayMs, this.siteDelay.get(host) ?? 0);
  }

  async run<T>(host: string, request: () => Promise<T>): Promise<T> {
    const before = this.tails.get(host) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((r) => (done = r));
    const tail = before.then(() => mine);
    this.tails.set(host, tail);
    await before;
    try {
      const wait = (this.lastEnd.get(host) ?? -Infinity) + this.delayFor(host) - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      return await request();
    } finally {
      this.lastEnd.set(host, Date.now());
      if (this.tails.get(host) === tail) this.tails.delete(host);
      done();
    }
  }
}
