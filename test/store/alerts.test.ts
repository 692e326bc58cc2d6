// Alerts on every database, posted to a real HTTP receiver on 127.0.0.1: an alert fires once for each incident
// that comes to meet it (not again when the toll rises, again only if it stops meeting it and meets it anew), its
// webhook is retried after a 500 (the pending delivery surviving a restart), its signature verifies with the
// secret shown at creation, and every attempt is in the log. The reports are written for the project.
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverAll, deliverDue, type CourierOptions } from '../../src/alerts/deliver-alerts.js';
import { runAlerts, type AlertsOpts } from '../../src/cli/commands/alerts.js';
import { ingestItem } from '../../src/cli/commands/ingest.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { openStore } from '../../src/store/open-store.js';
import { EACH } from '../dialects.js';

const root = join(import.meta.dirname, '..', '..');
const story = (name: string) => readFileSync(join(root, 'test', 'fixtures', 'syndication', `${name}.txt`), 'utf8');
const OPTIONS: CourierOptions = { retryBaseMs: 300, maxAttempts: 4, timeoutMs: 5_000, leaseMs: 20_000, batch: 20 };

/** A webhook receiver: answers each POST with the next status in `answers` (then 200), and keeps what it got. */
interface Receiver {
  url: string;
  got: { headers: Record<string, string | string[] | undefined>; body: string }[];
  answers: number[];
}
let server: Server;
const receiver: Receiver = { url: '', got: [], answers: [] };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      receiver.got.push({ headers: req.headers, body });
      res.writeHead(receiver.answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/observatory`;
});
afterAll(() => new Promise((r) => server.close(r)));

function sink(): Writable & { text: string } {
  const w = new Writable({
    write(chunk, _enc, cb) {
      w.text += String(chunk);
      cb();
    },
  }) as Writable & { text: string };
  w.text = '';
  return w;
}

const report = (text: string, outlet = 'Wire', published = '2017-03-08') => ({ path: `${outlet}.txt`, line: 0, id: null, text, meta: { published, source: outlet, title: null } });
const DOUMA = report('Shelling killed 15 civilians in the town of Douma in Rural Damascus on Tuesday, the Syrian Observatory for Human Rights said.');
const ARIHA = report('A roadside bomb killed 3 soldiers near the town of Ariha in Idlib province on Tuesday, the Syrian Observatory for Human Rights said.');
const KHAN = report('Syrian government forces took full control of the town of Khan Shaykhun in Idlib province on Wednesday, the Syrian Observatory for Human Rights said.');

describe.each(EACH)('[%s]', (_name, dialect) => {
  let location: string;
  let store: KyselyStore;

  beforeEach(async () => {
    receiver.got = [];
    receiver.answers = [];
    if (!dialect.available) return;
    location = await dialect.fresh('alerts');
    store = await openStore(location);
  });
  afterEach(async () => {
    await store?.close();
  });

  /** `observatory alerts add ...`; returns the secret it prints once. */
  async function addAlert(opts: AlertsOpts): Promise<string> {
    const out = sink();
    const told = sink();
    await runAlerts('add', undefined, { db: location, webhook: receiver.url, ...opts }, out, told);
    expect(told.text).toMatch(/shown once/);
    return out.text.trim();
  }
  const bodies = () => receiver.got.map((g) => JSON.parse(g.body));

  describe.skipIf(!dialect.available)('firing', () => {
    it('fires once per incident that meets the alert: not again when its toll rises, never for one below it', async () => {
      await addAlert({ name: 'ten or more', when: 'killed >= 10' });
      await ingestItem(store, { ...report(story('wire-story'), 'Reuters', '2017-03-07') });
      await ingestItem(store, { ...report(story('toll-rises'), 'Reuters', '2017-03-07') });
      await ingestItem(store, ARIHA);
      await ingestItem(store, DOUMA);
      expect(await deliverDue(store, OPTIONS)).toEqual({ delivered: 2, retrying: 0, failed: 0 });
      const got = bodies();
      expect(got.map((b) => [b.incident.location, b.figures.killed.best, b.figures.reports])).toEqual([
        ['Saraqeb', 10, 1],
        ['Douma', 15, 1],
      ]);
      // The strike's later report (12 killed) joined the same incident, which had fired already.
      const incidents = await store.listIncidents({});
      expect(incidents.find((i) => i.location === 'Saraqeb')).toMatchObject({ deaths_best: 12, reports: 2 });
      expect(got[0].incident.id).toBe(incidents.find((i) => i.location === 'Saraqeb')!.id);
      // A delivery carries what the receiver needs: the condition, the figures and where to read more.
      expect(got[1]).toMatchObject({ alert: { name: 'ten or more', when: 'killed >= 10' }, figures: { civilians_killed: 15 }, incident: { admin1: 'Rural Damascus', country: 'Syria' } });
      expect(got[1].links.reports[0]).toMatchObject({ api: expect.stringMatching(/^\/api\/reports\/r/), sightings: [{ outlet: 'Wire' }] });
      expect(await deliverDue(store, OPTIONS)).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    });

    it('fires when an incident newly crosses the line: the update that raises its toll above it', async () => {
      await addAlert({ name: 'over ten', when: 'killed > 10 and civilians killed >= 1', country: 'syria', admin1: 'Idlib' });
      await ingestItem(store, report(story('wire-story'), 'Reuters', '2017-03-07'));
      expect(await store.recentAlerts(10)).toEqual([]);
      await ingestItem(store, report(story('toll-rises'), 'Reuters', '2017-03-07'));
      await ingestItem(store, DOUMA);
      const fired = await store.recentAlerts(10);
      expect(fired.map((f) => [f.alert, f.incident.location, f.incident.killed, f.status])).toEqual([['over ten', 'Saraqeb', 12, 'pending']]);
    });

    it('reads the filters: place, perpetrator, type, and a window of time around now', async () => {
      await addAlert({ name: 'old news', when: 'killed >= 1', within: '7d' });
      await addAlert({ name: 'shelling in Idlib', when: 'killed >= 1', admin1: 'Idlib', type: 'Shelling/artillery/missile attack' });
      await addAlert({ name: 'any shelling', when: 'killed >= 1', type: 'shelling/artillery/missile attack' });
      await ingestItem(store, DOUMA);
      expect((await store.recentAlerts(10)).map((f) => f.alert)).toEqual(['any shelling']);
      // A report published today, of a strike yesterday: within the week.
      const today = new Date().toISOString().slice(0, 10);
      await ingestItem(store, report('A roadside bomb killed 4 soldiers near the town of Ariha in Idlib province yesterday, the Syrian Observatory for Human Rights said.', 'Wire', today));
      expect((await store.recentAlerts(10)).map((f) => f.alert)).toEqual(['old news', 'any shelling']);
    });

    it('fires on a new change of control, once', async () => {
      await addAlert({ name: 'territory', when: 'control', admin1: 'Idlib' });
      await ingestItem(store, DOUMA);
      await ingestItem(store, KHAN);
      await ingestItem(store, report(KHAN.text.replace('the Syrian Observatory', 'a monitoring group').replace('Observatory for Human Rights said', 'group reported'), 'Other Wire'));
      const fired = await store.recentAlerts(10);
      expect(fired.map((f) => [f.alert, f.incident.location, f.incident.sub_type])).toEqual([['territory', 'Khan Sheikhoun', 'Government regains territory']]);
    });

    it('raises nothing more once removed, and cancels what it had pending', async () => {
      await addAlert({ name: 'gone', when: 'killed >= 1' });
      await ingestItem(store, DOUMA);
      const out = sink();
      await runAlerts('remove', 'gone', { db: location }, out);
      expect(out.text).toMatch(/^removed alert gone/);
      await ingestItem(store, ARIHA);
      expect((await store.recentAlerts(10)).map((f) => f.status)).toEqual(['cancelled']);
      expect(await deliverDue(store, OPTIONS)).toEqual({ delivered: 0, retrying: 0, failed: 0 });
      expect(receiver.got).toEqual([]);
      expect((await store.listAlerts()).length).toBe(0);
      expect((await store.listAlerts({ removed: true })).map((a) => [a.name, a.fired, a.pending])).toEqual([['gone', 1, 0]]);
    });
  });

  describe.skipIf(!dialect.available)('delivery', () => {
    it('signs the body with the secret shown once: the receiver can check it, and a wrong key cannot', async () => {
      const secret = await addAlert({ name: 'signed', when: 'killed >= 10' });
      expect(secret).toMatch(/^whsec_[\w-]{43}$/);
      expect(JSON.stringify(await store.listAlerts())).not.toContain(secret);
      await ingestItem(store, DOUMA);
      expect(await deliverDue(store, OPTIONS)).toEqual({ delivered: 1, retrying: 0, failed: 0 });
      const [{ headers, body }] = receiver.got;
      const expected = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
      expect(headers['x-observatory-signature']).toBe(expected);
      expect(headers['x-observatory-signature']).not.toBe(`sha256=${createHmac('sha256', 'whsec_wrong').update(body).digest('hex')}`);
      expect(headers['content-type']).toBe('application/json');
      expect(headers['x-observatory-delivery']).toBe(JSON.parse(body).delivery);
    });

    it('retries after a 500, with the delivery kept in the record across a restart, and logs every attempt', async () => {
      const secret = await addAlert({ name: 'retried', when: 'killed >= 10' });
      await ingestItem(store, DOUMA);
      receiver.answers = [500];
      expect(await deliverDue(store, OPTIONS)).toEqual({ delivered: 0, retrying: 1, failed: 0 });
      // The process dies here; another opens the record later and finds the delivery waiting.
      await store.close();
      store = await openStore(location);
      const due = await store.nextDeliveryDue();
      expect(due).not.toBeNull();
      await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(due!) - Date.now()) + 20));
      expect(await deliverDue(store, OPTIONS)).toEqual({ delivered: 1, retrying: 0, failed: 0 });
      expect(receiver.got.length).toBe(2);
      expect(receiver.got[1].body).toBe(receiver.got[0].body);
      expect(receiver.got[1].headers['x-observatory-signature']).toBe(`sha256=${createHmac('sha256', secret).update(receiver.got[1].body).digest('hex')}`);
      const log = await store.alertLog({ limit: 10 });
      expect(log.map((l) => [l.alert, l.attempt, l.http_status, l.error, l.status])).toEqual([
        ['retried', 2, 200, null, 'delivered'],
        ['retried', 1, 500, 'HTTP 500', 'delivered'],
      ]);
      const out = sink();
      await runAlerts('log', undefined, { db: location }, out);
      expect(out.text).toMatch(/retried .* 1 +HTTP 500/);
      expect(out.text).toMatch(/retried .* 2 +delivered \(HTTP 200\)/);
    });

    it('backs off doubling, gives up after the last attempt, and takes a 4xx as final', async () => {
      await addAlert({ name: 'down', when: 'killed >= 10' });
      await ingestItem(store, DOUMA);
      receiver.answers = [503, 502, 500, 500];
      const r = await deliverAll(store, { ...OPTIONS, retryBaseMs: 50 });
      expect(r).toEqual({ delivered: 0, retrying: 0, failed: 1 });
      const attempts = (await store.alertLog({ limit: 10 })).reverse();
      expect(attempts.map((a) => a.http_status)).toEqual([503, 502, 500, 500]);
      expect(attempts[3].error).toBe('HTTP 500; gave up after 4 attempts');
      const gaps = attempts.slice(1).map((a, i) => Date.parse(a.at) - Date.parse(attempts[i].at));
      expect(gaps[1]).toBeGreaterThanOrEqual(100);
      expect(gaps[2]).toBeGreaterThanOrEqual(200);

      await addAlert({ name: 'refused', when: 'killed >= 1', admin1: 'Idlib' });
      await ingestItem(store, ARIHA);
      receiver.answers = [410];
      expect(await deliverDue(store, OPTIONS)).toEqual({ delivered: 0, retrying: 0, failed: 1 });
      expect((await store.alertLog({ alert: 'refused', limit: 10 })).map((l) => [l.http_status, l.status])).toEqual([[410, 'failed']]);
    });

    it('logs a refused connection and tries again later', async () => {
      // A port that was free a moment ago: nothing listens there.
      const vacant = createServer();
      await new Promise<void>((r) => vacant.listen(0, '127.0.0.1', r));
      const port = (vacant.address() as AddressInfo).port;
      await new Promise((r) => vacant.close(r));
      await addAlert({ name: 'nobody home', when: 'killed >= 10', webhook: `http://127.0.0.1:${port}/nothing-listens` });
      await ingestItem(store, DOUMA);
      expect(await deliverDue(store, OPTIONS)).toEqual({ delivered: 0, retrying: 1, failed: 0 });
      const [line] = await store.alertLog({ limit: 1 });
      expect([line.http_status, line.error, line.status]).toEqual([null, 'ECONNREFUSED', 'pending']);
    });
  });
});

