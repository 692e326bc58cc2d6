// The substring filters (place, actor, claimant: a name containing this text, whatever its case) and how a query
// reads them. Each compares the lower-case key of a vocabulary table (places, actors, sources) with LIKE, its
// wildcards taken literally; a needle of three characters or more is first looked up in the table's trigram
// index (migration 0007), so only the names holding it are compared. A shorter needle has no trigram and is
// compared with every name, which the vocabulary's size keeps cheap.
//
// An event passes when one of its place, actors or claimants is among those names. Two ways to read that:
// from the names' side (the events naming them, then sorted: good when they are few), or from the events'
// side in the listing's order, checking each (good when they are many: a page of 100 is found early).
// PostgreSQL's planner weighs the two from its statistics. SQLite's cannot tell how many events a substring
// matches, so planSubstrings counts, up to a cap, and tells the query which way to go.
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { dialectOf } from './dialect.js';
import type { Database } from './schema.js';
import type { EventFilter } from './store.js';

export const SEARCHED_TABLES = ['places', 'actors', 'sources'] as const;
export type SearchedTable = (typeof SEARCHED_TABLES)[number];
/** SQLite's FTS5 table of a vocabulary table's keys. */
export const searchTable = (t: SearchedTable) => `${t}_search`;

export type Needle = 'place' | 'actor' | 'claimant';
export const NEEDLES: readonly Needle[] = ['place', 'actor', 'claimant'];
const TABLE_OF: Record<Needle, SearchedTable> = { place: 'places', actor: 'actors', claimant: 'sources' };

/** Characters in a trigram: a needle as long as this can be looked up in the index. */
const TRIGRAM = 3;

/** A LIKE pattern matching `s` anywhere, its wildcards taken literally. */
export function containing(s: string): string {
  return `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** An FTS5 phrase: the text between double quotes (doubled inside) is taken as it is, punctuation included. */
const phrase = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The ids of a vocabulary table's rows whose key holds the needle. */
function keysHolding(db: Kysely<Database>, table: SearchedTable, needle: string) {
  const d = db as unknown as Kysely<any>;
  let q = d.selectFrom(table).select(`${table}.id`).where(sql<SqlBool>`${sql.ref(`${table}.key`)} like ${containing(needle)} escape '\\'`);
  const lower = needle.toLowerCase();
  // On PostgreSQL the LIKE itself reads the GIN index; SQLite needs the FTS5 table asked in its own words.
  if (dialectOf(db) === 'sqlite' && [...lower].length >= TRIGRAM) {
    const s = sql.table(searchTable(table));
    q = q.where(`${table}.id`, 'in', sql`(select id from ${s} where ${s} match ${phrase(lower)})`);
  }
  return q;
}

/**
 * The events whose place, actor or claimant holds the needle, as a condition on `events`. `drive`: read from the
 * names' side (the matches, then the events); else a check of each event the query reads anyway.
 */
export function naming(eb: ExpressionBuilder<Database, 'events'>, db: Kysely<Database>, which: Needle, needle: string, drive: boolean): Expression<SqlBool> {
  const keys = keysHolding(db, TABLE_OF[which], needle);
  // Checking one event, SQLite would probe the name's index once per matching name (68 names hold "army"); a
  // unary + keeps it off that index, so it reads the event's own few rows and tests each against the names once.
  // The same keeps SQLite off the place index when checking events in the listing's order (it would read every
  // event of every matching place, then sort them).
  const among = (column: 'event_actors.actor_id' | 'event_claims.claimant_id' | 'events.place_id') => (drive || dialectOf(db) !== 'sqlite' ? sql<SqlBool>`${sql.ref(column)} in (${keys})` : sql<SqlBool>`+${sql.ref(column)} in (${keys})`);
  if (which === 'place') return drive ? eb('events.place_id', 'in', keys) : among('events.place_id');
  if (which === 'actor') {
    const q = eb.selectFrom('event_actors').select('event_actors.event_id').where(among('event_actors.actor_id'));
    return drive ? eb('events.id', 'in', q) : eb.exists(q.whereRef('event_actors.event_id', '=', 'events.id'));
  }
  const q = eb.selectFrom('event_claims').select('event_claims.event_id').where(among('event_claims.claimant_id'));
  return drive ? eb('events.id', 'in', q) : eb.exists(q.whereRef('event_claims.event_id', '=', 'events.id'));
}

/** Rows the needle reaches (about one per event), counted up to `cap`. */
async function reachUpTo(db: Kysely<Database>, which: Needle, needle: string, cap: number): Promise<number> {
  const keys = keysHolding(db, TABLE_OF[which], needle);
  const d = db as unknown as Kysely<any>;
  const [table, column] = which === 'place' ? ['events', 'place_id'] : which === 'actor' ? ['event_actors', 'actor_id'] : ['event_claims', 'claimant_id'];
  const reached = d.selectFrom(table).select(column).where(column, 'in', keys).limit(cap);
  const r = await d.selectFrom(reached.as('reached')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Which substring filter, if any, a query should read from the names' side (see the top of this file); null: check
 * each event in the query's own order. `wanted`: the rows the query reads before it stops (a page), or null for
 * all of them (a count, a tally); `othersUpTo(cap)` counts, up to cap, the events the other filters leave.
 */
export async function planSubstrings(db: Kysely<Database>, filter: EventFilter, wanted: number | null, othersUpTo: (cap: number) => Promise<number>): Promise<Needle | null> {
  if (dialectOf(db) !== 'sqlite') return null;
  const asked = NEEDLES.filter((k) => filter[k]);
  if (asked.length === 0) return null;
  // SQLite keeps the largest rowid at hand: the number of events, give or take what was deleted.
  const total = Number((await sql<{ n: number | null }>`select max(rowid) as n from events`.execute(db)).rows[0]?.n ?? 0);
  // Reading n matches and sorting them costs about what checking events in order until a page of `wanted` is
  // found costs when matches are n in total (wanted * total / n events read): the two meet at this cap.
  const cap = wanted === null ? total + 1 : Math.ceil(Math.sqrt(wanted * total)) + 1;
  let best: Needle | null = null;
  let fewest = cap;
  for (const k of asked) {
    const n = await reachUpTo(db, k, filter[k]!, fewest);
    if (n < fewest) [best, fewest] = [k, n];
  }
  if (best === null) return null;
  // Reading everything: from the names' side unless the other filters leave fewer events than that to check.
  if (wanted === null && (await othersUpTo(fewest)) < fewest) return null;
  return best;
}
