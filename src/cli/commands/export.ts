// `observatory export`: the record in the field's formats. ACLED-style CSV (ACLED's columns, so ACLED tooling
// loads it), UCDP GED CSV (GED's columns, its lethal events only), GeoJSON (a FeatureCollection of the located
// events) or JSONL (one event a line, with its claimants).
// Streams page by page; a file is written beside its target and renamed at the end, so a half-written export never
// takes the target's name.
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { ACLED_COLUMNS, acledRowFor } from '../../store/acled.js';
import { geoJsonFeature } from '../../store/geojson.js';
import { GED_COLUMNS, gedRowFor } from '../../store/ucdp.js';
import type { ExportedEvent } from '../../store/store.js';
import { csvRow } from '../csv-row.js';
import { filterFrom, type FilterOpts } from '../event-filter.js';
import { exitQuietlyOnClosedPipe } from '../closed-pipe.js';
import { UserError } from '../user-error.js';
import { withReadStore } from '../with-store.js';

export interface ExportOpts extends FilterOpts {
  db?: string;
  format?: string;
  output?: string;
  /** Cells as they are, formulas unescaped: for programs (see csv-row.ts). */
  raw?: boolean;
}

const FORMATS = ['acled-csv', 'ucdp-ged-csv', 'geojson', 'jsonl'] as const;
type Format = (typeof FORMATS)[number];

interface Writer {
  head: string;
  row(ev: ExportedEvent, index: number, raw: boolean): string | null;
  tail: string;
}

const WRITERS: Record<Format, Writer> = {
  'acled-csv': {
    head: csvRow(ACLED_COLUMNS),
    row: (ev, _i, raw) => {
      const r = acledRowFor(ev);
      return csvRow(ACLED_COLUMNS.map((c) => r[c]), raw);
    },
    tail: '',
  },
  'ucdp-ged-csv': {
    head: csvRow(GED_COLUMNS),
    row: (ev, _i, raw) => {
      const r = gedRowFor(ev);
      return r ? csvRow(GED_COLUMNS.map((c) => r[c]), raw) : null;
    },
    tail: '',
  },
  geojson: {
    head: '{"type":"FeatureCollection","features":[',
    row: (ev, i) => {
      const f = geoJsonFeature(ev);
      return f ? `${i ? ',' : ''}\n${JSON.stringify(f)}` : null;
    },
    tail: '\n]}\n',
  },
  jsonl: { head: '', row: (ev) => JSON.stringify(ev) + '\n', tail: '' },
};

export async function runExport(opts: ExportOpts, stdout: Writable = process.stdout): Promise<number> {
  const format = opts.format as Format;
  if (!FORMATS.includes(format)) throw new UserError(`--format must be one of ${FORMATS.join(', ')}${opts.format ? `, got "${opts.format}"` : ''}`);
  const filter = filterFrom(opts);
  const writer = WRITERS[format];
  return withReadStore(opts.db, async (store) => {
    const partial = opts.output ? `${opts.output}.partial` : null;
    const out: Writable = partial ? createWriteStream(partial) : stdout;
    if (!partial) exitQuietlyOnClosedPipe(out);
    let written = 0;
    try {
      const put = async (s: string) => {
        if (s && !out.write(s)) await new Promise((r) => out.once('drain', r));
      };
      await put(writer.head);
      for await (const ev of store.exportEvents(filter)) {
        const s = writer.row(ev, written, opts.raw === true);
        if (s === null) continue;
        await put(s);
        written++;
      }
      await put(writer.tail);
      if (partial) {
        await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? reject(e) : resolve())));
        renameSync(partial, opts.output!);
      }
    } catch (e) {
      if (partial) rmSync(partial, { force: true });
      if ((e as NodeJS.ErrnoException).code && partial) throw new UserError(`${opts.output}: cannot write: ${(e as Error).message}`);
      throw e;
    }
    if (opts.output) process.stderr.write(`exported ${written} events to ${opts.output}\n`);
    return written;
  });
}
