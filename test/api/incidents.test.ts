// /api/incidents and /api/incidents/:id on every database in DIALECTS, over the sample reports and a few
// written for these tests: a strike three outlets told is one incident with its best figure once, a weekly
// total is never an incident, an incident gives every claim (with the sentence and span it was read from)
// and every reason its events are one, an unknown id is a 404, and the filters and pages match the record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { openDesk } from '../../src/api/open-desk.js';
import { OPERATIONS } from '../../src/api/openapi.js';
import { incidentDetailResponse, incidentListResponse } from '../../src/api/schemas.js';
import type { IncidentFilter, IncidentRow } from '../../src/store/store.js';
import { sampleDesk, STRIKE_TOLD_THREE_TIMES, submitReports, WEEKLY_TOTAL, type SampleDesk } from '../desk-setup.js';
import { EACH } from '../dialects.js';
import { handMadeReport } from '../store/hand-made.js';

// Written for the project: the place is real, the clash invented. A monitor's count against state media's.
const CLASH = [
  { source: 'AFP', published: '2019-06-07', title: 'Fighting at Kafr Nabudah', text: 'Fighting with government forces killed 11 rebels in Kafr Nabudah on Thursday, the Syrian Observatory for Human Rights said.' },
  { source: 'SANA', published: '2019-06-07', title: 'Army advances', text: 'The army killed 120 terrorists in Kafr Nabudah on Thursday, state news agency SANA said.' },
];

type Listed = { limit: number; next: string | null; incidents: IncidentRow[] };

