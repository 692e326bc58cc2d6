// The desk's sightings, alerts and claimant pages in Chromium, on every database in DIALECTS: a story carried by
// three outlets is one report whose page lists the three sightings (a report seen once says so); an alert that
// fired shows on the Alerts page with its incident and how its webhook delivery went; after an analyst verifies
// an incident, the page of a claimant named on it shows its track record. Outlet and alert names carry markup
// that must stay text.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDue } from '../../src/alerts/deliver-alerts.js';
import { claimantResponse } from '../../src/api/schemas.js';
import { WEB_ROOT } from '../../src/cli/commands/serve.js';
import { HOSTILE_REPORT, sampleDesk, STRIKE_TOLD_THREE_TIMES, submitReports, type SampleDesk } from '../desk-setup.js';
import { EACH } from '../dialects.js';

const CHROMIUM = '/usr/bin/chromium';

// Written for the project: the place is real, the shelling invented. One story, three outlets, three headlines.
const STORY = 'Artillery fire killed three shepherds near Kafr Nabl on Tuesday, a member of the local council said. The shells came from positions to the south.';
const OUTLETS = [
  { source: 'Enab Baladi', title: 'Three shepherds killed near Kafr Nabl', url: 'https://enabbaladi.example/2019/04/kafr-nabl' },
  { source: 'SMART News', title: 'Shelling kills shepherds in south Idlib', url: 'https://smartnews.example/news/18812' },
  { source: HOSTILE_REPORT.source, title: HOSTILE_REPORT.title, url: 'https://evil.example/a?b=<script>' },
];
const MONITOR = 'Syrian Observatory for Human Rights';
const WHITE_HELMETS = 'Syrian Civil Defence (White Helmets)';
/** Markup in an alert's name must show as text. */
const FAILING_ALERT = 'Ariha <b>ten</b> or more';

