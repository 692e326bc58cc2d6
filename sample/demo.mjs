// `npm run demo`: ingests the bundled sample reports (and the seed article when ../shared/spec holds it)
// into .observatory/demo.sqlite, then prints the reconciled incidents and a tally by country. Run after `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const db = join(root, '.observatory', 'demo.sqlite');
const seed = join(root, '..', 'shared', 'spec', 'seed-article.txt');

function observatory(...args) {
  console.log(`\n$ observatory ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [cli, ...args, '--db', db], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

observatory('ingest', join(root, 'sample', 'reports'));
// The seed article carries no header: its date and outlet are given here (it is read in place, never copied).
if (existsSync(seed)) observatory('ingest', seed, '--published', '2015-02-15', '--source', 'Reuters');
observatory('incidents', '--limit', '20');
observatory('events', '--by', 'country');
