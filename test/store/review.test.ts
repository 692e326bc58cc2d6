// The review cycle on every database in DIALECTS, as an analyst works it: the queue weightiest first, a
// decision with a comment moves an incident out of the queue and into the history (with its events' edits and
// link decisions), a rejected incident leaves every sum, and --verified tallies and exports say what they leave out.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { openDesk } from '../../src/api/open-desk.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { openStore } from '../../src/store/open-store.js';
import type { ReportInput } from '../../src/store/store.js';
import { EACH } from '../dialects.js';
import { handMadeReport } from './hand-made.js';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const run = (args: string[], db: string) => {
  const r = spawnSync(process.execPath, [cli, ...args, '--db', db], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** A hand-made report on its own day and region, so each is an incident of its own. */
function report(text: string, day: string, admin1: string, opts: { fatalities?: number; actor?: string } = {}): ReportInput {
  const r = handMadeReport(text, { ...opts, admin1 });
  const date = { start: day, end: day, precision: 'day' as const };
  r.meta.published = day;
  r.extraction.events[0].date = date;
  r.extraction.claims[0].date = date;
  r.extraction.events[0].location = { ...r.extraction.events[0].location!, name: admin1, lat: null, lon: null, precision: 'admin1' };
  return r;
}

describe.each(EACH)('[%s]', (_name, dialect) => {
  let store: KyselyStore;
  let db: string;
  let ids: Record<'shelling' | 'attack' | 'clash', string>;
  beforeEach(async () => {
    if (!dialect.available) return;
    db = await dialect.fresh('review');
    store = await openStore(db);
    await store.ingestReport(report('Army shelling on a village killed twelve.', '2015-03-02', 'Idlib', { fatalities: 12 }));
    await store.ingestReport(report('An Islamic State attack killed twenty.', '2015-03-09', 'Homs', { fatalities: 20, actor: 'Islamic State' }));
    await store.ingestReport(report('Clashes left five dead.', '2015-03-20', 'Hama', { fatalities: 5 }));
    const byDeaths = new Map((await store.listIncidents({})).map((i) => [i.deaths_best, i.id]));
    ids = { shelling: byDeaths.get(12)!, attack: byDeaths.get(20)!, clash: byDeaths.get(5)! };
  });
  afterEach(async () => store?.close());

  describe.skipIf(!dialect.available)('the review cycle', () => {
    it('lists the unreviewed weightiest first, and a decision takes an incident out of the queue', async () => {
      expect((await store.reviewQueue({})).map((r) => r.deaths_best)).toEqual([20, 12, 5]);
      expect((await store.reviewQueue({ sort: 'recent' })).map((r) => r.date_start)).toEqual(['2015-03-20', '2015-03-09', '2015-03-02']);
      expect(await store.reviewIncident(ids.attack, 'verified', 'amal', 'two hospital lists agree')).toEqual({ before: 'unreviewed', after: 'verified' });
      expect((await store.reviewQueue({})).map((r) => r.deaths_best)).toEqual([12, 5]);
      expect(await store.reviewQueue({ state: 'verified' })).toMatchObject([{ id: ids.attack, review: { state: 'verified', reviewer: 'amal', comment: 'two hospital lists agree' } }]);
      expect(await store.reviewIncident('i:no-such', 'verified', 'amal', 'x')).toBeNull();
    });

    it('keeps every change in the history: reviews, edits of its events and link decisions, oldest first', async () => {
      // A history is in time order: the steps are a few milliseconds apart, as an analyst's are minutes apart.
      const later = () => new Promise((r) => setTimeout(r, 5));
      await store.reviewIncident(ids.shelling, 'disputed', 'amal', 'the village is not named');
      const event = (await store.listEvents({ admin1: 'Idlib' }))[0].id;
      await later();
      await store.updateEvent(event, { notes: 'village identified as Kafr Nabl' }, 'omar');
      await later();
      await store.reviewIncident(ids.shelling, 'verified', 'omar', 'village confirmed');
      const history = await store.incidentHistory(ids.shelling);
      expect(history.map((e) => [e.what, e.who, e.before, e.after, e.why])).toEqual([
        ['review', 'amal', 'unreviewed', 'disputed', 'the village is not named'],
        ['edit', 'omar', { notes: null }, { notes: 'village identified as Kafr Nabl' }, null],
        ['review', 'omar', 'disputed', 'verified', 'village confirmed'],
      ]);
      expect(history[1].event).toBe(event);
    });

    it('takes a rejected incident out of every sum, listing and export, and counts what a scope leaves out', async () => {
      await store.reviewIncident(ids.clash, 'rejected', 'amal', 'a report of an exercise, nobody died');
      expect((await store.listIncidents({})).map((i) => i.deaths_best).sort()).toEqual([12, 20]);
      expect((await store.listEvents({})).length).toBe(2);
      expect(await store.tally({ from: '2015-03-01', to: '2015-03-31' }, 'actor')).toEqual([
        { key: 'Islamic State', events: 1, fatalities: 20 },
        { key: 'Syrian army', events: 1, fatalities: 12 },
      ]);
      await store.reviewIncident(ids.attack, 'verified', 'amal', 'checked');
      expect((await store.listIncidents({ review: 'verified' })).map((i) => i.id)).toEqual([ids.attack]);
      expect(await store.reviewCounts({ review: 'verified' })).toEqual({ unreviewed: 1, verified: 1, disputed: 0, rejected: 1 });
      // Reopened, it counts again.
      await store.reviewIncident(ids.clash, 'unreviewed', 'omar', 'the exercise story was wrong');
      expect((await store.listEvents({})).length).toBe(3);
    });

    it('on the command line: the queue, a decision, the history, and --verified tallies and exports that say what they leave out', async () => {
      await store.close();
      const queue = run(['review'], db);
      expect(queue.status, queue.stderr).toBe(0);
      expect(queue.stdout).toMatch(/3 unreviewed incidents, weightiest first/);
      expect(run(['review', 'verify', ids.attack], db).stderr).toMatch(/--comment is needed/);
      const decided = run(['review', 'verify', ids.attack, '--comment', 'matched to the morgue list', '--as', 'amal'], db);
      expect(decided.stdout).toBe(`${ids.attack}: unreviewed -> verified by amal\n`);
      expect(run(['review', 'reject', ids.clash, '--comment', 'not violence', '--as', 'amal'], db).status).toBe(0);
      expect(run(['history', ids.attack], db).stdout).toMatch(/amal\s+review\s+unreviewed\s+verified\s+matched to the morgue list/);
      const tally = run(['tally', '--by', 'admin1', '--verified'], db);
      expect(tally.stdout).toMatch(/^Homs\s+20\s+20\s+20\s/m);
      expect(tally.stdout).not.toMatch(/Idlib|Hama/);
      expect(tally.stdout).toContain('left out: 1 rejected incident, 1 not verified (1 unreviewed, 0 disputed)');
      const all = run(['tally', '--by', 'admin1'], db);
      expect(all.stdout).toMatch(/^Idlib\s+12/m);
      expect(all.stdout).not.toMatch(/Hama/);
      expect(all.stdout).toContain('left out: 1 rejected incident\n');
      const exported = run(['export', '--format', 'jsonl', '--verified'], db);
      expect(exported.stdout.trim().split('\n').map((l) => JSON.parse(l).deaths_best)).toEqual([20]);
      expect(exported.stderr).toContain('left out: 1 rejected incident, 1 not verified');
      // The verified incident's one claimant gave the verified figure, and was first.
      expect(run(['claimants'], db).stdout).toMatch(/^Syrian Observatory for Human Rights\s+1\s+1\s+100%\s+1\s*$/m);
      store = await openStore(db);
    });

    it('on the desk: viewers read the queue and history, analysts decide, with the caller as reviewer', async () => {
      const desk = openDesk(store);
      const app = createApp(desk, { webRoot: null, log: () => {} });
      const viewer = (await desk.tokens.create('vera', 'viewer')).token;
      const analyst = (await desk.tokens.create('amal', 'analyst')).token;
      const call = async (tok: string, method: string, path: string, body?: unknown) => {
        const res = await app.request(path, { method, headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
        return { status: res.status, body: (await res.json()) as any };
      };
      expect((await call(viewer, 'GET', '/api/review')).body.incidents.map((r: any) => r.deaths_best)).toEqual([20, 12, 5]);
      expect((await call(viewer, 'POST', `/api/review/${ids.attack}`, { state: 'verified', comment: 'x' })).status).toBe(403);
      expect((await call(analyst, 'POST', `/api/review/${ids.attack}`, { state: 'verified' })).status).toBe(400);
      expect((await call(analyst, 'POST', '/api/review/i:none', { state: 'verified', comment: 'x' })).status).toBe(404);
      const done = await call(analyst, 'POST', `/api/review/${ids.attack}`, { state: 'verified', comment: 'two lists agree' });
      expect(done.body).toMatchObject({ before: 'unreviewed', after: 'verified', history: [{ what: 'review', who: 'amal', why: 'two lists agree' }] });
      expect((await call(viewer, 'GET', `/api/review/${ids.attack}/history`)).body.history).toHaveLength(1);
      expect((await call(viewer, 'GET', '/api/review/i:none/history')).status).toBe(404);
      expect((await call(viewer, 'GET', '/api/events?verified=true')).body.events).toHaveLength(1);
      expect((await call(viewer, 'GET', '/api/review/claimants')).body.claimants).toEqual([{ claimant: 'Syrian Observatory for Human Rights', incidents: 1, agreed: 1, first: 1, agreement: 1 }]);
    });
  });
});