describe.each(EACH)('[%s]', (_name, dialect) => {
  describe.skipIf(!dialect.available)('incidents through the API', () => {
    let d: SampleDesk;
    const get = async (path: string, who: 'viewer' | null = 'viewer') => {
      const res = await d.app.request(path, { headers: who ? { authorization: `Bearer ${d.tokens[who]}` } : {} });
      return { status: res.status, body: (await res.json()) as any };
    };
    const list = async (query: string): Promise<Listed> => {
      const r = await get(`/api/incidents?${query}`);
      expect(r.status, `${query}: ${JSON.stringify(r.body)}`).toBe(200);
      return incidentListResponse.parse(r.body) as Listed;
    };
    /** Every page, following next until the last. */
    const walk = async (query: string): Promise<{ pages: number; ids: string[] }> => {
      const ids: string[] = [];
      let pages = 0;
      let next: string | null = null;
      do {
        const page: Listed = await list(`${query}${next ? `&cursor=${encodeURIComponent(next)}` : ''}`);
        ids.push(...page.incidents.map((i) => i.id));
        next = page.next;
        pages++;
      } while (next && pages < 100);
      return { pages, ids };
    };
    const strikeEvents = async () => (await d.store.listEvents({ place: 'Ariha' })).map((e) => e.id).sort();

    beforeAll(async () => {
      d = await sampleDesk({ db: await dialect.fresh('incidents-api') });
      await submitReports(d, [...STRIKE_TOLD_THREE_TIMES, WEEKLY_TOTAL, ...CLASH]);
      // Three incidents on one day in three regions (ties on the date), and three with no date at all.
      for (const admin1 of ['Homs', 'Hama', 'Daraa']) await d.store.ingestReport(handMadeReport(`Clashes in ${admin1} killed 12 rebels.`, { admin1 }));
      for (const admin1 of ['Latakia', 'Tartus', 'Quneitra']) {
        const undated = handMadeReport(`Fighters were killed in ${admin1}, on a day the report does not give.`, { admin1 });
        for (const x of [...undated.extraction.events, ...undated.extraction.claims]) x.date = null;
        await d.store.ingestReport(undated);
      }
    });
    afterAll(async () => d?.close());

    it('lists a strike three outlets told as one incident, with its best figure once', async () => {
      const events = await strikeEvents();
      expect(events).toHaveLength(3);
      const { incidents } = await list('place=ariha');
      expect(incidents).toHaveLength(1);
      // The monitor's 12 is the best; the rescuers' 14 is the high.
      expect(incidents[0]).toMatchObject({ location: 'Ariha', admin1: 'Idlib', deaths_low: 12, deaths_best: 12, deaths_high: 14, reports: 3, events: 3, status: 'corroborated', date_start: '2019-05-11' });
      expect(incidents[0].id).toBe(await d.store.incidentOf(events[0]));
      // Over every incident of that week in Idlib, the strike's dead are counted once: 12, not 12 + 13 + 14, and not the week's 63.
      const week = await list('admin1=Idlib&from=2019-05-04&to=2019-05-12');
      expect(week.incidents.map((i) => [i.id, i.deaths_best])).toEqual([[incidents[0].id, 12]]);
    });

    it('never lists the weekly total, nor any period total, as an incident', async () => {
      const [weekly] = await d.store.listEvents({ scope: 'period-total', place: 'Idlib' });
      expect(weekly, 'the weekly total is held as a period-total event').toBeDefined();
      expect(weekly.fatalities_best).toBe(63);
      expect(await d.store.incidentOf(weekly.id)).toBeNull();
      const all = await list('limit=2000');
      expect(all.incidents.filter((i) => i.deaths_best === 63 || i.deaths_high === 63)).toEqual([]);
      const members: string[] = [];
      for (const i of all.incidents) members.push(...(await get(`/api/incidents/${encodeURIComponent(i.id)}`)).body.incident.event_ids);
      expect(members).not.toContain(weekly.id);
      // Every report's incident-scope event is in exactly one listed incident.
      const reported = (await d.store.listEvents({ scope: 'incident', origin: 'extracted' }, { limit: 2000 })).map((e) => e.id);
      expect([...members].sort()).toEqual([...reported].sort());
      // The event's own page says it belongs to no incident.
      const page = (await get(`/api/events/${encodeURIComponent(weekly.id)}`)).body;
      expect([page.incident_id, page.incident]).toEqual([null, null]);
    });

    it('gives an incident with every claim, the sentence and span each was read from, and every reason its events are one', async () => {
      const events = await strikeEvents();
      const id = (await d.store.incidentOf(events[0]))!;
      const r = await get(`/api/incidents/${encodeURIComponent(id)}`);
      expect(r.status).toBe(200);
      const body = incidentDetailResponse.parse(r.body);
      expect(body.incident).toMatchObject({ id, deaths_best: 12, status: 'corroborated' });
      expect(body.incident.event_ids.sort()).toEqual(events);
      expect(body.events.map((e) => e.id).sort()).toEqual(events);
      // Every claim behind every one of its events, once.
      const behind = new Set<string>();
      for (const e of events) for (const c of (await d.store.getEvent(e))!.claims) behind.add(c.id);
      expect(body.claims.map((c) => c.id).sort()).toEqual([...behind].sort());
      expect(new Set(body.claims.map((c) => c.report_id)).size).toBe(3);
      for (const c of body.claims) {
        const report = (await get(`/api/reports/${encodeURIComponent(c.report_id!)}`)).body;
        expect(report.text).toContain(c.sentence);
        // The span marks what was read (the figure, or the words that carry it) inside the sentence.
        const marked = report.text.slice(c.span.start, c.span.end);
        expect(marked.trim(), `${c.claimant}'s span`).not.toBe('');
        expect(c.sentence).toContain(marked);
        expect(c.sentence).toMatch(/14|12|Thirteen/);
      }
      // Three events are one incident by two links, each naming two of its events and why.
      expect(body.links).toHaveLength(2);
      for (const l of body.links) {
        expect(events).toContain(l.a);
        expect(events).toContain(l.b);
        expect(l.by).toBe('rule');
        expect(l.why).toMatch(/Ariha/);
      }
      // Each figure names the claims that give it: the monitor's 12 is the best, the rescuers' 14 the high.
      const [civilians] = body.figures.groups;
      expect([civilians.group, civilians.low.value, civilians.best.value, civilians.high.value]).toEqual(['civilians', 12, 12, 14]);
      const claimant = (ids: string[]) => ids.map((x) => body.claims.find((c) => c.id === x)!.claimant);
      expect(claimant(civilians.best.claims)).toEqual(['Syrian Observatory for Human Rights']);
      expect(body.claims.find((c) => c.id === civilians.high.claims[0])!.sentence).toMatch(/killing 14 civilians/);
      expect(body.figures.disagreements).toEqual([]);
      expect(body.reports.map((x) => x.publisher).sort()).toEqual(['AFP', 'Reuters', 'dpa']);
    });

    it('lists who disagrees in a contested incident, and finds it by status', async () => {
      const { incidents } = await list('status=contested');
      expect(incidents.map((i) => i.location)).toEqual(['Kafr Nbudah']);
      const body = incidentDetailResponse.parse((await get(`/api/incidents/${encodeURIComponent(incidents[0].id)}`)).body);
      expect(body.figures.status).toBe('contested');
      expect(body.figures.disagreements).toHaveLength(1);
      const [x] = body.figures.disagreements;
      expect([x.a, x.b].map((s) => [s.claimantKind, s.low, s.high]).sort()).toEqual([
        ['monitor', 11, 11],
        ['state-media', 120, 120],
      ]);
      // Both sides of the disagreement are claims the incident lists, each with its sentence.
      for (const s of [x.a, x.b]) expect(body.claims.find((c) => c.id === s.claim)?.sentence).toMatch(/Kafr Nabudah/);
    });

    it("links an event to its incident, and the incident's figures are the event page's", async () => {
      const [event] = await strikeEvents();
      const page = (await get(`/api/events/${encodeURIComponent(event)}`)).body;
      expect(page.incident_id).toBe(await d.store.incidentOf(event));
      expect(page.incident.id).toBe(page.incident_id);
      const incident = (await get(`/api/incidents/${encodeURIComponent(page.incident_id)}`)).body;
      expect(page.incident.figures).toEqual(incident.figures);
      expect(page.incident.links).toEqual(incident.links);
    });

    it('answers an unknown incident with a 404 that says what an incident id is', async () => {
      const [event] = await strikeEvents();
      for (const id of ['i:no-such-event', event]) {
        const r = await get(`/api/incidents/${encodeURIComponent(id)}`);
        expect(r.status).toBe(404);
        expect(r.body).toEqual({ error: { status: 404, message: `no incident "${id}": incident ids are "i:" and an event id, as GET /api/incidents lists them` } });
      }
    });

    it('pages newest first, undated last, with no row twice and none missed, and no count of the whole record', async () => {
      const all = await d.store.listIncidents({}, { limit: 2000 });
      expect(all.length).toBe(await d.store.countIncidents({}));
      expect(all.filter((i) => i.date_start === null)).toHaveLength(3);
      expect(all.filter((i) => i.date_start === '2015-02-15')).toHaveLength(3);
      const { pages, ids } = await walk('limit=2');
      expect(pages).toBe(Math.ceil(all.length / 2));
      expect(ids).toEqual(all.map((i) => i.id));
      const dated = all.filter((i) => i.date_start).map((i) => i.date_start!);
      expect(dated).toEqual([...dated].sort().reverse());
      expect(all.slice(-3).map((i) => i.date_start)).toEqual([null, null, null]);
      // Every page size gives the same rows.
      for (const limit of [1, 3, 7]) expect((await walk(`limit=${limit}`)).ids, `limit ${limit}`).toEqual(ids);
      // A filtered walk: the filter's rows, in the same order.
      expect((await walk('country=Syria&limit=3')).ids).toEqual((await d.store.listIncidents({ country: 'Syria' }, { limit: 2000 })).map((i) => i.id));
      const first = await list('limit=5');
      expect(Object.keys(first).sort()).toEqual(['incidents', 'limit', 'next']);
      expect((await list(`limit=${all.length}`)).next).toBeNull();
    });

    it("filters as /api/events does, on the incident's own columns and on any of its reports", async () => {
      const everything = await d.store.countIncidents({});
      const same = async (query: string, filter: IncidentFilter, expected?: string[]) => {
        const got = (await list(`${query}&limit=2000`)).incidents;
        const want = await d.store.listIncidents(filter, { limit: 2000 });
        expect(got.map((i) => i.id), query).toEqual(want.map((i) => i.id));
        expect(got.length, `${query} finds some`).toBeGreaterThan(0);
        expect(got.length, `${query} leaves some out`).toBeLessThan(everything);
        if (expected) expect(got.map((i) => i.location).sort(), query).toEqual(expected);
      };
      await same('from=2019-05-10&to=2019-06-30', { from: '2019-05-10', to: '2019-06-30' }, ['Ariha', 'Kafr Nbudah']);
      await same('country=iraq', { country: 'iraq' }, ['Mosul', 'near Rutba']);
      await same('admin1=Idlib', { admin1: 'Idlib' }, ['Ariha', 'Maarat al-Numan']);
      await same('place=ariha', { place: 'ariha' }, ['Ariha']);
      await same('actor=taliban', { actor: 'taliban' });
      await same('bloc=pro-government', { bloc: 'pro-government' });
      await same('type=Air%2Fdrone%20strike', { type: 'Air/drone strike' });
      await same('claimant=civil%20defence', { claimant: 'civil defence' }, ['Ariha', 'Maarat al-Numan']);
      await same('min_fatalities=12', { minFatalities: 12 });
      await same('status=corroborated&country=Syria', { status: 'corroborated', country: 'Syria' });
      await same('status=no-figures', { status: 'no-figures' });
      expect((await list('country=Atlantis')).incidents).toEqual([]);
    });

    it('refuses parameters that do not fit, naming each', async () => {
      const r = await get('/api/incidents?status=disputed&limit=0&origin=acled&offset=5&cursor=not-a-cursor');
      expect(r.status).toBe(400);
      expect(r.body.error.issues).toEqual([
        { at: 'query.status', message: expect.stringMatching(/single-source.*corroborated.*contested.*no-figures/) },
        { at: 'query.limit', message: 'Too small: expected number to be >=1' },
        { at: 'query.cursor', message: "not a cursor this API gave: pass the previous page's next as it is" },
        { at: 'query', message: 'unknown parameters "origin", "offset"' },
      ]);
    });

    it('is read with a viewer token, or by anyone where reading is public, as /api/events is', async () => {
      const [one] = await d.store.listIncidents({}, { limit: 1 });
      for (const path of ['/api/incidents', `/api/incidents/${encodeURIComponent(one.id)}`]) {
        expect((await get(path, null)).status).toBe(401);
        expect((await get(path)).status).toBe(200);
        const open = createApp(openDesk(d.store, { publicRead: true }));
        expect((await open.request(path)).status).toBe(200);
      }
    });

    it('is described in the OpenAPI document: its parameters and the shape of its answers', async () => {
      const doc = (await (await d.app.request('/openapi.json')).json()) as any;
      const params = doc.paths['/api/incidents'].get.parameters.map((p: { name: string }) => p.name);
      expect(params).toEqual(expect.arrayContaining(['from', 'to', 'country', 'admin1', 'place', 'bloc', 'actor', 'type', 'claimant', 'min_fatalities', 'status', 'limit', 'cursor']));
      expect(params).not.toContain('origin');
      expect(params).not.toContain('offset');
      const listed = doc.paths['/api/incidents'].get.responses['200'].content['application/json'].schema;
      expect(listed.required).toEqual(['limit', 'next', 'incidents']);
      expect(listed.properties.incidents.items.required).toEqual(expect.arrayContaining(['deaths_low', 'deaths_best', 'deaths_high', 'status', 'groups', 'claimants', 'reports']));
      const one = doc.paths['/api/incidents/{id}'].get;
      expect(one.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
      expect(Object.keys(one.responses).sort()).toEqual(['200', '401', '403', '404', '429', '503']);
      expect(one.responses['200'].content['application/json'].schema.required).toEqual(['incident', 'figures', 'links', 'events', 'claims', 'reports']);
      expect(OPERATIONS.filter((o) => o.path.startsWith('/api/incidents')).map((o) => o.role)).toEqual(['viewer', 'viewer']);
    });
  });
});
