// DeskRecord on the store's own Kysely instance: what the Store interface has no method for yet (a report
// with its extraction, a report listing) and the analyst's event edits. It reads the store's tables through the store's schema types, so a schema change
// there shows up here as a type error. Once Store has these methods this file goes (see the report to the store's owner).
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { ClaimantKind, ClaimScope, DateValue, EventActor, EventLocation, Fatalities, ReportSummary, Weapon } from '../domain/types.js';
import { KyselyStore } from '../store/kysely-store.js';
import { regroupAround } from '../store/incident-sync.js';
import type { ClaimsTable, Database, EventsTable } from '../store/schema.js';
import type { Page, Store, StoredClaim } from '../store/store.js';
import { migrateDesk, type DeskTables } from './desk-tables.js';
import type { DeskRecord, EventEdit, EventPatch, ReportDetail, ReportEvent, ReportListing } from './record.js';

export type DeskDb = Kysely<Database & DeskTables>;

/** The Kysely instance behind a store; the desk keeps its own tables beside the store's. */
export async function deskDatabase(store: Store): Promise<DeskDb> {
  if (!(store instanceof KyselyStore)) throw new Error('the desk needs a Kysely-backed store (SQLite)');
  const db = store.db as unknown as DeskDb;
  await migrateDesk(db);
  return db;
}

function dateOf(start: string | null, end: string | null, precision: string | null): DateValue | null {
  return start ? { start, end: end ?? start, precision: (precision ?? 'day') as DateValue['precision'] } : null;
}

function locationOf(e: Pick<Selectable<EventsTable>, 'location' | 'admin1' | 'country' | 'lat' | 'lon' | 'geo_precision'>): EventLocation | null {
  if (!e.location && !e.admin1 && !e.country) return null;
  return { name: e.location ?? e.admin1 ?? e.country ?? '', admin1: e.admin1, country: e.country, lat: e.lat, lon: e.lon, precision: (e.geo_precision ?? 'unknown') as EventLocation['precision'] };
}

function claimOf(c: Selectable<ClaimsTable>): StoredClaim {
  return {
    id: c.id,
    report_id: c.report_id,
    claimant: c.claimant,
    claimant_kind: c.claimant_kind as ClaimantKind,
    publisher: c.publisher,
    scope: c.scope as ClaimScope,
    measure: c.measure as StoredClaim['measure'],
    fatalities: JSON.parse(c.fatalities) as Fatalities[],
    date: dateOf(c.date_start, c.date_end, c.date_precision),
    weapon: c.weapon as Weapon | null,
    span: { start: c.span_start ?? 0, end: c.span_end ?? 0 },
    sentence: c.sentence ?? '',
    rule: c.rule,
  };
}

export class KyselyDeskRecord implements DeskRecord {
  constructor(private readonly db: DeskDb) {}

  async listReports(page: Page): Promise<{ total: number; reports: ReportListing[] }> {
    const total = Number((await this.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await this.db
      .selectFrom('reports')
      .select((eb) => [
        'reports.id',
        'reports.title',
        'reports.publisher',
        'reports.published',
        'reports.ingested_at',
        eb.selectFrom('events').whereRef('events.report_id', '=', 'reports.id').select((e) => e.fn.countAll<number>().as('n')).as('events'),
        eb.selectFrom('claims').whereRef('claims.report_id', '=', 'reports.id').select((e) => e.fn.countAll<number>().as('n')).as('claims'),
      ])
      .orderBy('reports.ingested_at', 'desc')
      .orderBy('reports.id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
    return { total, reports: rows.map((r) => ({ ...r, events: Number(r.events ?? 0), claims: Number(r.claims ?? 0) })) };
  }

  async getReport(id: string): Promise<ReportDetail | null> {
    const r = await this.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) return null;
    const [eventRows, claimRows] = await Promise.all([
      this.db.selectFrom('events').selectAll().where('report_id', '=', id).orderBy('span_start').orderBy('id').execute(),
      this.db.selectFrom('claims').selectAll().where('report_id', '=', id).orderBy('span_start').orderBy('id').execute(),
    ]);
    const links = eventRows.length
      ? await this.db.selectFrom('event_claims').select(['event_id', 'claim_id']).where('event_id', 'in', eventRows.map((e) => e.id)).execute()
      : [];
    const events: ReportEvent[] = eventRows.map((e) => ({
      id: e.id,
      type: e.type,
      sub_type: e.sub_type,
      date: dateOf(e.date_start, e.date_end, e.date_precision),
      location: locationOf(e),
      actors: JSON.parse(e.actors) as EventActor[],
      fatalities: JSON.parse(e.fatalities) as Fatalities[],
      weapon: e.weapon as Weapon | null,
      claims: links.filter((l) => l.event_id === e.id).map((l) => l.claim_id),
      scope: (e.scope ?? 'incident') as ClaimScope,
      sentence: e.sentence ?? '',
      span: { start: e.span_start ?? 0, end: e.span_end ?? 0 },
    }));
    return {
      id: r.id,
      hash: r.hash,
      title: r.title,
      publisher: r.publisher,
      published: r.published,
      ingested_at: r.ingested_at,
      language: r.language,
      text: r.text,
      summary: r.summary ? (JSON.parse(r.summary) as ReportSummary) : null,
      events: events.length,
      claims: claimRows.length,
      extracted: { events, claims: claimRows.map(claimOf) },
    };
  }

  async updateEvent(id: string, patch: EventPatch, editor: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const e = await trx.selectFrom('events').select(['type', 'sub_type', 'notes', 'date_start', 'date_end', 'date_precision']).where('id', '=', id).executeTakeFirst();
      if (!e) return false;
      const set: Updateable<EventsTable> = {};
      const changes: Record<string, [unknown, unknown]> = {};
      const change = (field: string, before: unknown, after: unknown) => {
        if (JSON.stringify(before) !== JSON.stringify(after)) changes[field] = [before, after];
      };
      if (patch.type !== undefined) {
        set.type = patch.type;
        change('type', e.type, patch.type);
      }
      if (patch.sub_type !== undefined) {
        set.sub_type = patch.sub_type;
        change('sub_type', e.sub_type, patch.sub_type);
      }
      if (patch.notes !== undefined) {
        set.notes = patch.notes;
        change('notes', e.notes, patch.notes);
      }
      if (patch.date !== undefined) {
        const d = patch.date;
        // month is the store's derived column for "by month" tallies: it must follow the date.
        Object.assign(set, { date_start: d?.start ?? null, date_end: d?.end ?? null, date_precision: d?.precision ?? null, month: d?.start.slice(0, 7) ?? null });
        change('date', dateOf(e.date_start, e.date_end, e.date_precision), d);
      }
      if (Object.keys(changes).length === 0) return true;
      await trx.updateTable('events').set(set).where('id', '=', id).execute();
      // A new date or type can move the event to another incident: its incidents follow at once.
      await regroupAround(trx as unknown as Transaction<Database>, [id]);
      await trx
        .insertInto('event_edits')
        .values({ id: randomUUID(), event_id: id, editor, edited_at: new Date().toISOString(), changes: JSON.stringify(changes) })
        .execute();
      return true;
    });
  }

  async eventEdits(id: string): Promise<EventEdit[]> {
    const rows = await this.db.selectFrom('event_edits').selectAll().where('event_id', '=', id).orderBy('edited_at').orderBy('id').execute();
    return rows.map((r) => ({ ...r, changes: JSON.parse(r.changes) as EventEdit['changes'] }));
  }
}