describe('observatory alerts add, told a bad condition', () => {
  const cli = join(root, 'dist', 'cli', 'main.js');
  const add = (...args: string[]) => spawnSync(process.execPath, [cli, 'alerts', 'add', '--db', join(root, 'nonexistent', 'never-made.sqlite'), '--name', 'x', '--webhook', 'http://127.0.0.1:8/', ...args], { encoding: 'utf8' });

  it.each([
    [['--when', 'kiled >= 10'], 'observatory: --when: unknown field "kiled" in "kiled >= 10" (fields: killed, civilians killed, wounded, captured, reports, claimants; or "control" for a change of territorial control)'],
    [['--when', 'killed >= ten'], 'observatory: --when: "killed >= ten": expected a whole number after "killed >=", got "ten"'],
    [['--when', 'killed'], 'observatory: --when: "killed": expected a comparison after "killed": one of >=, >, =, <=, < and a whole number, as in "killed >= 10"'],
    [['--when', 'killed >= 10 or wounded > 5'], 'observatory: --when: "killed >= 10 or wounded > 5": only "and" joins conditions (no "or", no "not"); make two alerts for "or"'],
    [['--when', 'killed >= 10', '--within', 'soon'], 'observatory: --within: expected a span such as 90m, 24h, 7d or 2w, got "soon"'],
  ])('%j is refused in one line, before any record is opened', (args, line) => {
    const r = add(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${line}\n`);
    expect(r.stdout).toBe('');
  });
});
