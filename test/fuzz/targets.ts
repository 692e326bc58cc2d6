// What the fuzz suite throws at each door of the record, and what must hold there. A target is an arbitrary
// (fast-check) and a check that throws, naming what broke, when a property fails:
// - extraction: any text comes back as a document, spans inside the text, figures whole and in range, dates real;
// - the JSONL reader: every line is an item, an error naming the line, or blank; never a throw;
// - JSONL ingest: what a batch lets in is what the record holds (text, title, source, date), a bad line fails alone;
// - ACLED and UCDP rows and imports: a row is read or refused with a reason; a valid row always goes in; what goes
//   in obeys the input rules and is what the record then exports;
// - the API: every route of the OpenAPI description with generated paths, queries, bodies and headers: never a 500,
//   only documented statuses, errors in the one JSON shape, and what a write accepts is what a read gives back.
// The same targets run a few hundred seeded inputs in `npm test` and 100,000 in `npm run fuzz`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { createApp } from '../../src/api/app.js';
import { MAX_BODY_BYTES } from '../../src/api/body-limit.js';
import type { Desk } from '../../src/api/desk.js';
import { openDesk } from '../../src/api/open-desk.js';
import { OPERATIONS } from '../../src/api/openapi.js';
import { runImport } from '../../src/cli/commands/import.js';
import { ingestItemAs, readItems, runIngest } from '../../src/cli/commands/ingest.js';
import { textProblem } from '../../src/cli/read-report-file.js';
import { cleanText, EARLIEST_DAY, hasLetters, isoDay, latestDay, MAX_EVENT_DEATHS } from '../../src/domain/input-rules.js';
import { normalizeText } from '../../src/extract/normalize-text.js';
import { extractReport, MAX_REPORT_CHARS } from '../../src/extract/pipeline.js';
import { sketchText } from '../../src/extract/sketch-text.js';
import { judgeSameStory } from '../../src/reconcile/same-story.js';
import { isBatchError, parseBatchLine } from '../../src/extract/read-batch.js';
import { ACLED_COLUMNS, acledDate, readAcledRow } from '../../src/store/acled.js';
import { openStore } from '../../src/store/open-store.js';
import { reportIdFor, textHash } from '../../src/store/report-rows.js';
import type { DatasetEvent, ExportedEvent, Store } from '../../src/store/store.js';
import { GED_COLUMNS, readGedRow } from '../../src/store/ucdp.js';
import { mixed, reportText, textShape, value } from './hostile.js';

export interface Target<T = unknown> {
  name: string;
  /** The properties checked, in one line, for the report of what held. */
  holds: string;
  arbitrary: fc.Arbitrary<T>;
  /** What kind of input it is, for counting distinct shapes. */
  shape(input: T): string;
  /** Throws an Error saying which property broke; returns the outcome ("accepted", "400", ...), counted with the shape. */
  check(input: T): Promise<string> | string;
  /** One line about an input, for the slowest-item line (never the whole input: it may be 200,000 characters). */
  describe(input: T): string;
  close?(): Promise<void>;
}

const SAMPLE = new URL('../../sample/reports', import.meta.url).pathname;

class Broken extends Error {}

/** Whether a concrete path (`/api/review/claimants`) fits a documented template (`/api/review/:id`). */
function fitsTemplate(template: string, path: string): boolean {
  const parts = template.split('/');
  const given = path.split('/');
  return parts.length === given.length && parts.every((p, i) => p.startsWith(':') ? given[i] !== '' : p === given[i]);
}
function hold(ok: boolean, what: string): void {
  if (!ok) throw new Broken(what);
}

const CONTROL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const clip = (s: string, n = 60) => JSON.stringify(s.length > n ? `${s.slice(0, n)}...` : s);

