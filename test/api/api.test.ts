// The desk's HTTP API, called as a value (app.request), over a real temporary record holding the sample reports.
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { runTally } from '../../src/cli/commands/tally.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../src/api/openapi.js';
import { tallyResponse } from '../../src/api/schemas.js';
import { HOSTILE_REPORT, sampleDesk, type SampleDesk } from '../desk-setup.js';

let d: SampleDesk;
beforeAll(async () => {
  d = await sampleDesk();
});
afterAll(async () => d?.close());

type Who = 'viewer' | 'analyst' | 'admin' | null;
async function call(method: string, path: string, who: Who = 'viewer', body?: unknown, headers: Record<string, string> = {}) {
  const h: Record<string, string> = { ...headers };
  if (who) h.authorization = `Bearer ${d.tokens[who]}`;
  let payload: string | undefined;
  if (body !== undefined) {
    h['content-type'] ??= 'application/json';
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await d.app.request(path, { method, headers: h, body: payload });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}
const get = (path: string, who: Who = 'viewer') => call('GET', path, who);

describe('the OpenAPI description', () => {
  it('is served at /openapi.json without a token, and describes every route the app serves', async () => {
    const r = await get('/openapi.json', null);
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
    const served = d.app.routes
      .filter((x) => x.path !== '/openapi.json' && !x.path.includes('*') && x.method !== 'ALL')
      .map((x) => `${x.method.toLowerCase()} ${x.path}`);
    const described = OPERATIONS.map((o) => `${o.method} ${o.path}`);
    expect([...new Set(served)].sort()).toEqual([...described].sort());
    for (const o of OPERATIONS) expect(r.body.paths[o.path.replace(/:(\w+)/g, '{$1}')][o.method].summary).toBeTruthy();
    const params = r.body.paths['/api/events'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['from', 'to', 'country', 'admin1', 'place', 'bloc', 'actor', 'type', 'claimant', 'min_fatalities', 'limit', 'offset', 'cursor', 'count']));
    expect(r.body.paths['/api/reports'].post.requestBody.content['application/json'].schema.required).toEqual(['text']);
  });
});

describe('access', () => {
  it('needs a token to read when reading is not public, and says so with WWW-Authenticate', async () => {
    const r = await get('/api/events', null);
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(r.body.error.message).toMatch(/needs a token/);
  });

  it('rejects an unknown token, a malformed header, even where no token is needed', async () => {
    expect((await call('GET', '/api/events', null, undefined, { authorization: 'Bearer obs_nope' })).status).toBe(401);
    expect((await call('GET', '/api/events', null, undefined, { authorization: 'Basic dXNlcjpwYXNz' })).body.error.message).toMatch(/Bearer TOKEN/);
    expect((await call('GET', '/api/me', null, undefined, { authorization: 'Bearer obs_nope' })).status).toBe(401);
  });

  it('tells each token its name and role', async () => {
    expect((await get('/api/me', 'analyst')).body).toEqual({ token: { id: expect.stringMatching(/^tok_/), name: 'alice', role: 'analyst', source_handler: false }, public_read: false });
    expect((await get('/api/me', null)).body).toEqual({ token: null, public_read: false });
  });

  it('lets viewers read, analysts write, and only admins manage tokens', async () => {
    const report = { text: 'Shelling killed 3 civilians in Harasta on Sunday, the Syrian Observatory for Human Rights said.', published: '2016-02-14' };
    for (const who of ['viewer', 'analyst', 'admin'] as const) expect((await get('/api/events?limit=1', who)).status).toBe(200);
    const viewerPost = await call('POST', '/api/reports', 'viewer', report);
    expect(viewerPost.status).toBe(403);
    expect(viewerPost.body.error.message).toBe('this needs the analyst role; the token "vera" is viewer');
    expect((await call('POST', '/api/reports', null, report)).status).toBe(401);
    expect((await call('POST', '/api/reports', 'analyst', report)).status).toBe(201);
    expect((await get('/api/tokens', 'analyst')).status).toBe(403);
    expect((await get('/api/tokens', 'admin')).status).toBe(200);
  });

  it('opens reading to the public with the setting, and never writing', async () => {
    const pub = await sampleDesk({ publicRead: true });
    try {
      const read = await pub.app.request('/api/events?limit=1');
      expect(read.status).toBe(200);
      const write = await pub.app.request('/api/reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Clashes killed 5 fighters in Marea.' }) });
      expect(write.status).toBe(401);
      expect((await pub.app.request('/api/tokens')).status).toBe(401);
      const doc = (await (await pub.app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, { security?: unknown }>> };
      expect(doc.paths['/api/events'].get.security).toBeUndefined();
      expect(doc.paths['/api/reports'].post.security).toEqual([{ bearer: [] }]);
    } finally {
      await pub.close();
    }
  });
});

