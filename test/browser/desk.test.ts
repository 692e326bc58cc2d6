// The dashboard in a real browser (Debian's Chromium, driven by playwright-core) against a real server over
// the sample record, on every database in DIALECTS: the map draws incidents (never period totals), the
// incidents table filters, an incident page shows its claims and leads from a figure to its sentence, an
// event page highlights its claim's sentence and links to its incident, a submitted report appears, and
// hostile report text runs nothing. Screenshots go to test-output/ (SQLite's run).
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_ROOT } from '../../src/cli/commands/serve.js';
import { HOSTILE_REPORT, sampleDesk, STRIKE_TOLD_THREE_TIMES, submitReports, WEEKLY_TOTAL, type SampleDesk } from '../desk-setup.js';
import { EACH } from '../dialects.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../../test-output/', import.meta.url));

let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: install it with "apt-get update && apt-get install -y chromium" (the browser tests need it)`);
  if (!existsSync(`${WEB_ROOT}/index.html`)) throw new Error(`the dashboard is not built at ${WEB_ROOT}: run "npm run build" (or npm run build:web) first`);
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe.each(EACH)('[%s]', (dialectName, dialect) => {
  let desk: SampleDesk;
  let server: ServerType;
  let base: string;
  /** Screenshots of one database's run are enough. */
  const shoot = (page: Page, name: string) => (dialectName === 'sqlite' ? page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true }) : Promise.resolve());

  beforeAll(async () => {
    if (!dialect.available) return;
    desk = await sampleDesk({ webRoot: WEB_ROOT, db: await dialect.fresh('desk-browser') });
    server = serve({ fetch: desk.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await new Promise((r) => (server ? server.close(r) : r(null)));
    await desk?.close();
  });

  /** A page signed in with `token` through the sign-in box, as a person would, that fails the test on any page error or request leaving this machine. */
  async function open(token: string | null, hash = '#/'): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) problems.push(`request off the machine: ${r.url()}`);
    });
    await page.goto(base + hash);
    if (token) {
      await page.fill('#token-input', token);
      await page.click('#token-form button[type=submit]');
      await page.waitForSelector('#signed-in');
    }
    await page.waitForSelector(`#view[data-ready="${hash === '#/' ? '' : hash}"], #view[data-ready="${hash}"]`);
    return { page, problems };
  }

  /** The incidents the map draws, by the id each marker carries. */
  const markers = (page: Page) => page.locator('#map path.incident-point').evaluateAll((els) => els.map((el) => el.getAttribute('data-incident')!));

  describe.skipIf(!dialect.available)('the dashboard', () => {
    it('asks for a token when reading is not public', async () => {
      const { page, problems } = await open(null);
      await expect(page.locator('#view h1').textContent()).resolves.toMatch(/Sign in/);
      expect(problems).toEqual([]);
      await page.close();
    });

    it('shows the sample incidents as points on an offline map, a weekly timeline and a table', async () => {
      const { page, problems } = await open(desk.tokens.viewer);
      await page.waitForSelector('#map path.incident-point');
      const located = (await desk.store.listIncidents({}, { limit: 1000 })).filter((i) => i.lat !== null);
      expect(await page.locator('#map path.incident-point').count()).toBe(located.length);
      expect((await markers(page)).sort()).toEqual(located.map((i) => i.id).sort());
      // Country outlines drawn from the bundled Natural Earth data: no tiles, no network.
      expect(await page.locator('#map path:not(.incident-point)').count()).toBeGreaterThan(100);
      await page.waitForSelector('#timeline svg');
      expect(await page.locator('#incidents-table tbody tr').count()).toBe(await desk.store.countIncidents({}));
      await shoot(page, 'overview');
      expect(problems).toEqual([]);
      await page.close();
    });

    it('draws a strike three outlets told as one point, and never a weekly total', async () => {
      await submitReports(desk, [...STRIKE_TOLD_THREE_TIMES, WEEKLY_TOTAL]);
      const { page, problems } = await open(desk.tokens.viewer, '#/?admin1=Idlib');
      await page.waitForSelector('#map path.incident-point');
      const located = (await desk.store.listIncidents({ admin1: 'Idlib' })).filter((i) => i.lat !== null);
      const events = (await desk.store.listEvents({ admin1: 'Idlib' })).filter((e) => e.lat !== null);
      // Five located events (three reports of the strike, the week's toll, the sample's strike), two incidents.
      expect([events.length, located.length]).toEqual([5, 2]);
      expect((await markers(page)).sort()).toEqual(located.map((i) => i.id).sort());
      const [weekly] = await desk.store.listEvents({ scope: 'period-total', admin1: 'Idlib' });
      expect(await desk.store.incidentOf(weekly.id)).toBeNull();
      const strike = (await desk.store.listIncidents({ place: 'Ariha' }))[0];
      await expect(page.locator(`#incidents-table tr[data-id="${strike.id}"] td:nth-child(7)`).textContent()).resolves.toBe('12');
      await expect(page.locator(`#incidents-table tr[data-id="${strike.id}"] td:nth-child(10)`).textContent()).resolves.toBe('3');
      expect(problems).toEqual([]);
      await page.close();
    });

    it('opens an incident page from the table, with its claims, why its events are one, and each figure leading to its sentence', async () => {
      const strike = (await desk.store.listIncidents({ place: 'Ariha' }))[0];
      const { page, problems } = await open(desk.tokens.viewer, '#/?place=Ariha');
      const hash = `#/incidents/${encodeURIComponent(strike.id)}`;
      await page.click(`#incidents-table tr[data-id="${strike.id}"] td:first-child a`);
      await page.waitForSelector(`#view[data-ready="${hash}"]`);
      await expect(page.locator('#incident-id').textContent()).resolves.toBe(strike.id);
      await expect(page.locator('#figures [data-fig=best]').textContent()).resolves.toBe('12');
      const claims = new Map<string, string>();
      for (const e of await desk.store.listEvents({ place: 'Ariha' })) for (const c of (await desk.store.getEvent(e.id))!.claims) claims.set(c.id, c.claimant);
      expect(claims.size).toBe(3);
      expect((await page.locator('#claims [data-claim]').evaluateAll((els) => els.map((el) => el.getAttribute('data-claim')))).sort()).toEqual([...claims.keys()].sort());
      for (const [id, claimant] of claims) await expect(page.locator(`#claims [data-claim="${id}"] .claimant`).textContent()).resolves.toBe(claimant);
      expect(await page.locator('#links li').count()).toBe(2);
      expect(await page.locator('#incident-events li').count()).toBe(3);
      await shoot(page, 'incident');
      // The best figure opens the monitor's report, its sentence and figure marked.
      const best = page.locator('#group-figures tr[data-group=civilians] td:nth-child(3) a.fig-link').first();
      const claimId = (await best.getAttribute('data-claim'))!;
      const claim = (await desk.store.getEvent((await desk.store.listEvents({ place: 'Ariha', claimant: 'Observatory' }))[0].id))!.claims[0];
      expect(claimId).toBe(claim.id);
      await best.click();
      await page.waitForSelector('#focus-claim');
      const focus = page.locator('#report-text mark.sentence.focus');
      expect((await focus.allTextContents()).join('')).toBe(claim.sentence);
      expect(await page.locator('#report-text mark.span.focus').count()).toBeGreaterThan(0);
      await shoot(page, 'incident-figure-sentence');
      expect(problems).toEqual([]);
      await page.close();
    });

    it('filters the table and the map with the same controls, and sorts', async () => {
      const { page, problems } = await open(desk.tokens.viewer);
      await page.fill('#filters input[name=country]', 'Iraq');
      await page.click('#filters button[type=submit]');
      await page.waitForSelector('#view[data-ready*="country=Iraq"]');
      const iraq = await desk.store.listIncidents({ country: 'Iraq' });
      expect(iraq.length).toBeGreaterThan(0);
      const rows = page.locator('#incidents-table tbody tr');
      expect(await rows.count()).toBe(iraq.length);
      expect(await rows.locator('td:nth-child(4)').allTextContents()).toEqual(iraq.map(() => 'Iraq'));
      expect(await page.locator('#map path.incident-point').count()).toBe(iraq.filter((i) => i.lat !== null).length);
      await page.click('th[data-key=deaths_best]');
      // Most killed first; an incident with no count ("–") last.
      const killed = (await rows.locator('td:nth-child(7)').allTextContents()).map((t) => (t === '–' ? -1 : Number(t)));
      expect(killed).toEqual([...killed].sort((a, b) => b - a));
      expect(new Set(killed).size).toBeGreaterThan(1);
      await shoot(page, 'overview-filtered');
      expect(problems).toEqual([]);
      await page.close();
    });

    it("shows an event's figures and claims, and highlights the claim's sentence in the source report", async () => {
      const [row] = await desk.store.listEvents({ place: 'Aleppo' });
      const detail = (await desk.store.getEvent(row.id))!;
      const claim = detail.claims[0];
      const hash = `#/events/${encodeURIComponent(row.id)}`;
      const { page, problems } = await open(desk.tokens.viewer, hash);
      await expect(page.locator('#figures [data-fig=best]').textContent()).resolves.toMatch(/^\d+$/);
      await expect(page.locator(`[data-claim="${claim.id}"] .claimant`).textContent()).resolves.toBe(claim.claimant);
      const marked = page.locator(`#sources mark.sentence.focus`);
      expect(await marked.count()).toBeGreaterThan(0);
      const text = (await marked.allTextContents()).join('');
      expect(text.replace(/\s+/g, ' ')).toContain(claim.sentence.replace(/\s+/g, ' ').slice(0, 40));
      // The highlight is visible: painted, not just present.
      const bg = await marked.first().evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(bg).not.toBe('rgba(0, 0, 0, 0)');
      // And it links to its incident's page.
      const incident = (await desk.store.incidentOf(row.id))!;
      await expect(page.locator('#incident-link').getAttribute('href')).resolves.toBe(`#/incidents/${encodeURIComponent(incident)}`);
      await page.click('#incident-link');
      await page.waitForSelector(`#view[data-ready="#/incidents/${encodeURIComponent(incident)}"]`);
      expect(await page.locator(`#incident-events li[data-event="${row.id}"]`).count()).toBe(1);
      await shoot(page, 'event');
      expect(problems).toEqual([]);
      await page.close();
    });

    it('takes a submitted report through extraction into the record, the report page and the table', async () => {
      const { page, problems } = await open(desk.tokens.analyst, '#/submit');
      await page.fill('#submit-form textarea[name=text]', 'Air strikes killed 11 civilians in the town of Saraqeb in Idlib province on Tuesday, the Syrian Observatory for Human Rights said.');
      await page.fill('#submit-form input[name=title]', 'Air strikes kill 11 in Saraqeb');
      await page.fill('#submit-form input[name=source]', 'Desk Test Wire');
      await page.fill('#submit-form input[name=published]', '2018-02-07');
      await page.click('#submit-form button[type=submit]');
      await page.waitForSelector('#submit-status');
      await expect(page.locator('#submit-status').textContent()).resolves.toMatch(/^Stored: 1 event/);
      expect(await page.locator('#report-text mark.span.focus').count()).toBeGreaterThan(0);
      await shoot(page, 'report-submitted');
      await page.goto(`${base}#/?place=Saraqeb`);
      await page.waitForSelector('#view[data-ready*="place=Saraqeb"]');
      await expect(page.locator('#incidents-table tbody tr td:nth-child(2)').allTextContents()).resolves.toEqual(['Saraqeb']);
      await expect(page.locator('#incidents-table tbody tr td:nth-child(11)').textContent()).resolves.toBe('Syrian Observatory for Human Rights');
      // Its incident's page names the report and its outlet.
      await page.click('#incidents-table tbody tr td:first-child a');
      await page.waitForSelector('#incident-events');
      await expect(page.locator('#incident-events li a', { hasText: 'Air strikes kill 11 in Saraqeb' }).count()).resolves.toBe(1);
      await expect(page.locator('#incident-events li .note').textContent()).resolves.toBe(' Desk Test Wire, 2018-02-07');
      expect(problems).toEqual([]);
      await page.close();
    });

    it('shows hostile report text as text, and runs none of it', async () => {
      const { page, problems } = await open(desk.tokens.analyst, '#/submit');
      await page.fill('#submit-form textarea[name=text]', HOSTILE_REPORT.text);
      await page.fill('#submit-form input[name=title]', HOSTILE_REPORT.title);
      await page.fill('#submit-form input[name=source]', HOSTILE_REPORT.source);
      await page.click('#submit-form button[type=submit]');
      await page.waitForSelector('#submit-status');
      const report = page.url();
      await page.waitForTimeout(300);
      // Extraction blanks markup in the text itself (offsets kept); the title and outlet are kept as given.
      const stored = (await desk.store.getReport(decodeURIComponent(report.split('#/reports/')[1])))!;
      await expect(page.locator('#report-text').textContent()).resolves.toBe(stored.text);
      await expect(page.locator('#report-title').textContent()).resolves.toBe(HOSTILE_REPORT.title);
      await shoot(page, 'report-hostile');
      // Every page that shows the text: the report, its events, its incident, the reports list, the overview.
      const [event] = await desk.store.listEvents({ claimant: 'Observatory', place: 'Douma' });
      const incident = `#/incidents/${encodeURIComponent((await desk.store.incidentOf(event.id))!)}`;
      for (const hash of [`#/events/${encodeURIComponent(event.id)}`, '#/reports', '#/', incident]) {
        await page.goto(base + hash);
        await page.waitForSelector(`#view[data-ready="${hash}"]`);
      }
      await expect(page.locator('#incident-events li a', { hasText: 'Shelling kills 4 in Douma' }).textContent()).resolves.toBe(HOSTILE_REPORT.title);
      await expect(page.locator('#incident-events li .note').first().textContent()).resolves.toBe(` ${HOSTILE_REPORT.source}, undated`);
      await page.goto(report);
      await page.reload();
      await page.waitForSelector('#report-text');
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('#view script, #view img, #view b[onmouseover]').count()).toBe(0);
      expect(problems).toEqual([]);
      await page.close();
    });

    it('shows the reports list', async () => {
      const { page, problems } = await open(desk.tokens.viewer, '#/reports');
      expect(await page.locator('#reports-table tbody tr').count()).toBe((await desk.store.counts()).reports);
      await shoot(page, 'reports');
      expect(problems).toEqual([]);
      await page.close();
    });
  });
});
