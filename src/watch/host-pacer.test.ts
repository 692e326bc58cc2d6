import { describe, expect, it } from 'vitest';
import { HostPacer } from './host-pacer.js';

/** Runs `n` requests of `ms` each through the pacer at once, recording when each started and ended. */
async function burst(pacer: HostPacer, hosts: string[], ms: number) {
  const log: { host: string; i: number; start: number; end: number }[] = [];
  await Promise.all(
    hosts.map((host, i) =>
      pacer.run(host, async () => {
        const start = performance.now();
        await new Promise((r) => setTimeout(r, ms));
        log.push({ host, i, start, end: performance.now() });
      }),
    ),
  );
  return log;
}

describe('politeness towards each site', () => {
  it('one request at a time per host, in the order asked, with the pause between them', async () => {
    const log = await burst(new HostPacer(40), ['a.test', 'a.test', 'a.test'], 10);
    expect(log.map((l) => l.i)).toEqual([0, 1, 2]);
    for (let k = 1; k < log.length; k++) expect(log[k].start - log[k - 1].end).toBeGreaterThanOrEqual(38);
  });

  it('requests to different hosts do not wait for each other', async () => {
    const log = await burst(new HostPacer(1000), ['a.test', 'b.test', 'c.test'], 30);
    const [first, ...rest] = [...log].sort((x, y) => x.start - y.start);
    for (const l of rest) expect(l.start).toBeLessThan(first.end);
  });

  it("a site's Crawl-delay lengthens the pause for that site only", () => {
    const pacer = new HostPacer(2000);
    pacer.setSiteDelay('slow.test', 10_000);
    pacer.setSiteDelay('eager.test', 500);
    expect([pacer.delayFor('slow.test'), pacer.delayFor('eager.test'), pacer.delayFor('other.test')]).toEqual([10_000, 2000, 2000]);
  });

  it('a request that fails still frees its host for the next', async () => {
    const pacer = new HostPacer(0);
    await expect(pacer.run('a.test', async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(pacer.run('a.test', async () => 'next')).resolves.toBe('next');
  });
});