describe('tokens', () => {
  it('are created by an admin, shown once, stored as sha256 hashes, and stop working when revoked', async () => {
    const made = await call('POST', '/api/tokens', 'admin', { name: 'bob', role: 'analyst' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: 'bob', role: 'analyst', token: expect.stringMatching(/^obs_[\w-]{43}$/) });
    const token: string = made.body.token;
    const me = await d.app.request('/api/me', { headers: { authorization: `Bearer ${token}` } });
    expect(((await me.json()) as { token: { name: string } }).token.name).toBe('bob');

    const listed = await get('/api/tokens', 'admin');
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(listed.body.tokens.find((t: { id: string }) => t.id === made.body.id)).toMatchObject({ name: 'bob', role: 'analyst', revoked_at: null, last_used_at: expect.any(String) });

    const db = (d.store as unknown as { db: { selectFrom: (t: string) => any } }).db;
    const rows: { hash: string }[] = await db.selectFrom('api_tokens').selectAll().execute();
    expect(rows.map((r) => r.hash)).toContain(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);

    expect((await call('DELETE', `/api/tokens/${made.body.id}`, 'admin')).status).toBe(204);
    expect((await d.app.request('/api/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await call('DELETE', `/api/tokens/${made.body.id}`, 'admin')).status).toBe(404);
  });

  it('check their input', async () => {
    const r = await call('POST', '/api/tokens', 'admin', { name: '', role: 'owner' });
    expect(r.status).toBe(400);
    expect(r.body.error.issues.map((i: { at: string }) => i.at).sort()).toEqual(['body.name', 'body.role']);
  });

  it('cannot revoke the token making the request', async () => {
    const me = await get('/api/me', 'admin');
    expect((await call('DELETE', `/api/tokens/${me.body.token.id}`, 'admin')).status).toBe(409);
  });
});

describe('events', () => {
  it('lists events newest first in keyset pages, and counts them only when asked', async () => {
    const id = (e: { id: string }) => e.id;
    const all = await get('/api/events?count=true');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(await d.store.countEvents({}));
    expect(all.body.events.length).toBe(all.body.total);
    const dates = all.body.events.map((e: { date_start: string }) => e.date_start);
    expect(dates).toEqual([...dates].sort().reverse());
    // A page alone counts nothing: no total, and a null next on the last page.
    const plain = await get('/api/events');
    expect(plain.body).not.toHaveProperty('total');
    expect(plain.body).toMatchObject({ limit: 100, next: null });
    expect(plain.body.events.map(id)).toEqual(all.body.events.map(id));
    // Following next, five at a time, reads every event once, in the same order.
    const paged: string[] = [];
    let next: string | null = null;
    do {
      const p = await get(`/api/events?limit=5${next ? `&cursor=${next}` : ''}`);
      expect(p.status).toBe(200);
      paged.push(...p.body.events.map(id));
      next = p.body.next;
    } while (next);
    expect(paged).toEqual(all.body.events.map(id));
    // An offset still skips rows, and its next goes on from there.
    const p2 = await get('/api/events?limit=5&offset=5');
    expect(p2.body).toMatchObject({ limit: 5, offset: 5 });
    expect(p2.body.events.map(id)).toEqual(all.body.events.slice(5, 10).map(id));
    expect((await get(`/api/events?limit=5&cursor=${p2.body.next}`)).body.events.map(id)).toEqual(all.body.events.slice(10, 15).map(id));
  });

  it('refuses a cursor it did not give, and a cursor with an offset', async () => {
    const bad = await get('/api/events?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toEqual([{ at: 'query.cursor', message: "not a cursor this API gave: pass the previous page's next as it is" }]);
    const { next } = (await get('/api/events?limit=2')).body;
    expect((await get(`/api/events?limit=2&offset=4&cursor=${next}`)).status).toBe(400);
  });

  it("filters with the CLI's filters", async () => {
    const ids = async (q: string) => (await get(`/api/events?${q}`)).body.events.map((e: { id: string }) => e.id).sort();
    const same = async (q: string, filter: Parameters<typeof d.store.listEvents>[0]) => {
      const expected = (await d.store.listEvents(filter)).map((e) => e.id).sort();
      expect(expected.length, q).toBeGreaterThan(0);
      expect(await ids(q)).toEqual(expected);
    };
    await same('country=iraq', { country: 'iraq' });
    await same('admin1=Aleppo', { admin1: 'Aleppo' });
    await same('place=raqq', { place: 'raqq' });
    await same('from=2017-01-01&to=2018-12-31', { from: '2017-01-01', to: '2018-12-31' });
    await same('min_fatalities=10', { minFatalities: 10 });
    await same('bloc=pro-government', { bloc: 'pro-government' });
    await same('actor=taliban', { actor: 'taliban' });
    await same('type=Air%2Fdrone%20strike', { type: 'Air/drone strike' });
    await same('claimant=observatory', { claimant: 'observatory' });
    await same('origin=extracted&country=Syria', { origin: 'extracted', country: 'Syria' });
    expect(await ids('country=Atlantis')).toEqual([]);
  });

  it('turns bad parameters into a 400 naming each problem', async () => {
    const r = await get('/api/events?from=2016-13-01&min_fatalities=many&limit=5000&contry=Syria');
    expect(r.status).toBe(400);
    expect(r.body.error.issues).toEqual([
      { at: 'query.from', message: 'not a real calendar date' },
      { at: 'query.min_fatalities', message: 'expected a whole number' },
      { at: 'query.limit', message: 'Too big: expected number to be <=2000' },
      { at: 'query', message: 'unknown parameter "contry"' },
    ]);
    expect(r.body.error.message).toMatch(/^query\.from: not a real calendar date; /);
    expect((await get('/api/events?from=yesterday')).body.error.issues[0].message).toBe('expected a date YYYY-MM-DD');
  });

  it('gives one event with its claims, the reports behind them and its reconciled incident', async () => {
    const [row] = await d.store.listEvents({ place: 'Aleppo' });
    const r = await get(`/api/events/${encodeURIComponent(row.id)}`);
    expect(r.status).toBe(200);
    expect(r.body.event.id).toBe(row.id);
    const claim = r.body.claims[0];
    const report = r.body.reports.find((x: { id: string }) => x.id === claim.report_id);
    expect(report.text.slice(claim.span.start, claim.span.end)).toMatch(/seven civilians/);
    expect(report.text).toContain(claim.sentence);
    expect(r.body.incident.figures.total).toEqual({ low: 7, best: 7, high: 7, vague: false });
    expect(r.body.incident.figures.groups[0].best.claims).toEqual([claim.id]);
    expect(r.body.edits).toEqual([]);
    expect((await get('/api/events/no-such-event')).status).toBe(404);
  });

  it('lets an analyst correct an event, logging who changed what', async () => {
    const [row] = await d.store.listEvents({ place: 'Mayadin' });
    const path = `/api/events/${encodeURIComponent(row.id)}`;
    const r = await call('PATCH', path, 'analyst', { sub_type: 'Suicide bomb', notes: 'Checked against the local council statement.', date: { start: '2018-02-02', end: '2018-02-02', precision: 'day' } });
    expect(r.status).toBe(200);
    expect(r.body.event).toMatchObject({ sub_type: 'Suicide bomb', notes: 'Checked against the local council statement.', date: { start: '2018-02-02' } });
    expect(r.body.edits).toHaveLength(1);
    expect(r.body.edits[0]).toMatchObject({ editor: 'alice', changes: { sub_type: [row.sub_type, 'Suicide bomb'], notes: [null, 'Checked against the local council statement.'] } });
    // The store's derived month follows the date: the record's tallies see the correction.
    const month = await d.store.tally({ place: 'Mayadin' }, 'month');
    expect(month.map((m) => m.key)).toEqual(['2018-02']);
    // And so does its incident, under the id it had.
    const incidentId = await d.store.incidentOf(row.id);
    expect(incidentId).not.toBeNull();
    expect((await d.store.listIncidents({ place: 'Mayadin' })).map((i) => [i.id, i.date_start, i.sub_type])).toEqual([[incidentId, '2018-02-02', 'Suicide bomb']]);
    expect((await call('PATCH', path, 'viewer', { notes: 'x' })).status).toBe(403);
    expect((await call('PATCH', '/api/events/nope', 'analyst', { notes: 'x' })).status).toBe(404);
  });

  it('checks a correction before applying it', async () => {
    const [row] = await d.store.listEvents({ place: 'Mayadin' });
    const path = `/api/events/${encodeURIComponent(row.id)}`;
    expect((await call('PATCH', path, 'analyst', {})).body.error.message).toMatch(/nothing to change/);
    expect((await call('PATCH', path, 'analyst', { fatalities_best: 100 })).body.error.issues[0]).toEqual({ at: 'body', message: 'unknown field "fatalities_best"' });
    expect((await call('PATCH', path, 'analyst', { date: { start: '2018-03-02', end: '2018-02-02', precision: 'day' } })).body.error.issues[0]).toEqual({ at: 'body.date', message: 'start must not be after end' });
  });
});

describe('reports', () => {
  it('lists reports with their counts', async () => {
    const r = await get('/api/reports?limit=100');
    expect(r.status).toBe(200);
    expect(r.body.total).toBe((await d.store.counts()).reports);
    const aleppo = r.body.reports.find((x: { title: string | null }) => x.title?.startsWith('Shelling kills seven in Aleppo'));
    expect(aleppo).toEqual({ id: expect.any(String), title: expect.any(String), publisher: 'Levant Wire', published: '2016-03-08', ingested_at: expect.any(String), events: 1, claims: expect.any(Number), sightings: 1 });
    // Counts agree with what the report page shows (a claim need not make an event: "15 other people were wounded").
    const one = (await get(`/api/reports/${aleppo.id}`)).body;
    expect([one.extracted.events.length, one.extracted.claims.length]).toEqual([aleppo.events, aleppo.claims]);
  });

  it('takes a report through extraction into the record, and knows it the second time', async () => {
    const input = { text: 'A car bomb killed 9 people in Azaz on Saturday, the Syrian Observatory for Human Rights said.', published: '2017-03-12', source: 'dpa', title: 'Car bomb kills 9 in Azaz' };
    const before = await d.store.counts();
    const r = await call('POST', '/api/reports', 'analyst', input);
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe(`/api/reports/${r.body.report.id}`);
    expect(r.body.status).toBe('new');
    expect(r.body.report).toMatchObject({ title: input.title, publisher: 'dpa', published: '2017-03-12', text: input.text, events: 1, claims: 1 });
    const [claim] = r.body.report.extracted.claims;
    expect(input.text.slice(claim.span.start, claim.span.end)).toMatch(/killed 9/);
    expect(r.body.report.extracted.events[0]).toMatchObject({ location: { name: 'Azaz' }, claims: [claim.id] });
    expect((await d.store.counts()).reports).toBe(before.reports + 1);
    // The event is in the list the map and table read.
    expect((await get('/api/events?place=azaz')).body.events[0]).toMatchObject({ id: r.body.report.extracted.events[0].id, source: 'dpa', fatalities_best: 9 });
    const again = await call('POST', '/api/reports', 'analyst', input);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('duplicate');
    expect((await d.store.counts()).reports).toBe(before.reports + 1);
    const one = await get(`/api/reports/${r.body.report.id}`);
    expect(one.body.text).toBe(input.text);
    expect((await get('/api/reports/r-none')).status).toBe(404);
  });

  it("takes another outlet's copy of a held story as a sighting of it, listed with the report", async () => {
    const text = 'Gunmen killed 6 people at a checkpoint near Tal Abyad on Sunday, the Syrian Observatory for Human Rights said. The monitor said the attackers fled towards the border.';
    const first = await call('POST', '/api/reports', 'analyst', { text, published: '2017-04-02', source: 'Kurdish Wire', title: 'Six killed at checkpoint' });
    expect(first.body.status).toBe('new');
    const before = await d.store.counts();
    const copy = { text: `${text}\n\nFollow us on Telegram for more.`, published: '2017-04-02', source: 'Border Daily', title: 'Checkpoint attack near Tal Abyad', url: 'https://border.example/news/checkpoint' };
    const seen = await call('POST', '/api/reports', 'analyst', copy);
    expect(seen.status).toBe(200);
    expect(seen.body.status).toBe('sighting');
    expect(seen.body.report.id).toBe(first.body.report.id);
    expect(await d.store.counts()).toEqual(before);
    const one = (await get(`/api/reports/${first.body.report.id}`)).body;
    expect(one.sightings.map((x: { outlet: string; url: string | null; title: string }) => [x.outlet, x.url, x.title])).toEqual([
      ['Kurdish Wire', null, 'Six killed at checkpoint'],
      ['Border Daily', 'https://border.example/news/checkpoint', 'Checkpoint attack near Tal Abyad'],
    ]);
    expect((await call('POST', '/api/reports', 'analyst', copy)).body.status).toBe('duplicate');
    expect((await call('POST', '/api/reports', 'analyst', { ...copy, url: 'ftp://border.example/x' })).body.error.issues[0]).toEqual({ at: 'body.url', message: 'expected an http or https URL' });
  });

  it('checks what is submitted', async () => {
    const missing = await call('POST', '/api/reports', 'analyst', { title: 'no text' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues[0].at).toBe('body.text');
    expect((await call('POST', '/api/reports', 'analyst', { text: '   ' })).body.error.issues[0]).toEqual({ at: 'body.text', message: 'must not be empty' });
    expect((await call('POST', '/api/reports', 'analyst', { text: 'x', published: '14/02/2016' })).body.error.issues[0]).toEqual({ at: 'body.published', message: 'expected a date YYYY-MM-DD' });
    expect((await call('POST', '/api/reports', 'analyst', { text: 'x'.repeat(200_001) })).body.error.issues[0]).toEqual({ at: 'body.text', message: 'at most 200000 characters' });
    const bad = await call('POST', '/api/reports', 'analyst', '{"text": "unterminated');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/JSON/i);
  });

  it('refuses a body over 1 MB', async () => {
    const r = await call('POST', '/api/reports', 'analyst', { text: 'killed '.repeat(160_000) });
    expect(r.status).toBe(413);
    expect(r.body.error.message).toBe('the request body is over 1 MB');
  });

  it('keeps hostile text as data: JSON out, never HTML, with a policy that runs no inline script', async () => {
    const r = await call('POST', '/api/reports', 'analyst', HOSTILE_REPORT);
    expect(r.status).toBe(201);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = r.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/default-src 'self'/);
    // Stored as given (the title and outlet are not touched; extraction blanks markup in the text, keeping offsets).
    const report = (await get(`/api/reports/${r.body.report.id}`)).body;
    expect(report.title).toBe(HOSTILE_REPORT.title);
    expect(report.publisher).toBe(HOSTILE_REPORT.source);
    expect(report.text).toHaveLength(HOSTILE_REPORT.text.length);
    expect(report.text).not.toMatch(/<script|onerror/);
  });
});

describe('alerts', () => {
  it('lists the alerts and their latest firings to readers, never a secret or a webhook\'s path', async () => {
    await d.store.addAlert({ name: 'big strikes', condition: 'killed >= 20', country: null, admin1: null, bloc: null, type: null, withinSeconds: null, webhook: 'https://hooks.example/services/T0/KEEP-THIS-PRIVATE', secret: 'whsec_not-for-readers' });
    const r = await call('POST', '/api/reports', 'analyst', { text: 'An air strike killed 23 people in the market of Maarat al-Numan on Tuesday, the Syrian Observatory for Human Rights said.', published: '2017-04-05', source: 'Wire' });
    expect(r.body.status).toBe('new');
    expect((await get('/api/alerts', null)).status).toBe(401);
    const listed = await get('/api/alerts?limit=5');
    expect(listed.status).toBe(200);
    expect(listed.body.alerts).toEqual([expect.objectContaining({ name: 'big strikes', condition: 'killed >= 20', webhook_host: 'hooks.example', fired: 1, pending: 1 })]);
    expect(JSON.stringify(listed.body)).not.toMatch(/KEEP-THIS-PRIVATE|whsec_/);
    expect(listed.body.recent).toEqual([expect.objectContaining({ alert: 'big strikes', status: 'pending', attempts: 0, incident: expect.objectContaining({ location: 'Maarat al-Numan', killed: 23 }) })]);
    expect((await get('/api/alerts?limit=0')).status).toBe(400);
  });
});

describe('tallies and control', () => {
  it('tallies reconciled deaths by bloc, with the claims behind each row', async () => {
    const r = await get('/api/tallies?by=bloc&country=Syria');
    expect(r.status).toBe(200);
    expect(r.body.by).toBe('bloc');
    expect(r.body.incidents).toBeGreaterThan(0);
    const civilians = r.body.rows.find((x: { key: string }) => x.key === 'civilians');
    expect(civilians.best).toBeGreaterThan(0);
    expect(civilians.claims.length).toBeGreaterThan(0);
    for (const by of ['admin1', 'country', 'actor', 'month']) expect((await get(`/api/tallies?by=${by}`)).status).toBe(200);
    expect((await get('/api/tallies?by=weather')).status).toBe(400);
  });

  it('answers in the shape its OpenAPI description gives, every row in order (low <= best <= high) with its vague incidents counted', async () => {
    const doc = (await get('/openapi.json', null)).body;
    const row = doc.paths['/api/tallies'].get.responses['200'].content['application/json'].schema.properties.rows.items;
    expect(row.required).toEqual(expect.arrayContaining(['low', 'best', 'high', 'incidents', 'vague']));
    for (const by of ['bloc', 'admin1', 'country', 'actor', 'month']) {
      const body = tallyResponse.parse((await get(`/api/tallies?by=${by}`)).body);
      for (const r of body.rows) expect(r.low <= r.best && r.best <= r.high && r.vague <= r.incidents, `${by} ${r.key}`).toBe(true);
    }
  });

  it('lists who disagrees, on which figures, in an incident whose claimants do not overlap', async () => {
    const told = [
      { source: 'AFP', published: '2016-10-13', text: 'Clashes with the army killed 9 rebels near Morek on Thursday, the Syrian Observatory for Human Rights said.' },
      { source: 'SANA', published: '2016-10-13', text: 'The army killed 90 terrorists near Morek on Thursday, state news agency SANA said.' },
    ];
    for (const t of told) expect((await call('POST', '/api/reports', 'analyst', t)).status).toBe(201);
    const [e] = await d.store.listEvents({ place: 'Morek' });
    const { figures } = (await get(`/api/events/${encodeURIComponent(e.id)}`)).body.incident;
    expect(figures.status).toBe('contested');
    expect(figures.disagreements).toHaveLength(1);
    const [x] = figures.disagreements;
    expect(x.group).toBe('opposition');
    expect([x.a, x.b].map((s: { claimantKind: string; low: number; high: number; claim: string }) => [s.claimantKind, s.low, s.high, typeof s.claim]).sort()).toEqual([
      ['monitor', 9, 9, 'string'],
      ['state-media', 90, 90, 'string'],
    ]);
  });

  it('reads the record as the CLI does: the same reconciled tally as `observatory tally`', async () => {
    const chunks: string[] = [];
    const out = new Writable({ write: (c, _e, cb) => (chunks.push(String(c)), cb()) });
    await runTally({ db: d.db, by: 'bloc', format: 'json' }, out);
    const cli = JSON.parse(chunks.join(''));
    const api = (await get('/api/tallies?by=bloc')).body;
    expect(api.rows).toEqual(cli.rows);
    expect(api.periodTotals).toEqual(cli.periodTotals);
  });

  it("follows an analyst's decision that two events are not one incident", async () => {
    let linked: { id: string; other: string } | null = null;
    for (const e of await d.store.listEvents({}, { limit: 1000 })) {
      const inc = (await get(`/api/events/${encodeURIComponent(e.id)}`)).body.incident;
      if (inc?.events.length > 1) {
        linked = { id: e.id, other: inc.events.find((x: { id: string }) => x.id !== e.id).id };
        break;
      }
    }
    expect(linked, 'the sample holds an incident told twice').not.toBeNull();
    await d.store.recordLinkDecision({ a: linked!.id, b: linked!.other, decision: 'unlink', note: 'different strikes', analyst: 'alice' });
    const after = (await get(`/api/events/${encodeURIComponent(linked!.id)}`)).body.incident;
    expect(after.events.map((x: { id: string }) => x.id)).not.toContain(linked!.other);
  });

  it('gives weekly deaths by perpetrator bloc, weeks starting on Monday', async () => {
    const r = await get('/api/tallies/weekly?country=Syria');
    expect(r.status).toBe(200);
    expect(r.body.weeks.length).toBeGreaterThan(0);
    for (const w of r.body.weeks) expect(new Date(`${w.week}T00:00:00Z`).getUTCDay()).toBe(1);
    const aleppo = (await get('/api/tallies/weekly?admin1=Aleppo&to=2016-12-31')).body.weeks;
    // The sample's Aleppo report: "Government artillery shelled the eastern districts", seven killed.
    expect(aleppo).toEqual([{ week: '2016-03-07', bloc: 'pro-government', low: 7, best: 7, high: 7, incidents: 1, vague: 0 }]);
  });

  it("gives the record's plain sums from the store", async () => {
    const r = await get('/api/tallies/record?by=country');
    expect(r.body.rows).toEqual(await d.store.tally({}, 'country', 1000));
  });

  it('lists changes of control, and the holders on a date', async () => {
    const r = await get('/api/control?country=Syria&at=2017-01-01');
    expect(r.status).toBe(200);
    expect(r.body.changes.length).toBeGreaterThan(0);
    expect(r.body.changes[0]).toMatchObject({ country: 'Syria', date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), claims: expect.any(Array) });
    expect(r.body.holders.length).toBeGreaterThan(0);
    expect((await get('/api/control')).body.holders).toBeNull();
  });

  it('asks for a narrower filter when too many events match to reconcile', async () => {
    const small = await sampleDesk({ reconcileLimit: 3 });
    try {
      const r = await small.app.request('/api/tallies?by=bloc', { headers: { authorization: `Bearer ${small.tokens.viewer}` } });
      expect(r.status).toBe(422);
      expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/events to reconcile; reconciled figures read at most 3: narrow the filter/);
    } finally {
      await small.close();
    }
  });
});

describe('errors', () => {
  it('answers an unknown endpoint with the one error shape', async () => {
    const r = await get('/api/nothing');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ error: { status: 404, message: 'no such endpoint: GET /api/nothing (see /openapi.json)' } });
  });
});