/** Output on stdout and stderr held back while `run` goes (the CLI's commands print a line per failed item). */
export async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return await run();
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/** A day as YYYY-MM-DD between 1900 and today: what a careful writer gives. */
const day = fc.date({ min: new Date(`${EARLIEST_DAY}T00:00:00Z`), max: new Date(), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
/** Dates as careless writers give them: out of range, off the calendar, in other forms. */
const badDay = fc.constantFrom('0000-01-01', '1899-12-31', '9999-12-31', '2016-02-30', '2016-13-01', '16-05-05', '2016-5-5', '5 May 2016', '', ' 2016-05-05 ', '2016-05-05T00:00:00Z', '+02016-05-05', '２０１６-05-05');
const someDay = fc.oneof({ weight: 3, arbitrary: day }, { weight: 1, arbitrary: badDay });

// --- extraction ----------------------------------------------------------------------------------------------

function checkFigures(fs: { low: number | null; best: number | null; high: number | null; kind?: string }[], where: string): void {
  for (const f of fs) {
    for (const k of ['low', 'best', 'high'] as const) {
      const v = f[k];
      // One past the bound: "more than 10,000,000" is read low 10,000,001 (its best is the figure said).
      hold(v === null || (Number.isInteger(v) && v >= 0 && v <= MAX_EVENT_DEATHS + 1), `${where}: ${k} ${v} is not a count of people (a whole number, 0 to ${MAX_EVENT_DEATHS})`);
    }
    // "More than 50" is read low 51, best 50, and "fewer than 10" best 10, high 9: the best is the figure the text says.
    if (f.low !== null && f.best !== null && f.kind !== 'lower-bound') hold(f.low <= f.best, `${where}: low ${f.low} above best ${f.best}`);
    if (f.best !== null && f.high !== null && f.kind !== 'upper-bound') hold(f.best <= f.high, `${where}: best ${f.best} above high ${f.high}`);
  }
}

function checkSpan(s: { start: number; end: number }, length: number, where: string): void {
  hold(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= length, `${where}: span ${s.start}-${s.end} outside the text (0-${length})`);
}

function checkDate(d: { start: string; end: string } | null, latest: string, where: string): void {
  if (!d) return;
  hold(isoDay(d.start) === d.start && isoDay(d.end) === d.end, `${where}: date ${d.start}..${d.end} is not a day of the calendar`);
  hold(d.start <= d.end, `${where}: date starts ${d.start} after it ends ${d.end}`);
  hold(d.start >= EARLIEST_DAY && d.end <= latest, `${where}: date ${d.start}..${d.end} outside ${EARLIEST_DAY}..${latest}`);
}

export function extractionTarget(maxChars = MAX_REPORT_CHARS): Target<{ text: string; published: string | null; title: string | null }> {
  // The first extraction loads the gazetteer and lexicons (seconds): not an input's time.
  extractReport('Two people were killed in Aleppo on Monday.', { published: '2016-05-02' });
  return {
    name: 'extraction',
    holds: 'a document for any text; spans inside the text; figures whole, 0 to 10,000,000, low <= best <= high; dates real, 1900 to the day after publication; events cite their claims',
    arbitrary: fc.record({ text: reportText(maxChars), published: fc.option(day, { freq: 4 }), title: fc.option(mixed(3), { freq: 3 }) }),
    shape: (x) => `${textShape(x.text)}${x.title === null ? '' : '+title'}`,
    describe: (x) => `${x.text.length} characters ${textShape(x.text)}, starting ${clip(x.text)}`,
    check(x) {
      const r = extractReport(x.text, { published: x.published, title: x.title });
      const text = r.analysis.text;
      hold(text.length <= Math.min(x.text.length, MAX_REPORT_CHARS) || text.normalize('NFC') === text, 'the read text is longer than the input');
      hold(!/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/.test(text), 'a control character is left in the read text');
      // Relative dates are anchored on the publication date; without one, on today.
      const latest = latestDay(x.published ? new Date(`${x.published}T00:00:00Z`) : new Date());
      const ids = new Set(r.claims.map((c) => c.id));
      for (const c of r.claims) {
        checkSpan(c.span, text.length, `claim ${c.id}`);
        checkFigures(c.fatalities, `claim ${c.id}`);
        checkDate(c.date, latest, `claim ${c.id}`);
      }
      for (const e of r.events) {
        checkSpan(e.span, text.length, `event ${e.id}`);
        checkFigures(e.fatalities, `event ${e.id}`);
        checkDate(e.date, latest, `event ${e.id}`);
        for (const c of e.claims) hold(ids.has(c), `event ${e.id} cites claim ${c}, which is not among the claims`);
      }
      const s = r.summary;
      // The summary's lows are the least the text supports ("more than 50": 51), its bests the figures said.
      checkFigures(
        [
          { low: s.killed_low, best: s.killed, high: null, kind: 'lower-bound' },
          { low: s.wounded_low, best: s.wounded, high: null, kind: 'lower-bound' },
          { low: s.captured_low, best: s.captured, high: null, kind: 'lower-bound' },
          { low: s.killed_civilians, best: null, high: null },
        ],
        'summary',
      );
      if (s.date) checkDate({ start: s.date, end: s.date }, latest, 'summary');
      return r.events.length ? 'events' : 'no events';
    },
  };
}

// --- the JSONL reader ----------------------------------------------------------------------------------------

const jsonValue = fc.oneof(value, fc.constant(null), fc.boolean(), fc.integer(), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }));

/** A batch line's object: mostly the fields a batch has, with hostile values, sometimes the wrong types or unknown keys. */
const batchObject = fc.record(
  {
    id: fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), jsonValue),
    text: fc.oneof({ weight: 6, arbitrary: reportText(4_000) }, { weight: 1, arbitrary: jsonValue }),
    published: fc.oneof(someDay, jsonValue),
    source: fc.oneof(value, jsonValue),
    title: fc.oneof(value, jsonValue),
    extra: jsonValue,
  },
  { requiredKeys: [] },
);

/** One line of a batch: a JSON object, any JSON, or broken JSON. */
const batchLine = fc.oneof(
  { weight: 8, arbitrary: batchObject.map((o) => JSON.stringify(o)) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 1, arbitrary: mixed(4).map((s) => s.replace(/[\r\n\u2028\u2029]/g, ' ')) },
  { weight: 1, arbitrary: batchObject.map((o) => JSON.stringify(o).slice(0, -1)) },
  { weight: 1, arbitrary: fc.constantFrom('{"text":"\\ud800 killed in Aleppo"}', '{"text":"a\\u0000b killed"}', '{"text":"x","text":"Five killed in Idlib."}', '{"__proto__":{"text":"x"}}', '[]', 'null', '""', '{}', ' ', '\ufeff{"text":"BOM"}') },
);

const lineKind = (raw: string) => {
  try {
    const v = JSON.parse(raw);
    return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'object' ? `object(${Object.keys(v).sort().join(',')})` : typeof v;
  } catch {
    return 'not-json';
  }
};

