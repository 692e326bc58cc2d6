// A hostile or broken feed: one report repeating the same killing 5,600 times (190 KB, under the 200,000
// characters a report is read to). An analyst reads it as one claim of one incident, and the record must too,
// on either database, without comparing every pair of its events at ingest (the linking itself is counted
// in src/reconcile/bounded-linking.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestItem } from '../../src/cli/commands/ingest.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { openStore } from '../../src/store/open-store.js';
import { EACH } from '../dialects.js';

const DENSE = 'Three shepherds killed in Manbij. '.repeat(5_600);
const SECOND_OUTLET = 'Three shepherds were killed in Manbij on Thursday, the Syrian Observatory for Human Rights said.';

describe.each(EACH)('[%s]', (_name, dialect) => {
  describe.skipIf(!dialect.available)('a report telling one killing 5,600 times', () => {
    let store: KyselyStore;
    beforeAll(async () => {
      store = await openStore(await dialect.fresh('dense'));
    });
    afterAll(async () => store?.close());

    it('goes in as one incident of three dead, not thousands', async () => {
      expect(await ingestItem(store, { path: 'dense.txt', line: 0, id: null, text: DENSE, meta: { published: '2016-03-10', source: 'Valley Courier', title: null } })).toBe('new');
      expect((await store.counts()).events).toBe(5_600);
      const incidents = await store.listIncidents({});
      expect(incidents).toHaveLength(1);
      expect(incidents[0]).toMatchObject({ location: 'Manbij', date_start: '2016-03-10', deaths_low: 3, deaths_best: 3, deaths_high: 3, events: 5_600, reports: 1, status: 'single-source' });
    });

    it("takes a monitor's report of the same killing into that incident, and a rebuild agrees", async () => {
      const [dense] = await store.listIncidents({});
      expect(await ingestItem(store, { path: 'monitor.txt', line: 0, id: null, text: SECOND_OUTLET, meta: { published: '2016-03-11', source: 'Wire', title: null } })).toBe('new');
      const after = await store.listIncidents({});
      expect(after).toHaveLength(1);
      expect(after[0]).toMatchObject({ id: dense.id, deaths_best: 3, events: 5_601, reports: 2, status: 'corroborated' });
      expect(await store.rebuildIncidents()).toBe(1);
      expect(await store.listIncidents({})).toEqual(after);
    });
  });
}, 180_000);
