import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints the plain closing line CI reads: "N passed, N failed, N skipped", and before it the same per
 * database for the tests that run on each ([sqlite] / [postgres] in their names, see test/dialects.ts).
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const per: Record<string, [number, number, number]> = { sqlite: [0, 0, 0], postgres: [0, 0, 0] };
    for (const mod of modules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        const i = state === 'passed' ? 0 : state === 'failed' ? 1 : 2;
        if (i === 0) passed++;
        else if (i === 1) failed++;
        else skipped++;
        const db = /\[(sqlite|postgres)\]/.exec(test.fullName)?.[1];
        if (db) per[db][i]++;
      }
      if (mod.state() === 'failed' && mod.children.size === 0) failed++;
    }
    const line = (db: string) => `${db}: ${per[db][0]} passed, ${per[db][1]} failed, ${per[db][2]} skipped`;
    if (per.sqlite.some(Boolean) || per.postgres.some(Boolean)) process.stdout.write(`\nper database: ${line('sqlite')}; ${line('postgres')}`);
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
