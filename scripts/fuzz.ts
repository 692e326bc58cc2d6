// `npm run fuzz`: the fuzz suite's long run. The targets of test/fuzz/targets.ts (extraction, the JSONL reader and
// ingest, ACLED and UCDP rows and imports, every API route) share the inputs (100,000 by default); each prints
// what it tried (inputs, distinct shapes, outcomes, slowest item) and what held, and each failure its seed, path
// and shrunk counterexample, to replay with --only NAME --seed S --path P. A failure or an item over the time
// budget (1 s) makes the exit code 1.
//
//   npm run fuzz -- [--inputs N] [--seed S] [--budget-ms MS] [--only NAME] [--path P] [--pg URL]
//
// Environment: OBSERVATORY_FUZZ_INPUTS, OBSERVATORY_FUZZ_SEED; --pg (or OBSERVATORY_FUZZ_PG, a postgres:// URL
// whose user may create databases) runs the store-backed targets on PostgreSQL as well as SQLite.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import pg from 'pg';
import { apiTarget, datasetImportTarget, datasetRowTarget, extractionTarget, jsonlIngestTarget, jsonlReaderTarget, sqliteLocation, type Location, type Target } from '../test/fuzz/targets.js';

const { values: args } = parseArgs({
  options: {
    inputs: { type: 'string' },
    seed: { type: 'string' },
    'budget-ms': { type: 'string' },
    only: { type: 'string' },
    path: { type: 'string' },
    pg: { type: 'string' },
  },
});

const whole = (name: string, v: string | undefined, fallback: number) => {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`fuzz: ${name} must be a whole number, got "${v}"\n`);
    process.exit(2);
  }
  return n;
};
const INPUTS = whole('--inputs', args.inputs ?? process.env.OBSERVATORY_FUZZ_INPUTS, 100_000);
const SEED = whole('--seed', args.seed ?? process.env.OBSERVATORY_FUZZ_SEED, Date.now() % 2_147_483_647);
const BUDGET_MS = whole('--budget-ms', args['budget-ms'], 1_000);
const PG = args.pg ?? process.env.OBSERVATORY_FUZZ_PG ?? null;

