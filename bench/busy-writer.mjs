// A writer beside the server, for bench/million.mjs: another process ingesting reports into the same record,
// extraction included, one after another until told to stop (SIGTERM), then printing how many it stored.
// The reports are the project's sample reports, each with a counter: a new text each time, which the record
// takes as a new report or, near enough to one it holds, as another sighting of it (a write either way).
// Run: node bench/busy-writer.mjs LOCATION
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
const { ingestItem } = await load('cli/commands/ingest.js');
const { openStore } = await load('store/open-store.js');
const { splitReportHeader } = await load('cli/report-header.js');

const store = await openStore(process.argv[2]);
const folder = join(root, 'sample', 'reports');
const samples = readdirSync(folder).map((f) => splitReportHeader(readFileSync(join(folder, f), 'utf8')));
let started = performance.now();
let stored = 0;
const outcomes = {};
let stopping = false;
process.once('SIGTERM', () => (stopping = true));
for (let i = 0; !stopping; i++) {
  // Said once the first report is in: the extraction's data are loaded, the writer is at its pace.
  if (i === 1) process.stdout.write('writing\n');
  const { meta, body } = samples[i % samples.length];
  const text = `${body}\n\n[busy writer ${process.pid} ${i}]`;
  const status = await ingestItem(store, { text, meta: { published: meta.published ?? null, source: meta.source ?? null, title: meta.title ?? null }, path: 'busy-writer', line: i + 1, id: `busy-${process.pid}-${i}` });
  if (i === 0) started = performance.now();
  else {
    stored++;
    outcomes[status] = (outcomes[status] ?? 0) + 1;
  }
  // On SQLite every await above settles without a turn of the event loop: give the signal its turn.
  await new Promise((r) => setImmediate(r));
}
await store.close();
process.stdout.write(`stored ${stored} reports in ${((performance.now() - started) / 1000).toFixed(1)} s (${Object.entries(outcomes).map(([k, n]) => `${n} ${k}`).join(', ')})\n`);