export function jsonlReaderTarget(): Target<{ raw: string; line: number }> {
  return {
    name: 'jsonl-reader',
    holds: 'every line an item, an error naming its line, or blank; an item keeps the line\'s text; published only as YYYY-MM-DD',
    arbitrary: fc.record({ raw: batchLine, line: fc.integer({ min: 1, max: 1_000_000 }) }),
    shape: (x) => `${lineKind(x.raw)}|${textShape(x.raw)}`,
    describe: (x) => `line ${x.line}, ${x.raw.length} characters: ${clip(x.raw)}`,
    check({ raw, line }) {
      const r = parseBatchLine(raw, line);
      if (r === null) {
        hold(raw.trim() === '', 'a line with content was taken as blank');
        return 'blank';
      }
      hold(raw.trim() !== '', 'a blank line was not taken as blank');
      hold(r.line === line, `the result names line ${r.line}, not ${line}`);
      if (isBatchError(r)) {
        hold(r.error.startsWith(`line ${line}: `), `the error does not start with the line: ${r.error}`);
        return 'error';
      }
      const o = JSON.parse(raw) as Record<string, unknown>;
      hold(r.text === o.text, 'the item text is not the line\'s text');
      hold(typeof r.id === 'string' && r.id.length > 0, 'the item has no id');
      hold(r.published === null || /^\d{4}-\d{2}-\d{2}$/.test(r.published), `published "${r.published}" passed the reader`);
      return 'item';
    },
  };
}

// --- JSONL ingest into a record ------------------------------------------------------------------------------

/** A fresh record at a temporary place: a SQLite file, or a new PostgreSQL database from `pg` (a factory). */
export type Location = () => Promise<string>;

export const sqliteLocation: Location = async () => join(mkdtempSync(join(tmpdir(), 'observatory-fuzz-')), 'fuzz.sqlite');

async function removeLocation(location: string): Promise<void> {
  if (location.startsWith('postgres')) return; // the caller's factory drops its databases
  rmSync(join(location, '..'), { recursive: true, force: true });
}

/** The fields a batch line holds as the record must keep them: cleaned of control characters, trimmed, null when empty. */
function expectedMeta(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const c = cleanText(v).trim();
  return c ? c : null;
}

export async function jsonlIngestTarget(location: Location, label = 'sqlite'): Promise<Target<string[]>> {
  const db = await location();
  const store = await openStore(db);
  const dir = mkdtempSync(join(tmpdir(), 'observatory-fuzz-jsonl-'));
  let n = 0;
  return {
    name: `jsonl-ingest [${label}]`,
    holds: 'one outcome a line; an item let in is stored with its text, title, source and date as cleaned; the record refuses nothing the rules let in',
    arbitrary: fc.array(batchLine, { minLength: 1, maxLength: 6 }),
    shape: (lines) => lines.map(lineKind).map((k) => k.replace(/\(.*\)/, '')).join(','),
    describe: (lines) => `${lines.length} lines, ${lines.reduce((s, l) => s + l.length, 0)} characters`,
    async check(lines) {
      const path = join(dir, `batch-${n++}.jsonl`);
      writeFileSync(path, lines.join('\n') + '\n');
      const outcome = { new: 0, duplicate: 0, failed: 0, blank: 0 };
      let seen = 0;
      for await (const it of readItems([{ kind: 'batch', path }], {})) {
        seen++;
        if (it.kind === 'blank') {
          outcome.blank++;
          continue;
        }
        if (it.kind === 'failed') {
          outcome.failed++;
          hold(it.error.startsWith(path), `a failure does not name the file: ${it.error}`);
          continue;
        }
        const o = JSON.parse(lines[it.line - 1]) as Record<string, unknown>;
        const text = cleanText(o.text as string);
        hold(it.text === text, `line ${it.line}: the item's text is not the line's, cleaned`);
        hold(hasLetters(it.text), `line ${it.line}: a text without letters was let in`);
        let result: { status: 'new' | 'sighting' | 'duplicate'; reportId: string };
        try {
          result = await ingestItemAs(store, it);
        } catch (e) {
          throw new Broken(`line ${it.line}: the record refused an item the rules let in: ${(e as Error).message.split('\n')[0]}`);
        }
        const status = result.status;
        outcome[status === 'sighting' ? 'duplicate' : status]++;
        const exact = await store.getReport(reportIdFor(textHash(normalizeText(text))));
        if (status === 'new' || exact) {
          hold(exact !== null && exact.id === result.reportId, `line ${it.line}: stored as ${status}, but no report holds its text`);
        } else {
          // Recognised as a story the record holds in other words: the rules of same-story.ts must say so.
          const held = await store.getReport(result.reportId);
          hold(held !== null, `line ${it.line}: taken as ${status} of ${result.reportId}, which the record does not hold`);
          const reading = (t: string) => ({ sketch: sketchText(t), summary: extractReport(t, { published: null, source: null, title: null }).summary });
          const verdict = judgeSameStory(reading(normalizeText(text)), reading(held!.text));
          hold(verdict.same, `line ${it.line}: taken as ${status} of ${result.reportId}, another story (${verdict.same ? '' : verdict.why})`);
          continue;
        }
        const report = exact!;
        hold(report.text === normalizeText(text), `line ${it.line}: the record holds other text than the line's (${report.text.length} characters for ${text.length})`);
        if (status === 'new') {
          hold(report.title === expectedMeta(o.title), `line ${it.line}: title ${JSON.stringify(report.title)} for ${JSON.stringify(o.title)}`);
          hold(report.publisher === expectedMeta(o.source), `line ${it.line}: source ${JSON.stringify(report.publisher)} for ${JSON.stringify(o.source)}`);
          hold(report.published === expectedMeta(o.published), `line ${it.line}: published ${JSON.stringify(report.published)} for ${JSON.stringify(o.published)}`);
        }
      }
      // A file the encoding check refuses is one failure; otherwise one outcome a line.
      hold(seen === lines.length || (seen === 1 && outcome.failed === 1), `${lines.length} lines gave ${seen} outcomes`);
      return Object.entries(outcome)
        .filter(([, v]) => v)
        .map(([k]) => k)
        .join('+');
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
      await removeLocation(db);
    },
  };
}

