// The built CLI (`node dist/cli/main.js`, built by npm test) run as a user runs it, for the tests that drive whole
// processes: the queue and its workers, serve, and what happens to them when the database fails.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');

/** Short queue settings so a dead worker's jobs come back in seconds, not the production minute. */
export const FAST = { OBSERVATORY_QUEUE_EXPIRE_SECONDS: '4', OBSERVATORY_QUEUE_MAINTENANCE_SECONDS: '1', OBSERVATORY_QUEUE_RETRY_DELAY_SECONDS: '1' };

/** A command run to its end. */
export function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const running = new Set<ChildProcess>();

/** A command started and left running; `out` gathers its stdout and stderr as they come. */
export function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  running.add(child);
  child.on('exit', () => running.delete(child));
  const seen = { out: '' };
  child.stdout.on('data', (d) => (seen.out += d));
  child.stderr.on('data', (d) => (seen.out += d));
  const exited = new Promise<{ code: number | null; out: string }>((resolve) => child.on('exit', (code) => resolve({ code, out: seen.out })));
  return { child, exited, seen };
}

/** Ends whatever start() began that is still running (a test that failed or timed out leaves no server behind). */
export function killStarted(): void {
  for (const child of running) child.kill('SIGKILL');
}

const TOWNS = ['Atareb', 'Tal Rifaat', 'Ariha', 'Saraqib', 'Douma', 'Mosul', 'Ramadi', 'Taiz', 'Marib', 'Kunduz'];
const SAYERS = ['the Syrian Observatory for Human Rights said', 'residents said', 'a local official said', 'the monitor said'];

/** The i-th of the short reports shortBatch writes, as a batch line's fields. */
export function shortReport(i: number): { id: string; text: string; published: string; source: string } {
  const town = TOWNS[i % TOWNS.length];
  const text = `Air strikes on the town of ${town} killed ${(i % 17) + 2} civilians on Saturday, ${SAYERS[i % SAYERS.length]}. (Report ${i}.)`;
  return { id: `r${i}`, text, published: `2016-0${(i % 9) + 1}-1${i % 10}`, source: i % 2 ? 'AFP' : 'Reuters' };
}

/** n short reports, each unique, as one JSONL batch. */
export function shortBatch(n: number, path: string): void {
  writeFileSync(path, Array.from({ length: n }, (_, i) => JSON.stringify(shortReport(i))).join('\n') + '\n');
}

export async function queueJson(db: string) {
  return JSON.parse(run(['queue', '--db', db, '--json']).stdout);
}
