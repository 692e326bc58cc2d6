// Re-reading a stored report with a newer engine, without losing what people decided about it. The events
// the engine reads again are matched to the stored ones (the same span of text, else the same sentence and
// kind); a matched event keeps its id (so its incident, review and links stay), and every field an analyst
// corrected keeps the analyst's value. When the engine now reads such a field differently than it did, the
// difference is a conflict, listed, never resolved silently. An event someone decided about that the engine no
// longer reads at all holds the whole report back: the report is left as it is and the conflict is listed.
import type { EventsTable } from './schema.js';

/** The fields an analyst may correct (src/store/event-patch.ts), as the events table holds them. */
const CORRECTABLE = {
  type: ['type'],
  sub_type: ['sub_type'],
  notes: ['notes'],
  date: ['date_start', 'date_end', 'date_precision', 'month'],
} as const satisfies Record<string, (keyof EventsTable)[]>;
export type CorrectableField = keyof typeof CORRECTABLE;

export interface StoredEvent {
  row: EventsTable;
  /** Fields an analyst changed, with the value the engine had given before the first change. */
  corrected: Partial<Record<CorrectableField, unknown>>;
  /** In a reviewed incident or named by a link decision: a person decided about it. */
  decided: boolean;
}

export interface Conflict {
  event: string;
  field: CorrectableField | 'event';
  /** What the engine read before and reads now; what the record keeps (the analyst's value). */
  engineBefore: unknown;
  engineNow: unknown;
  kept: unknown;
}

export interface CarriedExtraction {
  /** The fresh events with the ids and corrected fields they keep. */
  events: EventsTable[];
  /** Fresh event id (as the engine numbered it) -> the id it is stored under. */
  ids: Map<string, string>;
  kept: number;
  added: number;
  gone: string[];
  /** Matched events whose row changed (the analyst's corrections aside). */
  changed: number;
  conflicts: Conflict[];
  /** True: an event someone decided about is no longer read; the report must be left as it is. */
  heldBack: boolean;
}

const valueOf = (row: EventsTable, field: CorrectableField): unknown =>
  field === 'date' ? (row.date_start === null ? null : { start: row.date_start, end: row.date_end, precision: row.date_precision }) : row[field];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The columns compared to say an event "changed": what a reader of the record would see differ. */
const COMPARED: (keyof EventsTable)[] = ['type', 'sub_type', 'date_start', 'date_end', 'date_precision', 'location', 'admin1', 'country', 'fatalities', 'perpetrator_actor', 'perpetrator_bloc', 'weapon', 'scope', 'actors', 'notes'];

export function carryCorrections(stored: StoredEvent[], fresh: EventsTable[]): CarriedExtraction {
  const bySpan = new Map<string, StoredEvent[]>();
  for (const s of stored) {
    const k = `${s.row.span_start}:${s.row.span_end}`;
    bySpan.set(k, [...(bySpan.get(k) ?? []), s]);
  }
  const taken = new Set<StoredEvent>();
  const pairs: [EventsTable, StoredEvent | null][] = fresh.map((f) => {
    const candidates = bySpan.get(`${f.span_start}:${f.span_end}`) ?? [];
    let match = candidates.find((s) => !taken.has(s) && s.row.sub_type === f.sub_type) ?? candidates.find((s) => !taken.has(s));
    match ??= stored.find((s) => !taken.has(s) && s.row.sentence === f.sentence && s.row.sub_type === f.sub_type);
    if (match) taken.add(match);
    return [f, match ?? null];
  });
  const conflicts: Conflict[] = [];
  const gone = stored.filter((s) => !taken.has(s));
  for (const s of gone) {
    if (Object.keys(s.corrected).length || s.decided) conflicts.push({ event: s.row.id, field: 'event', engineBefore: s.row.sub_type, engineNow: null, kept: s.row.sub_type });
  }
  const used = new Set(stored.map((s) => s.row.id));
  const ids = new Map<string, string>();
  let changed = 0;
  const events = pairs.map(([f, s]) => {
    if (!s) {
      // A new event: the engine's own id, unless a stored event holds it.
      let id = f.id;
      for (let n = 2; used.has(id); n++) id = `${f.id}-${n}`;
      used.add(id);
      ids.set(f.id, id);
      return Object.assign({}, f, { id });
    }
    ids.set(f.id, s.row.id);
    const row = Object.assign({}, f, { id: s.row.id });
    for (const field of Object.keys(s.corrected) as CorrectableField[]) {
      const engineBefore = s.corrected[field];
      const engineNow = valueOf(f, field);
      for (const col of CORRECTABLE[field]) (row as unknown as Record<string, unknown>)[col] = s.row[col];
      if (!same(engineNow, engineBefore)) conflicts.push({ event: s.row.id, field, engineBefore, engineNow, kept: valueOf(s.row, field) });
    }
    if (COMPARED.some((c) => !same(row[c], s.row[c]))) changed++;
    return row;
  });
  return {
    events,
    ids,
    kept: pairs.filter(([, s]) => s).length,
    added: pairs.filter(([, s]) => !s).length,
    gone: gone.map((s) => s.row.id),
    changed,
    conflicts,
    heldBack: conflicts.some((c) => c.field === 'event'),
  };
}
