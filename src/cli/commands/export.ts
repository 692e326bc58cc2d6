// `observatory export`: the record in the field's formats. ACLED-style CSV (ACLED's columns, so ACLED tooling
// loads it), UCDP GED CSV (GED's columns, its lethal incidents only), GeoJSON (a FeatureCollection of located
// points) or JSONL (one record a line). One row per reconciled incident, so a strike three outlets told is counted
// once; --reports writes one row per report's event instead (and is how imported datasets' events come back out).
// Period totals and tolls are never incidents, so they are never in the default export.
// Streams page by page; a file is written beside its target and renamed at the end, so a half-written export never
// takes the target's name.
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { ACLED_COLUMNS, acledRowFor } from '../../store/acled.js';
import { geoJsonFeature } from '../../store/geojson.js';
import { GED_COLUMNS, gedRowFor } from '../../store/ucdp.js';
import { asExportedEvent, incidentFeature } from '../../store/incident-export.js';
import type { ExportedEvent, ExportedIncident } from '../../store/store.js';
import { csvRow } from '../csv-row.js';
import { filterFrom, type FilterOpts } from '../event-filter.js';
import { leftOutLine } from '../left-out.js';
import { exitQuietlyOnClosedPipe } from '../closed-pipe.js';
import { UserError } from '../user-error.js';
import { withReadStore } from '../with-store.js';

export interface ExportOpts extends FilterOpts {
  db?: string;
  format?: string;
  output?: string;
  /** Cells as they are, formulas unescaped: for programs (see csv-row.ts). */
  raw?: boolean;
  reports?: boolean;
}

const FORMATS = ['acled-csv', 'ucdp-ged-csv', 'geojson', 'jsonl'] as const;
type Format = (typeof FORMATS)[number];

interface Writer<T> {
  head: string;
  row(item: T, index: number, raw: boolean): string | null;
  tail: string;
}

const WRITERS: Record<Format, Writer<ExportedEvent>> = {
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

const INCIDENT_WRITERS: Record<Format, Writer<ExportedIncident>> = {
  'acled-csv': { ...WRITERS['acled-csv'], row: (inc, i, raw) => WRITERS['acled-csv'].row(asExportedEvent(inc), i, raw) },
  'ucdp-ged-csv': { ...WRITERS['ucdp-ged-csv'], row: (inc, i, raw) => WRITERS['ucdp-ged-csv'].row(asExportedEvent(inc), i, raw) },
  geojson: {
    ...WRITERS.geojson,
    row: (inc, i) => {
      const f = incidentFeature(inc);
      return f ? `${i ? ',' : ''}\n${JSON.stringify(f)}` : null;
    },
  },
  jsonl: { head: '', row: (inc) => JSON.stringify(inc) + '\n', tail: '' },
};

export async function runExport(opts: ExportOpts, stdout: Writable = process.stdout): Promise<number> {
  const format = opts.format as Format;
  if (!FORMATS.includes(format)) throw new UserError(`--format must be one of ${FORMATS.join(', ')}${opts.format ? `, got "${opts.format}"` : ''}`);
  const filter = filterFrom(opts);
  if (!opts.reports && filter.origin && filter.origin !== 'extracted') {
    throw new UserError(`--origin ${filter.origin}: imported events are not reconciled into incidents; add --reports to export them as they came`);
  }
  return withReadStore(opts.db, async (store) => {
    const partial = opts.output ? `${opts.output}.partial` : null;
    const out: Writable = partial ? createWriteStream(partial) : stdout;
    if (!partial) exitQuietlyOnClosedPipe(out);
    let written = 0;
    try {
      const put = async (s: string) => {
        if (s && !out.write(s)) await new Promise((r) => out.once('drain', r));
      };
      const raw = opts.raw === true;
      const write = async <T>(writer: Writer<T>, items: AsyncIterable<T>) => {
        await put(writer.head);
        for await (const item of items) {
          const s = writer.row(item, written, raw);
          if (s === null) continue;
          await put(s);
          written++;
        }
        await put(writer.tail);
      };
      if (opts.reports) await write(WRITERS[format], store.exportEvents(filter));
      else await write(INCIDENT_WRITERS[format], store.exportIncidents(filter));
      if (partial) {
        await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? reject(e) : resolve())));
        renameSync(partial, opts.output!);
      }
    } catch (e) {
      if (partial) rmSync(partial, { force: true });
      if ((e as NodeJS.ErrnoException).code && partial) throw new UserError(`${opts.output}: cannot write: ${(e as Error).message}`);
      throw e;
    }
    if (opts.output) process.stderr.write(`exported ${written} ${opts.reports ? 'events' : 'incidents'} to ${opts.output}\n`);
    const leftOut = await leftOutLine(store, filter);
    if (leftOut) process.stderr.write(`${leftOut}\n`);
    return written;
  });
}
