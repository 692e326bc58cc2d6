// An analyst's correction of an event, as column values: what to write, and each changed field's before and
// after for the edit log. Pure; the store applies it (KyselyStore.updateEvent).
import type { Updateable } from 'kysely';
import type { EventsTable } from './schema.js';
import type { EventPatch } from './store.js';

type Patched = Pick<EventsTable, 'type' | 'sub_type' | 'notes' | 'date_start' | 'date_end' | 'date_precision'>;

export interface EventChange {
  set: Updateable<EventsTable>;
  /** { field: [before, after] }, only the fields whose value changes. */
  changes: Record<string, [unknown, unknown]>;
}

function dateOf(e: Patched): EventPatch['date'] {
  return e.date_start ? { start: e.date_start, end: e.date_end ?? e.date_start, precision: (e.date_precision ?? 'day') as NonNullable<EventPatch['date']>['precision'] } : null;
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
  if (patch.date !== undefined && !same(dateOf(e), patch.date)) {
    const d = patch.date;
    // month is derived from the date ("by month" tallies and the per-actor monthly totals read it): it follows.
    Object.assign(set, { date_start: d?.start ?? null, date_end: d?.end ?? null, date_precision: d?.precision ?? null, month: d?.start.slice(0, 7) ?? null });
    changes.date = [dateOf(e), d];
  }
  return { set, changes };
}
