import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DatasetEvent, Store } from '../../store/store.js';
import { FORMATS, importFile } from './import.js';

/** A store that refuses one event, as a database refuses a row it cannot hold, and keeps the rest. */
function refusing(badId: string) {
  const held: string[] = [];
  const failures: string[] = [];
  const store = {
    async importDataset(events: DatasetEvent[]) {
      if (events.some((e) => e.id === badId)) throw new Error('value too long for the column');
      held.push(...events.map((e) => e.id));
      return { added: events.length, duplicate: 0 };
    },
    async recordFailure(_path: string, _line: number, error: string) {
      failures.push(error);
    },
  } as unknown as Store;
  return { store, held, failures };
}

afterEach(() => vi.restoreAllMocks());

describe('importing a file', () => {
  it('when the database refuses a batch, stores its rows one by one and refuses only the bad one, with its line', async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const { store, held, failures } = refusing('ucdp-900002');
    const file = 'test/fixtures/imports/ucdp-ged.csv';
    await expect(importFile(store, FORMATS.ucdp, file, false)).rejects.toThrow('1 row failed (listed above, and kept in the failures table)');
    expect(held).toEqual(['ucdp-900001', 'ucdp-900003', 'ucdp-900004']);
    expect(failures).toEqual([`${file}: line 3: the database refused the row (value too long for the column)`]);
  });

  it('refuses a file without a header whose first row is not GED\'s', async () => {
    const { store, held } = refusing('none');
    const file = 'test/fixtures/imports/not-ged-49-columns.csv';
    await expect(importFile(store, FORMATS.ucdp, file, false)).rejects.toThrow(
      `${file}: line 1: not a UCDP GED file: it has no header, and its first row does not read as UCDP GED's columns (type_of_violence "F" is not 1 (state-based), 2 (non-state) or 3 (one-sided))`,
    );
    expect(held).toEqual([]);
  });

  it('reads a GED file without a header from its first line', async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const { store, held } = refusing('none');
    expect(await importFile(store, FORMATS.ucdp, 'test/fixtures/imports/ucdp-ged-no-header.csv', false)).toEqual({ added: 4, duplicate: 0, failed: 0 });
    expect(held).toEqual(['ucdp-900001', 'ucdp-900002', 'ucdp-900003', 'ucdp-900004']);
  });
});
