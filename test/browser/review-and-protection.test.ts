// Review and protection on the dashboard in Chromium: the review queue (an analyst's decision takes an incident
// out of it; a viewer sees no decision buttons); an analyst submits a report with its field source, everyone sees
// "field source N", and only a source handler's page has the section that opens the identity, with a reason.
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_ROOT } from '../../src/cli/commands/serve.js';
import { newSourceKeyText, parseSourceKey } from '../../src/store/source-vault.js';
import { sampleDesk, type SampleDesk } from '../desk-setup.js';

const CHROMIUM = '/usr/bin/chromium';
let desk: SampleDesk;
let server: ServerType;
let browser: Browser;
let base: string;
let handler: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: install it with "apt-get update && apt-get install -y chromium" (the browser tests need it)`);
  if (!existsSync(`${WEB_ROOT}/index.html`)) throw new Error(`the dashboard is not built at ${WEB_ROOT}: run "npm run build" (or npm run build:web) first`);
  desk = await sampleDesk({ webRoot: WEB_ROOT, sourceKey: parseSourceKey(newSourceKeyText()) });
  handler = (await desk.desk.tokens.create('hana', 'viewer', { sourceHandler: true })).token;
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

async function signedIn(token: string, hash: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto(base + hash);
  await page.fill('#token-input', token);
  await page.click('#token-form button[type=submit]');
  await page.waitForSelector('#signed-in');
  // Signed in once for the tab: the token is in its session storage, not in local storage nor in the address.
  expect(await page.evaluate(() => [Object.values(sessionStorage), Object.values(localStorage), location.href])).toEqual([[token], [], base + hash]);
  return page;
}

describe('field sources on the dashboard', () => {
  let reportHash: string;

  it('takes a report with its field source and shows the pseudonym, not the name', async () => {
    const page = await signedIn(desk.tokens.analyst, '#/submit');
    await page.fill('#submit-form textarea[name=text]', 'A drone strike killed two men on a motorbike near Sarmin on Thursday, a local nurse said.');
    await page.fill('#submit-form input[name=published]', '2019-06-07');
    await page.fill('#submit-form input[name=fs_name]', 'Rasha Khoury-Deeb');
    await page.fill('#submit-form input[name=fs_contact]', 'radio call sign falcon');
    await page.click('#submit-form button[type=submit]');
    await page.waitForSelector('#submit-status');
    await expect(page.locator('#field-source-name').textContent()).resolves.toBe('field source 1');
    // An analyst without the capability has no way to open it.
    expect(await page.locator('#handler-section').count()).toBe(0);
    expect(await page.content()).not.toContain('Khoury');
    reportHash = new URL(page.url()).hash;
    await page.close();
  });

  it("gives a source handler the section that opens the identity with a reason, and the server logs it", async () => {
    const admin = await signedIn(desk.tokens.admin, reportHash);
    await admin.waitForSelector('#field-source-name');
    expect(await admin.locator('#handler-section').count()).toBe(0);
    await admin.close();

    const page = await signedIn(handler, reportHash);
    await page.waitForSelector('#handler-section');
    await page.fill('#handler-section input[name=reason]', 'verifying the Sarmin strike');
    await page.click('#handler-section button[type=submit]');
    await page.waitForSelector('#field-identity dl');
    const shown = await page.locator('#field-identity').textContent();
    expect(shown).toContain('Rasha Khoury-Deeb');
    expect(shown).toContain('radio call sign falcon');
    expect(await desk.store.fieldSourceReads(1)).toEqual([{ pseudonym: 'field source 1', reader: expect.stringContaining('(hana)'), reason: 'verifying the Sarmin strike', read_at: expect.any(String) }]);
    await page.close();
  });
});

describe('the review queue on the dashboard', () => {
  it('lists the unreviewed incidents weightiest first, and an analyst verifies one with a comment', async () => {
    const queue = await desk.store.reviewQueue({ limit: 100 });
    expect(queue.length).toBeGreaterThan(1);
    const viewer = await signedIn(desk.tokens.viewer, '#/review');
    await viewer.waitForSelector('#review-table');
    expect(await viewer.locator('#review-table tbody tr').count()).toBe(queue.length);
    expect(await viewer.locator('#review-table button').count()).toBe(0);
    await viewer.close();

    const page = await signedIn(desk.tokens.analyst, '#/review');
    await page.waitForSelector('#review-table');
    const first = page.locator(`#review-table tr[data-incident="${queue[0].id}"]`);
    await first.locator('button[data-action=verified]').click();
    await expect(first.locator('.error').textContent()).resolves.toBe('a comment is needed');
    await first.locator('input[name=comment]').fill('figures match the hospital list');
    await first.locator('button[data-action=verified]').click();
    await page.waitForSelector(`#review-table tr[data-incident="${queue[0].id}"]`, { state: 'detached' });
    expect(await page.locator('#review-table tbody tr').count()).toBe(queue.length - 1);
    expect(await desk.store.reviewQueue({ state: 'verified' })).toMatchObject([{ id: queue[0].id, review: { state: 'verified', reviewer: 'alice', comment: 'figures match the hospital list' } }]);
    await page.close();
  });
});