// --- ACLED and UCDP ------------------------------------------------------------------------------------------

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const acledDay = day.chain((d) => {
  const [y, m, dd] = d.split('-');
  // A two-digit year reads as 1997-2096 (ACLED's coverage): earlier years are written in full.
  const short = Number(y) >= 1997 ? [`${Number(dd)}-${MONTHS[Number(m) - 1]}-${y.slice(2)}`] : [];
  return fc.constantFrom(d, ...short, `${dd} ${MONTHS[Number(m) - 1]} ${y}`, `${dd}-${MONTHS[Number(m) - 1]}-${y}`);
});
const coordinate = (max: number) => fc.double({ min: -max, max, noNaN: true }).map((x) => String(Math.round(x * 10_000) / 10_000));
const badNumber = fc.constantFrom('999', '-91', '181', 'NaN', 'Infinity', '1e400', '0x10', '1,5', ' ', 'north', '-0', '1e20', '100000000000000000000', '10000001', '-1', '2.5');
const deaths = fc.integer({ min: 0, max: 1_000 }).map(String);
const name = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('Military Forces of Syria (2000-)', 'Hayat Tahrir al-Sham', 'Civilians (Syria)', 'Unidentified Armed Group (Syria)', 'Syria', 'Aleppo', 'SOHR') }, { weight: 2, arbitrary: value });

/** An ACLED row: each cell a valid value or a hostile one; `valid` says whether every cell a row needs is valid. */
const acledRow = fc
  .record({
    id: fc.oneof({ weight: 9, arbitrary: fc.stringMatching(/^[A-Z]{3}\d{1,6}$/) }, { weight: 1, arbitrary: value }),
    date: fc.oneof({ weight: 9, arbitrary: acledDay }, { weight: 1, arbitrary: fc.oneof(badDay, value) }),
    withYear: fc.boolean(),
    type: fc.oneof({ weight: 9, arbitrary: fc.constantFrom('Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Protests') }, { weight: 1, arbitrary: value }),
    lat: fc.oneof({ weight: 9, arbitrary: coordinate(90) }, { weight: 1, arbitrary: fc.oneof(badNumber, value) }),
    lon: fc.oneof({ weight: 9, arbitrary: coordinate(180) }, { weight: 1, arbitrary: fc.oneof(badNumber, value) }),
    located: fc.boolean(),
    fatalities: fc.oneof({ weight: 9, arbitrary: deaths }, { weight: 1, arbitrary: fc.oneof(badNumber, value) }),
    text: fc.array(name, { minLength: ACLED_COLUMNS.length, maxLength: ACLED_COLUMNS.length }),
  })
  .map((r) => {
    const cells: Record<string, string> = {};
    ACLED_COLUMNS.forEach((c, i) => (cells[c] = r.text[i]));
    Object.assign(cells, { event_id_cnty: r.id, event_date: r.date, event_type: r.type, latitude: r.located ? r.lat : '', longitude: r.located ? r.lon : '', fatalities: r.fatalities });
    cells.year = r.withYear ? (acledDate(r.date)?.slice(0, 4) ?? '') : '';
    return cells;
  });

/** A GED row: each cell valid or hostile; the deaths split adds up to best unless a cell is hostile. */
const gedRow = fc
  .record({
    id: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 9_999_999 }).map(String) }, { weight: 1, arbitrary: value }),
    violence: fc.oneof({ weight: 9, arbitrary: fc.constantFrom('1', '2', '3') }, { weight: 1, arbitrary: value }),
    start: fc.oneof({ weight: 9, arbitrary: day }, { weight: 1, arbitrary: fc.oneof(badDay, value) }),
    span: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 }), fc.constant(-3)),
    lat: fc.oneof({ weight: 9, arbitrary: coordinate(90) }, { weight: 1, arbitrary: fc.oneof(badNumber, value) }),
    lon: fc.oneof({ weight: 9, arbitrary: coordinate(180) }, { weight: 1, arbitrary: fc.oneof(badNumber, value) }),
    split: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 4, maxLength: 4 }),
    spread: fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 })),
    badFigure: fc.option(fc.tuple(fc.constantFrom('best', 'low', 'high', 'deaths_a', 'deaths_b', 'deaths_civilians', 'deaths_unknown'), fc.oneof(badNumber, value)), { freq: 5 }),
    text: fc.array(name, { minLength: GED_COLUMNS.length, maxLength: GED_COLUMNS.length }),
  })
  .map((r) => {
    const cells: Record<string, string> = {};
    GED_COLUMNS.forEach((c, i) => (cells[c] = r.text[i]));
    const best = r.split.reduce((s, x) => s + x, 0);
    const start = isoDay(r.start);
    const end = start ? new Date(Date.parse(`${start}T00:00:00Z`) + r.span * 86_400_000).toISOString().slice(0, 10) : r.start;
    Object.assign(cells, {
      id: r.id,
      type_of_violence: r.violence,
      date_start: r.start,
      date_end: end > latestDay() ? r.start : end,
      latitude: r.lat,
      longitude: r.lon,
      deaths_a: String(r.split[0]),
      deaths_b: String(r.split[1]),
      deaths_civilians: String(r.split[2]),
      deaths_unknown: String(r.split[3]),
      best: String(best),
      low: String(Math.max(0, best - r.spread[0])),
      high: String(best + r.spread[1]),
    });
    if (r.badFigure) cells[r.badFigure[0]] = r.badFigure[1];
    return cells;
  });

