// The incidents kept at ingest, one report's neighbourhood at a time, are the incidents a reconciliation
// of the whole record makes: the same events grouped the same way, whatever order the reports came in;
// and reconciling the whole record again renames none of them.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/cli/reconciled.js';
import { openStore } from '../../src/store/open-store.js';
import { EACH } from '../dialects.js';

const root = join(import.meta.dirname, '..', '..');
const CLI = join(root, 'dist', 'cli', 'main.js');

describe.each(EACH)('[%s]', (_name, dialect) => {
  it.skipIf(!dialect.available)('groups the written reports as a whole-record reconciliation does', async () => {
    const db = await dialect.fresh('in-step');
    execFileSync('node', [CLI, 'ingest', join(root, 'test/fixtures/written-reports.jsonl'), '--no-progress', '--db', db], { encoding: 'utf8' });
    const store = await openStore(db);
    try {
      const kept = new Map<string, string[]>();
      for (const r of await store.db.selectFrom('incident_events').select(['incident_id', 'event_id']).execute()) kept.set(r.incident_id, [...(kept.get(r.incident_id) ?? []), r.event_id]);
      const { incidents } = await reconcile(store, {});
      const groups = (xs: string[][]) => xs.map((m) => [...m].sort().join(' ')).sort();
      expect(groups([...kept.values()])).toEqual(groups(incidents.map((i) => i.observations.map((o) => o.id))));
      // Some incidents hold more than one report, or the test shows nothing.
      expect([...kept.values()].some((m) => m.length > 1)).toBe(true);
      // Reconciled again from scratch (as after a restart or a bulk load), every incident keeps its id.
      const named = async () => (await store.db.selectFrom('incident_events').select(['incident_id', 'event_id']).orderBy('event_id').execute()).map((r) => `${r.event_id} ${r.incident_id}`);
      const before = await named();
      expect(await store.rebuildIncidents()).toBe(kept.size);
      expect(await named()).toEqual(before);
    } finally {
      await store.close();
    }
  }, 120_000);
});
