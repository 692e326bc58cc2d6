// The dashboard in a real browser (Debian's Chromium, driven by playwright-core) against a real server over
// the sample record: the map has points, the table filters, an event page highlights its claim's sentence,
// a submitted report appears, and hostile report text runs nothing. Screenshots go to test-output/.
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_ROOT } from '../../src/cli/commands/serve.js';
import { HOSTILE_REPORT, sampleDesk, type SampleDesk } from '../desk-setup.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = fileURLToPath(new URL('../../test-output/', import.meta.url));

let desk: SampleDesk;
let server: ServerType;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: install it with "apt-get update && apt-get install -y chromium" (the browser tests need it)`);
  if (!existsSync(`${WEB_ROOT}/index.html`)) throw new Error(`the dashboard is not built at ${WEB_ROOT}: run "npm run build" (or npm run build:web) first`);
  mkdirSync(SHOTS, { recursive: true });
  desk = await sampleDesk({ webRoot: WEB_ROOT });
  server = serve({ fetch: desk.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
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

describe('the dashboard', () => {
  it('asks for a token when reading is not public', async () => {
    const { page, problems } = await open(null);
    await expect(page.locator('#view h1').textContent()).resolves.toMatch(/Sign in/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the sample events as points on an offline map, a weekly timeline and a table', async () => {
    const { page, problems } = await open(desk.tokens.viewer);
    await page.waitForSelector('#map path.event-point');
    const located = (await desk.store.listEvents({}, { limit: 1000 })).filter((e) => e.lat !== null).length;
    expect(await page.locator('#map path.event-point').count()).toBe(located);
    // Country outlines drawn from the bundled Natural Earth data: no tiles, no network.
    expect(await page.locator('#map path:not(.event-point)').count()).toBeGreaterThan(100);
    await page.waitForSelector('#timeline svg');
    expect(await page.locator('#events-table tbody tr').count()).toBe(await desk.store.countEvents({}));
    await page.screenshot({ path: `${SHOTS}overview.png`, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters the table and the map with the same controls, and sorts', async () => {
    const { page, problems } = await open(desk.tokens.viewer);
    await page.fill('#filters input[name=country]', 'Iraq');
    await page.click('#filters button[type=submit]');
    await page.waitForSelector('#view[data-ready*="country=Iraq"]');
    const iraq = await desk.store.listEvents({ country: 'Iraq' });
    expect(iraq.length).toBeGreaterThan(0);
    const rows = page.locator('#events-table tbody tr');
    expect(await rows.count()).toBe(iraq.length);
    expect(await rows.locator('td:nth-child(4)').allTextContents()).toEqual(iraq.map(() => 'Iraq'));
    expect(await page.locator('#map path.event-point').count()).toBe(iraq.filter((e) => e.lat !== null).length);
    await page.click('th[data-key=fatalities_best]');
    const killed = (await rows.locator('td:nth-child(7)').allTextContents()).map(Number);
    expect(killed).toEqual([...killed].sort((a, b) => b - a));
    await page.screenshot({ path: `${SHOTS}overview-filtered.png`, fullPage: true });
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
    await page.screenshot({ path: `${SHOTS}event.png`, fullPage: true });
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
    await page.screenshot({ path: `${SHOTS}report-submitted.png`, fullPage: true });
    await page.goto(`${base}#/?source=x&place=Saraqeb`.replace('source=x&', ''));
    await page.waitForSelector('#view[data-ready*="place=Saraqeb"]');
    await expect(page.locator('#events-table tbody tr td:nth-child(2)').allTextContents()).resolves.toEqual(['Saraqeb']);
    await expect(page.locator('#events-table tbody tr td:nth-child(8)').textContent()).resolves.toBe('Desk Test Wire');
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
    await page.screenshot({ path: `${SHOTS}report-hostile.png`, fullPage: true });
    // Every page that shows the text: the report, its events, the reports list, the overview.
    const [event] = await desk.store.listEvents({ claimant: 'Observatory', place: 'Douma' });
    for (const hash of [`#/events/${encodeURIComponent(event.id)}`, '#/reports', '#/']) {
      await page.goto(base + hash);
      await page.waitForSelector(`#view[data-ready="${hash}"]`);
    }
    await expect(page.locator('#events-table td', { hasText: 'Evil Wire' }).first().textContent()).resolves.toBe(HOSTILE_REPORT.source);
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
    await page.screenshot({ path: `${SHOTS}reports.png`, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});