/** Every string anywhere in a value. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
  return out;
}

/** What every event a dataset row gives must be, whatever the row held. */
function checkDatasetEvent(ev: DatasetEvent): void {
  for (const s of strings(ev)) hold(!CONTROL_CHAR.test(s), `a control character reached the event: ${clip(s)}`);
  hold(isoDay(ev.date_start) === ev.date_start && isoDay(ev.date_end) === ev.date_end, `dates ${ev.date_start}..${ev.date_end} are not days of the calendar`);
  hold(ev.date_start >= EARLIEST_DAY && ev.date_end <= latestDay() && ev.date_start <= ev.date_end, `dates ${ev.date_start}..${ev.date_end} are out of range or order`);
  hold((ev.lat === null) === (ev.lon === null), 'one coordinate without the other');
  if (ev.lat !== null) hold(Math.abs(ev.lat) <= 90 && Math.abs(ev.lon!) <= 180, `coordinates ${ev.lat}, ${ev.lon} out of range`);
  checkFigures(ev.fatalities, 'the event');
  hold(ev.external_id.trim() !== '' && ev.type.trim() !== '' && ev.country.trim() !== '', 'an event without its id, type or country');
}

interface DatasetSpec {
  name: 'acled' | 'ucdp';
  columns: readonly string[];
  row: fc.Arbitrary<Record<string, string>>;
  read(cells: Record<string, string>): DatasetEvent | { error: string };
  /** Whether a row must be read (every needed cell generated valid): the reader may not refuse it. */
  mustRead(cells: Record<string, string>): boolean;
}

const blankish = (s: string) => cleanText(s).trim() === '';
const DECIMAL = /^-?\d+(\.\d+)?(e-\d+)?$/;
const within = (v: string, max: number) => DECIMAL.test(v) && Math.abs(Number(v)) <= max;
const located = (lat: string, lon: string) => (lat === '' && lon === '') || (within(lat, 90) && within(lon, 180));
const countCell = (v: string) => /^\d+$/.test(v) && Number(v) <= MAX_EVENT_DEATHS;
const inRange = (d: string | null) => d !== null && d >= EARLIEST_DAY && d <= latestDay();

const ACLED: DatasetSpec = {
  name: 'acled',
  columns: ACLED_COLUMNS,
  row: acledRow,
  read: readAcledRow,
  mustRead: (c) =>
    /^[A-Z]{3}\d+$/.test(c.event_id_cnty) &&
    ['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Protests'].includes(c.event_type) &&
    !blankish(c.country) &&
    countCell(c.fatalities) &&
    located(c.latitude, c.longitude) &&
    /^(\d{4}-\d{2}-\d{2}|\d{1,2}[ -][A-Z][a-z]{2}[ -]\d{2,4})$/.test(c.event_date) &&
    inRange(acledDate(c.event_date, c.year)) &&
    (c.year === '' || c.year === acledDate(c.event_date, c.year)!.slice(0, 4)),
};
const UCDP: DatasetSpec = {
  name: 'ucdp',
  columns: GED_COLUMNS,
  row: gedRow,
  read: readGedRow,
  mustRead: (c) =>
    /^\d+$/.test(c.id) &&
    ['1', '2', '3'].includes(c.type_of_violence) &&
    isoDay(c.date_start) === c.date_start &&
    isoDay(c.date_end) === c.date_end &&
    inRange(c.date_start) &&
    inRange(c.date_end) &&
    c.date_end >= c.date_start &&
    !blankish(c.country) &&
    ['best', 'low', 'high', 'deaths_a', 'deaths_b', 'deaths_civilians', 'deaths_unknown'].every((k) => countCell(c[k])) &&
    Number(c.deaths_a) + Number(c.deaths_b) + Number(c.deaths_civilians) + Number(c.deaths_unknown) === Number(c.best) &&
    Number(c.low) <= Number(c.best) &&
    Number(c.best) <= Number(c.high) &&
    c.latitude !== '' &&
    located(c.latitude, c.longitude),
};

const errorKind = (e: string) => e.replace(/"[^"]*"/g, '""').replace(/\d+/g, 'N').slice(0, 50);

export function datasetRowTarget(format: 'acled' | 'ucdp'): Target<Record<string, string>> {
  const spec = format === 'acled' ? ACLED : UCDP;
  return {
    name: `${format}-rows`,
    holds: 'a row is read or refused in one line; a valid row is always read; what is read has real dates in range, coordinates in range, whole counts, no control characters',
    arbitrary: spec.row,
    shape: (cells) => (spec.mustRead(cells) ? 'valid' : `hostile:${errorKind(String((spec.read(cells) as { error?: string }).error ?? 'read'))}`),
    describe: (cells) => clip(JSON.stringify(cells), 120),
    check(cells) {
      const ev = spec.read(cells);
      if ('error' in ev) {
        hold(!spec.mustRead(cells), `a valid row was refused: ${ev.error}`);
        hold(typeof ev.error === 'string' && ev.error.length > 0 && !ev.error.includes('\n'), 'the refusal is not one line');
        return 'refused';
      }
      checkDatasetEvent(ev);
      return 'read';
    },
  };
}

/** The stored event's fields that the row decides, for comparing what went in with what the record holds. */
function heldFields(e: { type: string; sub_type: string; date_start: string | null; country: string | null; admin1: string | null; admin2: string | null; location: string | null; lat: number | null; lon: number | null; source: string | null; notes: string | null }) {
  return { type: e.type, sub_type: e.sub_type, date_start: e.date_start, country: e.country, admin1: e.admin1, admin2: e.admin2, location: e.location, lat: e.lat, lon: e.lon, source: e.source, notes: e.notes };
}

