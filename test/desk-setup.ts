// A desk over a fresh temporary record holding the bundled sample reports, ingested the way a user would
// (observatory ingest sample/reports), with one token of each role.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/api/app.js';
import type { Desk } from '../src/api/desk.js';
import { openDesk } from '../src/api/open-desk.js';
import { runIngest } from '../src/cli/commands/ingest.js';
import { openStore } from '../src/store/open-store.js';
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

export async function sampleDesk(options: { publicRead?: boolean; webRoot?: string | null; reconcileLimit?: number; threads?: number } = {}): Promise<SampleDesk> {
  const dir = mkdtempSync(join(tmpdir(), 'observatory-desk-'));
  const db = join(dir, 'desk.sqlite');
  await runIngest([SAMPLE], { db, progress: false });
  const store = await openStore(db);
  // One worker thread: enough for the tests, and the machine's other cores stay free.
  const desk = openDesk(store, { publicRead: options.publicRead ?? false, reconcileLimit: options.reconcileLimit, threads: options.threads ?? 1 });
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
