// An analyst's correction of an event, as column values: what to write, and each changed field's before and
// after for the edit log. Pure; the store applies it (KyselyStore.updateEvent).
import type { Updateable } from 'kysely';
import type { DateValue } from '../domain/types.js';
import type { EventsTable } from './schema.js';
import type { EventPatch } from './store.js';

/** The event's correctable fields as they stand. */
type Patched = Pick<EventsTable, 'type' | 'sub_type' | 'notes'> & { date: DateValue | null };

export interface EventChange {
  set: Updateable<EventsTable>;
  /** { field: [before, after] }, only the fields whose value changes. */
  changes: Record<string, [unknown, unknown]>;
}

export function eventChange(e: Patched, patch: EventPatch): EventChange {
  const set: Updateable<EventsTable> = {};
  const changes: EventChange['changes'] = {};
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const field of ['type', 'sub_type', 'notes'] as const) {
    const after = patch[field];
    if (after === undefined || same(e[field], after)) continue;
    (set as Record<string, unknown>)[field] = after;
    changes[field] = [e[field], after];
  }
  if (patch.date !== undefined && !same(e.date, patch.date)) {
    const d = patch.date;
    // month is derived from the date ("by month" tallies and the per-actor monthly totals read it): it follows.
    Object.assign(set, { date_start: d?.start ?? null, date_end: d?.end ?? null, date_precision: d?.precision ?? null, month: d?.start.slice(0, 7) ?? null });
    changes.date = [e.date, d];
  }
  return { set, changes };
}