export async function datasetImportTarget(format: 'acled' | 'ucdp', location: Location, label = 'sqlite'): Promise<Target<{ rows: Record<string, string>[]; upper: boolean }>> {
  const spec = format === 'acled' ? ACLED : UCDP;
  const dir = mkdtempSync(join(tmpdir(), `observatory-fuzz-${format}-`));
  let n = 0;
  const dbs: string[] = [];
  return {
    name: `${format}-import [${label}]`,
    holds: 'a bad row fails alone, recorded; every row read is held with the fields it was read with; nothing else is held',
    // A NUL in a file's first 8 KB refuses it whole as binary: one file in five keeps them, the rest are read row by row.
    arbitrary: fc.record({ rows: fc.array(spec.row, { minLength: 1, maxLength: 8 }), upper: fc.boolean(), nul: fc.integer({ min: 0, max: 4 }).map((n) => n === 0) }).map(({ rows, upper, nul }) => ({
      rows: nul ? rows : rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.replaceAll('\u0000', '')]))),
      upper,
    })),
    shape: (x) => x.rows.map((r) => (spec.mustRead(r) ? 'v' : 'h')).join('') + (x.upper ? '|UPPER' : ''),
    describe: (x) => `${x.rows.length} rows`,
    async check({ rows, upper }) {
      // A record per file: what one file lets in is compared with what the record then holds.
      const db = await location();
      dbs.push(db);
      const file = join(dir, `${format}-${n++}.csv`);
      const header = spec.columns.map((c) => (upper && format === 'acled' ? c.toUpperCase() : c));
      writeFileSync(file, stringify([header, ...rows.map((r) => spec.columns.map((c) => r[c]))]));
      const refusedWhole = textProblem(Buffer.from(stringify(rows.map((r) => spec.columns.map((c) => r[c])))));
      let result: { added: number; duplicate: number; failed: number } | null = null;
      let error = '';
      try {
        result = await quietly(() => runImport(format, file, { db, progress: false }));
      } catch (e) {
        error = (e as Error).message;
      }
      const expected = new Map<string, DatasetEvent>();
      let refused = 0;
      for (const r of rows) {
        const ev = spec.read(r);
        if ('error' in ev) refused++;
        else if (!expected.has(ev.id)) expected.set(ev.id, ev);
      }
      if (refusedWhole) {
        hold(error.includes(refusedWhole.slice(0, 20)), `a file the encoding check refuses was not refused whole: ${error || 'imported'}`);
        return 'refused whole';
      }
      hold(result !== null || new RegExp(`^${refused} rows? failed`).test(error), `the import ended with "${error}" where ${refused} rows fail`);
      const store = await openStore(db);
      try {
        const held = new Map<string, ExportedEvent>();
        for await (const e of store.exportEvents({ origin: format })) held.set(e.id, e);
        hold(held.size === expected.size, `${expected.size} rows read, ${held.size} events held`);
        const failures = await store.listFailures();
        hold(failures.length === refused, `${refused} rows refused, ${failures.length} failures recorded`);
        for (const [id, ev] of expected) {
          const got = held.get(id);
          hold(got !== undefined, `${id} was read but is not held`);
          hold(JSON.stringify(heldFields(got!)) === JSON.stringify(heldFields({ ...ev, notes: ev.notes })), `${id}: held ${JSON.stringify(heldFields(got!))}, read ${JSON.stringify(heldFields(ev))}`);
          const total = ev.fatalities.reduce((s, f) => s + (f.best ?? 0), 0);
          hold(got!.fatalities_best === total, `${id}: ${got!.fatalities_best} fatalities held for ${total}`);
        }
      } finally {
        await store.close();
      }
      return `${expected.size} in, ${refused} refused`;
    },
    async close() {
      rmSync(dir, { recursive: true, force: true });
      for (const db of dbs) await removeLocation(db);
    },
  };
}

// --- the API -------------------------------------------------------------------------------------------------

type Who = 'viewer' | 'analyst' | 'admin' | 'none' | 'junk' | 'malformed' | 'long';

interface ApiCall {
  op: number;
  method: string | null;
  id: string;
  query: [string, string][];
  body: { kind: 'object'; fields: Record<string, unknown> } | { kind: 'raw'; raw: string } | { kind: 'none' } | { kind: 'big' } | { kind: 'deep'; depth: number };
  who: Who;
  contentType: string | null;
}

/** A query value or path segment: percent-encoded hostile text, or raw characters and broken escapes as a client may send them. */
const urlPart = fc.oneof(
  { weight: 5, arbitrary: value.map((v) => encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '?'))) },
  { weight: 2, arbitrary: fc.oneof(day, badDay).map(encodeURIComponent) },
  { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '%FF%FE', '%C0%AF', '..%2F..%2Fetc', '+', '%2B', '', '%20%20', 'a'.repeat(5_000), '%ED%A0%80') },
);

const FIELDS: Record<string, fc.Arbitrary<unknown>> = {
  text: fc.oneof({ weight: 9, arbitrary: reportText(8_000) }, { weight: 1, arbitrary: fc.constantFrom('x'.repeat(200_001), ' '.repeat(10), '\u200b\u200b') }),
  published: fc.oneof(someDay, fc.constant(null)),
  source: value,
  title: value,
  type: fc.oneof(fc.constantFrom('Battles', 'Riots', 'Explosions/Remote violence'), value),
  sub_type: fc.oneof(fc.constantFrom('Armed clash', 'Air/drone strike'), value),
  notes: fc.oneof(value, fc.constant(null), fc.constant('n'.repeat(10_001))),
  date: fc.oneof(fc.constant(null), fc.record({ start: someDay, end: someDay, precision: fc.constantFrom('day', 'week', 'month', 'year', 'range', 'fortnight') })),
  name: value,
  role: fc.constantFrom('viewer', 'analyst', 'admin', 'root', '', 'ADMIN'),
};
const anyJson = fc.oneof(value, fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.integer(), { maxLength: 2 }), fc.object({ maxDepth: 1, maxKeys: 2 }));