let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: install it with "apt-get update && apt-get install -y chromium" (the browser tests need it)`);
  if (!existsSync(`${WEB_ROOT}/index.html`)) throw new Error(`the dashboard is not built at ${WEB_ROOT}: run "npm run build" (or npm run build:web) first`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe.each(EACH)('[%s]', (_dialectName, dialect) => {
  let desk: SampleDesk;
  let server: ServerType;
  let base: string;
  /** A webhook receiver that fails FAILING_ALERT's posts and takes every other. */
  let hook: Server;
  let hookUrl: string;

  beforeAll(async () => {
    if (!dialect.available) return;
    desk = await sampleDesk({ webRoot: WEB_ROOT, db: await dialect.fresh('desk-sightings') });
    server = serve({ fetch: desk.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    hook = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(req.headers['x-observatory-alert'] === FAILING_ALERT ? 500 : 200).end());
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook?key=chat-service-key`;
  });

  afterAll(async () => {
    await new Promise((r) => (server ? server.close(r) : r(null)));
    await new Promise((r) => (hook ? hook.close(r) : r(null)));
    await desk?.close();
  });

  /** A page signed in as `token` at `hash`, once the view has rendered; page errors (a script of a report's running) are collected. */
  async function open(token: string, hash: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(base + hash);
    await page.fill('#token-input', token);
    await page.click('#token-form button[type=submit]');
    await page.waitForSelector('#signed-in');
    await page.waitForSelector(`#view[data-ready="${hash}"]`);
    return { page, problems };
  }

  const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);

  async function post(path: string, body: unknown, token = desk.tokens.analyst): Promise<{ status: number; body: any }> {
    const r = await desk.app.request(path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: r.status, body: await r.json() };
  }

  describe.skipIf(!dialect.available)('sightings on the report page', () => {
    it('lists the three outlets that carried one story, each page a link, and markup in an outlet stays text', async () => {
      const answers = [];
      for (const o of OUTLETS) answers.push(await post('/api/reports', { text: STORY, published: '2019-04-02', ...o }));
      expect(answers.map((a) => [a.status, a.body.status])).toEqual([[201, 'new'], [200, 'sighting'], [200, 'sighting']]);
      const id: string = answers[0].body.report.id;
      expect(answers.map((a) => a.body.report.id)).toEqual([id, id, id]);

      const hash = `#/reports/${encodeURIComponent(id)}`;
      const { page, problems } = await open(desk.tokens.viewer, hash);
      const items = page.locator('#sightings li.sighting');
      expect(await items.count()).toBe(3);
      await expect(page.locator('#sightings h2').textContent()).resolves.toBe('Sightings (3)');
      await expect(page.locator('#sightings-count').textContent()).resolves.toMatch(/^3 sightings/);
      expect(await items.locator('.outlet').allTextContents()).toEqual(OUTLETS.map((o) => o.source));
      expect(await page.locator('#sightings a.out').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.getAttribute('rel'), a.getAttribute('target')]))).toEqual(
        OUTLETS.map((o) => [o.url, 'noopener noreferrer', '_blank']),
      );
      // Each line says when that copy was seen.
      for (const text of await items.allTextContents()) expect(text).toMatch(/seen \d{4}-\d\d-\d\d \d\d:\d\d/);
      expect(await page.locator('#sightings img, #sightings script').count()).toBe(0);
      expect(await pwned(page)).toBeUndefined();
      expect(problems).toEqual([]);
      await page.close();
    });

    it('says plainly when a report was seen once', async () => {
      const { reports } = await desk.store.listReports({ limit: 50 });
      const once = reports.find((r) => r.sightings === 1)!;
      const { page } = await open(desk.tokens.viewer, `#/reports/${encodeURIComponent(once.id)}`);
      expect(await page.locator('#sightings li.sighting').count()).toBe(1);
      await expect(page.locator('#sightings-count').textContent()).resolves.toBe('Seen once: no other outlet or page has carried this story.');
      await page.close();
    });
  });

  describe.skipIf(!dialect.available)('the Alerts page', () => {
    it('shows the alerts that fired: name and condition, the incident, when, and how each delivery went', async () => {
      await desk.store.addAlert({ name: FAILING_ALERT, condition: 'killed >= 10', country: null, admin1: null, bloc: null, type: null, withinSeconds: null, webhook: hookUrl, secret: 'test-secret' });
      await desk.store.addAlert({ name: 'Any death', condition: 'killed >= 1', country: null, admin1: null, bloc: null, type: null, withinSeconds: null, webhook: hookUrl, secret: 'test-secret' });
      const empty = await open(desk.tokens.viewer, '#/alerts');
      await expect(empty.page.locator('#no-alerts').textContent()).resolves.toBe('No alert has fired yet.');
      await empty.page.close();

      await submitReports(desk, [STRIKE_TOLD_THREE_TIMES[0]]);
      const fired = await desk.store.recentAlerts(5);
      expect(fired.map((f) => f.alert).sort()).toEqual(['Any death', FAILING_ALERT]);
      expect(await deliverDue(desk.store, { retryBaseMs: 60_000, maxAttempts: 3, timeoutMs: 5_000, leaseMs: 20_000, batch: 5 })).toEqual({ delivered: 1, retrying: 1, failed: 0 });

      const { page, problems } = await open(desk.tokens.viewer, '#/alerts');
      expect(await page.locator('#alerts-table tbody tr').count()).toBe(2);
      const cellsOf = (alert: string) => page.locator(`#alerts-table tr[data-delivery="${fired.find((f) => f.alert === alert)!.delivery_id}"] td`).allTextContents();
      const failing = await cellsOf(FAILING_ALERT);
      const firing = fired.find((f) => f.alert === FAILING_ALERT)!;
      expect(failing.slice(0, 3)).toEqual([firing.fired_at.slice(0, 16).replace('T', ' '), FAILING_ALERT, 'killed >= 10']);
      expect(failing[3]).toMatch(/^2019-05-1\d · .+ in .*Ariha/);
      expect(failing.slice(4, 8)).toEqual(['14', 'pending', '1', '–']);
      expect(failing[8]).toBe('HTTP 500');
      const delivered = await cellsOf('Any death');
      expect(delivered.slice(5, 7)).toEqual(['delivered', '1']);
      expect(delivered[7]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
      // The webhook's own key never reaches a reader: only its host is shown.
      expect(await page.locator('#alert-rules').textContent()).toContain(new URL(hookUrl).host);
      expect(await page.content()).not.toContain('chat-service-key');
      expect(await page.locator('#view b', { hasText: /^ten$/ }).count()).toBe(0);
      expect(problems).toEqual([]);

      await page.locator(`#alerts-table tr[data-delivery="${firing.delivery_id}"] a.incident-link`).click();
      await page.waitForSelector(`#view[data-ready="#/incidents/${encodeURIComponent(firing.incident_id)}"]`);
      await expect(page.locator('#incident-id').textContent()).resolves.toBe(firing.incident_id);
      await page.close();
    });
  });

  describe.skipIf(!dialect.available)('the claimant page', () => {
    it("shows a claimant's track record once an analyst has verified an incident it gave a figure for", async () => {
      await submitReports(desk, STRIKE_TOLD_THREE_TIMES.slice(1));
      const [strike] = await desk.store.listIncidents({ place: 'Ariha' });
      expect(strike).toMatchObject({ deaths_best: 12, claimants: expect.arrayContaining([MONITOR, WHITE_HELMETS]) });
      const incidentHash = `#/incidents/${encodeURIComponent(strike.id)}`;

      // Before any review there is nothing to judge the monitor by.
      const before = await open(desk.tokens.viewer, incidentHash);
      await before.page.locator('#incident-claimants a', { hasText: MONITOR }).click();
      await before.page.waitForSelector(`#view[data-ready="#/claimants/${encodeURIComponent(MONITOR)}"]`);
      await expect(before.page.locator('#claimant-name').textContent()).resolves.toBe(MONITOR);
      expect(await before.page.locator('#no-track-record').count()).toBe(1);
      expect(await before.page.locator(`#claimant-incidents tr[data-incident="${strike.id}"] td`).last().textContent()).toBe('');
      await before.page.close();

      // An analyst verifies the strike from the review queue.
      const review = await open(desk.tokens.analyst, '#/review?state=unreviewed&sort=recent');
      const row = review.page.locator(`#review-table tr[data-incident="${strike.id}"]`);
      await row.locator('input[name=comment]').fill('12 named in the hospital list');
      await row.locator('button[data-action=verified]').click();
      await row.waitFor({ state: 'detached' });
      await review.page.close();

      // The monitor gave 12, the verified best, and was first (with Reuters, a day before dpa).
      const monitor = await open(desk.tokens.viewer, incidentHash);
      await monitor.page.locator('#incident-claimants a', { hasText: MONITOR }).click();
      await monitor.page.waitForSelector('#track-record dl');
      expect(await monitor.page.locator('#track-record dd').allTextContents()).toEqual(['1', '1 of 1 (100%)', '1 of 1 (100%)']);
      expect(await monitor.page.locator(`#claimant-incidents tr[data-incident="${strike.id}"] td`).last().textContent()).toBe('verified');
      expect(monitor.problems).toEqual([]);
      await monitor.page.close();

      // The rescuers gave 14 through Reuters and 13 through dpa: the 13 is within a tenth, and Reuters was first.
      const helmets = await open(desk.tokens.viewer, `#/claimants/${encodeURIComponent(WHITE_HELMETS)}`);
      expect(await helmets.page.locator('#track-record dd').allTextContents()).toEqual(['1', '1 of 1 (100%)', '1 of 1 (100%)']);
      await helmets.page.close();

      const api = await desk.app.request(`/api/claimants/${encodeURIComponent(MONITOR)}`, { headers: { authorization: `Bearer ${desk.tokens.viewer}` } });
      expect(claimantResponse.parse(await api.json())).toMatchObject({ claimant: MONITOR, track_record: { incidents: 1, agreed: 1, first: 1 }, more: false });
    });

    it('answers a name nobody claims under with a 404, shown as text', async () => {
      const name = '<img src=x onerror="window.__pwned=7">';
      const { page, problems } = await open(desk.tokens.viewer, `#/claimants/${encodeURIComponent(name)}`);
      await expect(page.locator('#view .banner').textContent()).resolves.toBe(`no claimant named "${name}" gives a figure in the record`);
      expect(await pwned(page)).toBeUndefined();
      expect(problems).toEqual([]);
      await page.close();
    });
  });
});
