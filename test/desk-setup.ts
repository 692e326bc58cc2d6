// A desk over a fresh record (a temporary SQLite file, or the database given) holding the bundled sample
// reports, ingested the way a user would (observatory ingest sample/reports), with one token of each role.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/api/app.js';
import type { Desk } from '../src/api/desk.js';
import { openDesk } from '../src/api/open-desk.js';
import { runIngest } from '../src/cli/commands/ingest.js';
import { openStore } from '../src/store/open-store.js';
import type { SourceKey } from '../src/store/source-vault.js';
import type { Store } from '../src/store/store.js';

export const SAMPLE = fileURLToPath(new URL('../sample/reports', import.meta.url));

export interface SampleDesk {
  dir: string;
  db: string;
  store: Store;
  desk: Desk;
  app: ReturnType<typeof createApp>;
  tokens: { viewer: string; analyst: string; admin: string };
  close(): Promise<void>;
}

/** `db`: where the record goes (a new, empty database, e.g. a TestDialect's fresh()); a temporary SQLite file by default. */
export async function sampleDesk(options: { publicRead?: boolean; webRoot?: string | null; reconcileLimit?: number; sourceKey?: SourceKey; db?: string; threads?: number } = {}): Promise<SampleDesk> {
  const dir = mkdtempSync(join(tmpdir(), 'observatory-desk-'));
  const db = options.db ?? join(dir, 'desk.sqlite');
  await runIngest([SAMPLE], { db, progress: false });
  const store = await openStore(db);
  const desk = openDesk(store, { publicRead: options.publicRead ?? false, reconcileLimit: options.reconcileLimit, sourceKey: options.sourceKey ?? null, threads: options.threads ?? 1 });
  const tokens = {
    viewer: (await desk.tokens.create('vera', 'viewer')).token,
    analyst: (await desk.tokens.create('alice', 'analyst')).token,
    admin: (await desk.tokens.create('root', 'admin')).token,
  };
  const errors: string[] = [];
  const app = createApp(desk, { webRoot: options.webRoot ?? null, log: (m) => errors.push(m) });
  return {
    dir,
    db,
    store,
    desk,
    app,
    tokens,
    async close() {
      await desk.work.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A report meant to run code wherever it is shown unescaped. */
export const HOSTILE_REPORT = {
  title: '<img src=x onerror="window.__pwned=1">Shelling kills 4 in Douma',
  source: '<script>window.__pwned=2</script>Evil Wire',
  published: '2016-02-14',
  text: 'Shelling killed 4 civilians in Douma on Sunday <script>window.__pwned=3</script>, the Syrian Observatory for Human Rights said. ' +
    'A witness said <img src=x onerror="window.__pwned=4"> the <b onmouseover="window.__pwned=5">market</b> was hit.',
};

// Written for the project: the places are real, the strike and the week's toll invented.
/** One air strike told by three outlets, each with its own figure: one incident, the monitor's 12 its best, 14 its high. */
export const STRIKE_TOLD_THREE_TIMES = [
  { source: 'Reuters', published: '2019-05-12', title: 'Jets pound Ariha', text: 'Warplanes struck the town of Ariha on Saturday, killing 14 civilians, local rescue workers said.' },
  { source: 'AFP', published: '2019-05-12', title: 'Deadly raid on Ariha market', text: 'An air strike on a market in Ariha on Saturday killed 12 civilians, the Syrian Observatory for Human Rights said.' },
  { source: 'dpa', published: '2019-05-13', title: 'Ariha bombed', text: 'Thirteen civilians were killed when jets bombed Ariha on Saturday, the civil defence said.' },
];

/** A week's toll over a province: a period total, never an incident. */
export const WEEKLY_TOTAL = { source: 'AFP', published: '2019-05-13', title: "Idlib's week", text: 'Air strikes killed 63 civilians across Idlib province in the past week, the Syrian Observatory for Human Rights said.' };

/** Submits reports through the API as the analyst, as the desk's form does. */
export async function submitReports(d: SampleDesk, reports: { text: string; source?: string; published?: string; title?: string }[]): Promise<void> {
  for (const r of reports) {
    const res = await d.app.request('/api/reports', { method: 'POST', headers: { authorization: `Bearer ${d.tokens.analyst}`, 'content-type': 'application/json' }, body: JSON.stringify(r) });
    if (res.status !== 201) throw new Error(`submitting "${r.title}": ${res.status} ${await res.text()}`);
  }
}