function apiCall(): fc.Arbitrary<ApiCall> {
  return fc
    .record({
      op: fc.integer({ min: 0, max: OPERATIONS.length }),
      method: fc.option(fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'OPTIONS', 'HEAD'), { freq: 12 }),
      id: fc.oneof(fc.constantFrom('@event', '@report', '@token'), urlPart),
      query: fc.array(fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom('from', 'to', 'country', 'admin1', 'place', 'bloc', 'actor', 'type', 'claimant', 'min_fatalities', 'origin', 'limit', 'offset', 'by', 'at') }, { weight: 1, arbitrary: fc.oneof(urlPart, fc.constantFrom('__proto__', 'constructor', 'near')) }), urlPart), { maxLength: 5 }),
      fields: fc.dictionary(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...Object.keys(FIELDS)) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), fc.constant(null), { maxKeys: 4 }).chain((keys) =>
        fc.record(Object.fromEntries(Object.keys(keys).map((k) => [k, fc.oneof({ weight: 5, arbitrary: FIELDS[k] ?? anyJson }, { weight: 1, arbitrary: anyJson })]))),
      ),
      bodyKind: fc.constantFrom('object', 'object', 'object', 'object', 'object', 'object', 'raw', 'none', 'big', 'deep'),
      raw: fc.oneof(fc.json(), mixed(3), fc.constantFrom('{', '{"text":', 'null', '[]', '"text"', '{"text":"a"}{"text":"b"}', '\ufeff{"text":"x"}')),
      depth: fc.integer({ min: 100, max: 100_000 }),
      who: fc.constantFrom<Who>('viewer', 'analyst', 'analyst', 'admin', 'admin', 'none', 'junk', 'malformed', 'long'),
      contentType: fc.option(fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', ''), { freq: 8 }),
    })
    .map((r) => ({
      op: r.op,
      method: r.method,
      id: r.id,
      query: r.query,
      body: r.bodyKind === 'object' ? { kind: 'object' as const, fields: r.fields } : r.bodyKind === 'raw' ? { kind: 'raw' as const, raw: r.raw } : r.bodyKind === 'deep' ? { kind: 'deep' as const, depth: r.depth } : { kind: r.bodyKind as 'none' | 'big' },
      who: r.who,
      contentType: r.contentType,
    }));
}

