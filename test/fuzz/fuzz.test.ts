// The fuzz suite's short seeded run: each door of the record (extraction, the JSONL reader and ingest, ACLED and
// UCDP rows and imports, every API route) takes a few dozen generated hostile inputs, the same ones every run, and
// must hold what test/fuzz/targets.ts says. Store-backed doors run on SQLite and, with OBSERVATORY_TEST_PG, on
// PostgreSQL. `npm run fuzz` runs the same targets on 100,000 inputs (scripts/fuzz.ts).
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { EACH } from '../dialects.js';
import { apiTarget, datasetImportTarget, datasetRowTarget, extractionTarget, jsonlIngestTarget, jsonlReaderTarget, type Target } from './targets.js';

/** Fixed, so a failure here is the same failure on every machine; `npm run fuzz` varies it. */
const SEED = 20_261_212;

async function holds<T>(target: Target<T> | Promise<Target<T>>, numRuns: number): Promise<void> {
  const t = await target;
  try {
    await fc.assert(
      fc.asyncProperty(t.arbitrary, async (x) => {
        await t.check(x);
      }),
      { numRuns, seed: SEED },
    );
  } finally {
    await t.close?.();
  }
}

describe('fuzz: pure doors', () => {
  it('extraction reads any text: spans inside it, whole figures in range, real dates', () => holds(extractionTarget(), 80));
  it('the JSONL reader gives every line an item, an error naming the line, or blank', () => holds(jsonlReaderTarget(), 400));
  it('an ACLED row is read under the input rules or refused in one line; a valid row always read', () => holds(datasetRowTarget('acled'), 400));
  it('a UCDP GED row is read under the input rules or refused in one line; a valid row always read', () => holds(datasetRowTarget('ucdp'), 400));
});

describe.each(EACH)('[%s] fuzz: doors into a record', (_name, dialect) => {
  it.skipIf(!dialect.available)('JSONL ingest stores what it lets in, as sent (cleaned); a bad line fails alone', () => holds(jsonlIngestTarget(() => dialect.fresh('fuzzjsonl'), dialect.name), 40));
  it.skipIf(!dialect.available)('ACLED import holds every row it reads, as read; a bad row fails alone', () => holds(datasetImportTarget('acled', () => dialect.fresh('fuzzacled'), dialect.name), 12));
  it.skipIf(!dialect.available)('UCDP import holds every row it reads, as read; a bad row fails alone', () => holds(datasetImportTarget('ucdp', () => dialect.fresh('fuzzucdp'), dialect.name), 12));
  it.skipIf(!dialect.available)('every API route: no 500, documented statuses only, writes held as sent', () => holds(apiTarget(() => dialect.fresh('fuzzapi'), dialect.name), 250));
});
