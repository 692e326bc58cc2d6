// `observatory export`: the record in the field's formats. ACLED-style CSV (ACLED's columns, so ACLED tooling
// loads it), GeoJSON (a FeatureCollection of located points) or JSONL (one record a line). One row per
// reconciled incident, so a strike three outlets told is counted once; --reports writes one row per report's
// event instead (and is how imported datasets' events come back out). Period totals and tolls are never
// incidents, so they are never in the default export.
// Streams page by page; a file is written beside its target and renamed at the end, so a half-written export never
// takes the target's name.
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { ACLED_COLUMNS, acledRowFor } from '../../store/acled.js';
import { geoJsonFeature } from '../../store/geojson.js';
import { asExportedEvent, incidentFeature } from '../../store/incident-export.js';
import type { ExportedEvent, ExportedIncident } from '../../store/store.js';
import { filterFrom, type FilterOpts } from '../event-filter.js';
import { exitQuietlyOnClosedPipe } from '../closed-pipe.js';
import { UserError } from '../user-error.js';
import { withStore } from '../with-store.js';

export interface ExportOpts extends FilterOpts {
  db?: string;
  format?: string;
  output?: string;
  reports?: boolean;
}

const FORMATS = ['acled-csv', 'geojson', 'jsonl'] as const;
type Format = (typeof FORMATS)[number];

interface Writer<T> {
  head: string;
  row(item: T, index: number): string | null;
  tail: string;
}

const WRITERS: Record<Format, Writer<ExportedEvent>> = {
  'acled-csv': {
    head: stringify([[...ACLED_COLUMNS]]),
    row: (ev) => {
      const r = acledRowFor(ev);
      return stringify([ACLED_COLUMNS.map((c) => r[c])]);
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
  'acled-csv': { ...WRITERS['acled-csv'], row: (inc, i) => WRITERS['acled-csv'].row(asExportedEvent(inc), i) },
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
  if (!opts.reports && filter.origin === 'acled') throw new UserError('--origin acled: imported events are not reconciled into incidents; add --reports to export them as they came');
  return withStore(opts.db, async (store) => {
    const partial = opts.output ? `${opts.output}.partial` : null;
    const out: Writable = partial ? createWriteStream(partial) : stdout;
    if (!partial) exitQuietlyOnClosedPipe(out);
    let written = 0;
    try {
      const put = async (s: string) => {
        if (s && !out.write(s)) await new Promise((r) => out.once('drain', r));
      };
      const write = async <T>(writer: Writer<T>, items: AsyncIterable<T>) => {
        await put(writer.head);
        for await (const item of items) {
          const s = writer.row(item, written);
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
    return written;
  });
}