export async function apiTarget(location: Location, label = 'sqlite'): Promise<Target<ApiCall>> {
  const db = await location();
  await quietly(() => runIngest([SAMPLE], { db, progress: false }));
  const store: Store = await openStore(db);
  // As `observatory serve` does, its worker threads start and load the extractor before the first input, which
  // would otherwise pay for it.
  const desk: Desk = openDesk(store, { publicRead: false, preload: true });
  await desk.work.warm();
  const errors: string[] = [];
  // Junk tokens are a fifth of the calls: the limit on failed sign-ins (tested on its own) would soon answer every call 429.
  const app = createApp(desk, { log: (m) => errors.push(m), signInLimit: { failures: Number.MAX_SAFE_INTEGER, windowMs: 1 } });
  const tokens = {
    viewer: (await desk.tokens.create('fuzz viewer', 'viewer')).token,
    analyst: (await desk.tokens.create('fuzz analyst', 'analyst')).token,
    admin: (await desk.tokens.create('fuzz admin', 'admin')).token,
  };
  const own = new Set((await desk.tokens.list()).map((t) => t.id));
  const someEvent = (await store.listEvents({}, { limit: 1 }))[0].id;
  const someReport = (await store.listReports({ limit: 1 })).reports[0].id;
  const created: string[] = [];

  const header = (who: Who): string | null => {
    if (who === 'none') return null;
    if (who === 'junk') return 'Bearer obs_not-a-token';
    if (who === 'malformed') return 'Basic dXNlcjpwYXNz';
    if (who === 'long') return `Bearer obs_${'x'.repeat(10_000)}`;
    return `Bearer ${tokens[who]}`;
  };

  const pathOf = (c: ApiCall): { path: string; route: string } => {
    const op = OPERATIONS[c.op];
    if (!op) return { path: `/api/${c.id}`, route: '/api/*' };
    const id = c.id === '@event' ? someEvent : c.id === '@report' ? someReport : c.id === '@token' ? (created[0] ?? 'tok_missing') : c.id;
    return { path: op.path.replace(/:\w+/, id === '' ? '%20' : id), route: op.path };
  };

  return {
    name: `api [${label}]`,
    holds: 'no 500 and nothing in the server log; only documented statuses; errors in the one JSON shape; a report, event edit or token accepted is held as sent',
    arbitrary: apiCall(),
    shape: (c) => {
      const op = OPERATIONS[c.op];
      return `${c.method ?? op?.method.toUpperCase() ?? 'GET'} ${pathOf(c).route} ${c.body.kind} ${c.who}`;
    },
    describe: (c) => {
      const op = OPERATIONS[c.op];
      const size = c.body.kind === 'object' ? JSON.stringify(c.body.fields).length : c.body.kind === 'raw' ? c.body.raw.length : c.body.kind === 'big' ? MAX_BODY_BYTES + 1 : c.body.kind === 'deep' ? c.body.depth * 2 : 0;
      return `${c.method ?? op?.method.toUpperCase() ?? 'GET'} ${pathOf(c).route}, body ${c.body.kind} ${size} bytes, ${c.query.length} query parameters, ${c.who}`;
    },
    async check(c) {
      const op = OPERATIONS[c.op];
      const method = c.method ?? op?.method.toUpperCase() ?? 'GET';
      const { path } = pathOf(c);
      const query = c.query.map(([k, v]) => `${k}=${v}`).join('&');
      const headers: Record<string, string> = {};
      const auth = header(c.who);
      if (auth) headers.authorization = auth;
      let body: string | undefined;
      if (c.body.kind !== 'none' && method !== 'GET' && method !== 'HEAD') {
        body = c.body.kind === 'object' ? JSON.stringify(c.body.fields) : c.body.kind === 'raw' ? c.body.raw : c.body.kind === 'big' ? JSON.stringify({ text: 'x'.repeat(MAX_BODY_BYTES) }) : '['.repeat(c.body.depth) + ']'.repeat(c.body.depth);
        headers['content-type'] = c.contentType ?? 'application/json';
      }
      const before = errors.length;
      const res = await app.request(`${path}${query ? `?${query}` : ''}`, { method, headers, body });
      const text = await res.text();
      hold(res.status !== 500, `500 for ${method} ${path}: ${errors.slice(before).join(' | ').split('\n').slice(0, 3).join(' ') || text}`);
      hold(errors.length === before, `the server logged an error with status ${res.status}: ${errors.slice(before).join(' ').slice(0, 300)}`);
      // Only documented answers: the operation's, the access errors, 404 for what is not there, 413 for any big body.
      const allowed = new Set<number>([401, 404, 413]);
      // The documented operation that answers this method and path (HEAD is answered as GET, without the body): the one
      // drawn, or another whose template the path fits (POST /api/review/claimants is POST /api/review/:id).
      const asMethod = method === 'HEAD' ? 'GET' : method;
      const answers = (o: (typeof OPERATIONS)[number]) => o.method.toUpperCase() === asMethod;
      const served = op && (OPERATIONS.find((o) => o.path === op.path && answers(o)) ?? OPERATIONS.find((o) => answers(o) && fitsTemplate(o.path, path)));
      if (served) {
        allowed.add(served.ok.status);
        for (const e of served.errors ?? []) allowed.add(e);
        if (served.role !== 'anyone') allowed.add(403);
        if (served.path === '/api/reports' && method === 'POST') allowed.add(200);
        if (served.body || served.query) allowed.add(400);
      }
      hold(allowed.has(res.status), `${method} ${path} answered ${res.status}, which the description does not document: ${text.slice(0, 200)}`);
      if (res.status === 204 || method === 'HEAD') return String(res.status);
      let json: { error?: { status: number; message: string } } & Record<string, unknown>;
      try {
        json = JSON.parse(text);
      } catch {
        throw new Broken(`${method} ${path} answered ${res.status} with something other than JSON: ${clip(text)}`);
      }
      if (res.status >= 400) {
        hold(json.error?.status === res.status && typeof json.error.message === 'string' && json.error.message.length > 0, `${res.status} without the error shape: ${clip(text, 200)}`);
        return String(res.status);
      }
      // What a write accepted is what the record holds.
      if (served?.path === '/api/reports' && method === 'POST' && c.body.kind === 'object') {
        const f = c.body.fields as { text: string; title?: string | null; source?: string | null; published?: string | null };
        const report = json.report as { text: string; title: string | null; publisher: string | null; published: string | null };
        hold(report.text === normalizeText(f.text.trim()), `the stored report's text is not the text sent (${report.text.length} characters for ${f.text.trim().length})`);
        if (json.status === 'new') {
          hold(report.title === (f.title?.trim() || null), `title ${JSON.stringify(report.title)} stored for ${JSON.stringify(f.title)}`);
          hold(report.publisher === (f.source?.trim() || null), `source ${JSON.stringify(report.publisher)} stored for ${JSON.stringify(f.source)}`);
          hold(report.published === (f.published ?? null), `published ${JSON.stringify(report.published)} stored for ${JSON.stringify(f.published)}`);
        }
      }
      if (served?.path === '/api/events/:id' && method === 'PATCH' && c.body.kind === 'object') {
        const f = c.body.fields as { type?: string; sub_type?: string; notes?: string | null; date?: { start: string; end: string; precision: string } | null };
        const stored = (await store.getEvent(decodeURIComponent(path.split('/').pop()!)))!.event as unknown as { type: string; sub_type: string; notes: string | null; date: unknown };
        if (f.type !== undefined) hold(stored.type === f.type.trim(), `type ${JSON.stringify(stored.type)} stored for ${JSON.stringify(f.type)}`);
        if (f.sub_type !== undefined) hold(stored.sub_type === f.sub_type.trim(), `sub_type ${JSON.stringify(stored.sub_type)} stored for ${JSON.stringify(f.sub_type)}`);
        if (f.notes !== undefined) hold(stored.notes === f.notes, `notes ${JSON.stringify(stored.notes)} stored for ${JSON.stringify(f.notes)}`);
        if (f.date !== undefined) hold(JSON.stringify(stored.date) === JSON.stringify(f.date), `date ${JSON.stringify(stored.date)} stored for ${JSON.stringify(f.date)}`);
      }
      if (served?.path === '/api/tokens' && method === 'POST' && c.body.kind === 'object') {
        const f = c.body.fields as { name: string; role: string };
        hold(json.name === f.name.trim() && json.role === f.role, `token ${JSON.stringify([json.name, json.role])} made for ${JSON.stringify([f.name, f.role])}`);
        if (!own.has(json.id as string)) created.push(json.id as string);
      }
      if (served?.method === 'delete') created.splice(0, created[0] === decodeURIComponent(path.split('/').pop()!) ? 1 : 0);
      return String(res.status);
    },
    async close() {
      await desk.work.close();
      await store.close();
      await removeLocation(db);
    },
  };
}