/** A fresh PostgreSQL database for each call, dropped at the end. */
function pgLocation(url: string): { location: Location; dropAll(): Promise<void> } {
  const made: string[] = [];
  const admin = () => new pg.Client({ connectionString: url });
  return {
    async location() {
      const name = `obs_fuzz_${process.pid}_${made.length}`;
      const c = admin();
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.query(`create database "${name}"`);
      await c.end();
      made.push(name);
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.toString();
    },
    async dropAll() {
      const c = admin();
      await c.connect();
      for (const name of made) await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

/** Each target's share of the inputs, by the name it prints. Store-backed ones cost milliseconds an input; pure ones much less. */
type Plan = { name: string; share: number; make: () => Target<unknown> | Promise<Target<unknown>> };
const pgl = PG ? pgLocation(PG) : null;
const plans: Plan[] = [
  { name: 'extraction', share: 0.2, make: () => extractionTarget() as Target<unknown> },
  { name: 'jsonl-reader', share: 0.2, make: () => jsonlReaderTarget() as Target<unknown> },
  { name: 'jsonl-ingest [sqlite]', share: 0.04, make: () => jsonlIngestTarget(sqliteLocation) as Promise<Target<unknown>> },
  { name: 'acled-rows', share: 0.15, make: () => datasetRowTarget('acled') as Target<unknown> },
  { name: 'ucdp-rows', share: 0.15, make: () => datasetRowTarget('ucdp') as Target<unknown> },
  { name: 'acled-import [sqlite]', share: 0.02, make: () => datasetImportTarget('acled', sqliteLocation) as Promise<Target<unknown>> },
  { name: 'ucdp-import [sqlite]', share: 0.02, make: () => datasetImportTarget('ucdp', sqliteLocation) as Promise<Target<unknown>> },
  { name: 'api [sqlite]', share: 0.22, make: () => apiTarget(sqliteLocation) as Promise<Target<unknown>> },
];
if (pgl) {
  // On PostgreSQL too: half of each store-backed target's share, so the total stays what was asked.
  const onPg: Record<string, Plan['make']> = {
    'jsonl-ingest [postgres]': () => jsonlIngestTarget(pgl.location, 'postgres') as Promise<Target<unknown>>,
    'acled-import [postgres]': () => datasetImportTarget('acled', pgl.location, 'postgres') as Promise<Target<unknown>>,
    'ucdp-import [postgres]': () => datasetImportTarget('ucdp', pgl.location, 'postgres') as Promise<Target<unknown>>,
    'api [postgres]': () => apiTarget(pgl.location, 'postgres') as Promise<Target<unknown>>,
  };
  for (const [name, make] of Object.entries(onPg)) {
    const twin = plans.find((p) => p.name === name.replace('postgres', 'sqlite'))!;
    twin.share /= 2;
    plans.push({ name, share: twin.share, make });
  }
}

interface Failure {
  seed: number;
  path: string;
  error: string;
  counterexample: string;
  shrinks: number;
}

interface Tally {
  name: string;
  holds: string;
  inputs: number;
  shapes: Set<string>;
  outcomes: Map<string, number>;
  slowest: { ms: number; what: string };
  over: number;
  totalMs: number;
  failures: Failure[];
}

const MAX_FAILURES = 5;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}... (${s.length} characters; whole in the failures file)` : s);

async function runTarget(plan: Plan, inputs: number, seed: number): Promise<Tally> {
  const t = await plan.make();
  const tally: Tally = { name: t.name, holds: t.holds, inputs: 0, shapes: new Set(), outcomes: new Map(), slowest: { ms: 0, what: '' }, over: 0, totalMs: 0, failures: [] };
  let left = inputs;
  let runSeed = seed;
  try {
    while (left > 0 && tally.failures.length < MAX_FAILURES) {
      // Only the inputs before a run's first failure are counted: what follows is shrinking.
      let failing = false;
      const property = fc.asyncProperty(t.arbitrary, async (x) => {
        const t0 = performance.now();
        let outcome = 'threw';
        try {
          outcome = await t.check(x);
        } catch (e) {
          if (!failing) outcome = `FAILED: ${(e as Error).message.slice(0, 60)}`;
          throw e;
        } finally {
          if (!failing) {
            const ms = performance.now() - t0;
            tally.inputs++;
            tally.totalMs += ms;
            tally.shapes.add(t.shape(x));
            tally.outcomes.set(outcome, (tally.outcomes.get(outcome) ?? 0) + 1);
            if (ms > tally.slowest.ms) tally.slowest = { ms, what: t.describe(x) };
            if (ms > BUDGET_MS) tally.over++;
            if (outcome.startsWith('FAILED')) failing = true;
          }
        }
      });
      const details = await fc.check(property, { numRuns: left, seed: runSeed, ...(args.path ? { path: args.path } : {}) });
      if (!details.failed) break;
      tally.failures.push({
        seed: runSeed,
        path: details.counterexamplePath ?? '',
        error: String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance ?? 'interrupted').split('\n')[0],
        counterexample: fc.stringify(details.counterexample),
        shrinks: details.numShrinks,
      });
      left = inputs - tally.inputs;
      runSeed++;
      if (args.path) break;
    }
  } finally {
    await t.close?.();
  }
  return tally;
}

function report(x: Tally): string {
  const outcomes = [...x.outcomes].sort((a, b) => b[1] - a[1]);
  const lines = [
    `${x.name}: ${x.inputs.toLocaleString('en')} inputs, ${x.shapes.size.toLocaleString('en')} distinct shapes, mean ${(x.totalMs / Math.max(1, x.inputs)).toFixed(2)} ms, slowest ${x.slowest.ms.toFixed(0)} ms (${x.slowest.what})`,
    `  outcomes: ${outcomes.slice(0, 6).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join('; ')}${outcomes.length > 6 ? `; and ${outcomes.length - 6} more` : ''}`,
    `  over ${BUDGET_MS} ms: ${x.over}`,
  ];
  if (!x.failures.length) lines.push(`  held: ${x.holds}`);
  for (const f of x.failures) {
    lines.push(`  FAILED (seed ${f.seed}, path ${f.path}, shrunk ${f.shrinks} times): ${f.error}`);
    lines.push(`    counterexample: ${clip(f.counterexample, 400)}`);
    lines.push(`    replay: npm run fuzz -- --only "${x.name}" --seed ${f.seed} --path ${f.path}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const selected = args.only ? plans.filter((p) => p.name === args.only || p.name.startsWith(`${args.only} `)) : plans;
  if (!selected.length) {
    process.stderr.write(`fuzz: no target named "${args.only}"; the targets: ${plans.map((p) => p.name).join(', ')}\n`);
    process.exit(2);
  }
  const shareSum = selected.reduce((s, p) => s + p.share, 0);
  process.stdout.write(`fuzz: ${INPUTS.toLocaleString('en')} inputs over ${selected.length} targets, seed ${SEED}, time budget ${BUDGET_MS} ms an input${PG ? ', store targets on SQLite and PostgreSQL' : ''}\n\n`);
  const t0 = performance.now();
  const tallies: Tally[] = [];
  for (const [i, p] of selected.entries()) {
    const n = i === selected.length - 1 ? INPUTS - tallies.reduce((s, x) => s + x.inputs, 0) : Math.round((INPUTS * p.share) / shareSum);
    const tally = await runTarget(p, n, SEED + i * 1_000);
    tallies.push(tally);
    process.stdout.write(`${report(tally)}\n\n`);
  }
  await pgl?.dropAll();
  const failures = tallies.flatMap((x) => x.failures.map((f) => ({ target: x.name, ...f })));
  if (failures.length) {
    const file = `fuzz-failures-${SEED}.json`;
    writeFileSync(file, JSON.stringify(failures, null, 2));
    process.stdout.write(`counterexamples in full: ${file}\n`);
  }
  const total = tallies.reduce((s, x) => s + x.inputs, 0);
  const over = tallies.reduce((s, x) => s + x.over, 0);
  const slowest = tallies.reduce((a, x) => (x.slowest.ms > a.slowest.ms ? x : a), tallies[0]);
  process.stdout.write(
    `${total.toLocaleString('en')} inputs in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${failures.length ? `${failures.length} FAILED` : 'every property held'} (no crash, no 500, no unlisted status, what went in is what is held); ${over} over ${BUDGET_MS} ms; slowest ${slowest.slowest.ms.toFixed(0)} ms (${slowest.name}: ${slowest.slowest.what})\n`,
  );
  process.exitCode = failures.length || over ? 1 : 0;
}

await main();
