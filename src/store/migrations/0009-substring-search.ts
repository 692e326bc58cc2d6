// Substring filters (place, actor, claimant) read an index of trigrams instead of every name: on SQLite an FTS5
// table per vocabulary table (trigram tokenizer, case-sensitive over the lower-case key as stored, so it folds
// nothing the filter would not), kept in step with its table by triggers; on PostgreSQL a GIN index of pg_trgm
// on the key. Sources gain the lower-case key actors and places have, so the claimant filter compares what
// JavaScript lower-cased on both databases (SQLite's lower() folds ASCII only, PostgreSQL's every letter).
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';
import { SEARCHED_TABLES, searchTable } from '../substring-filters.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sources').addColumn('key', 'text').execute();
  const sources = await db.selectFrom('sources').select(['id', 'name']).execute();
  for (const s of sources) await db.updateTable('sources').set({ key: String(s.name).toLowerCase() }).where('id', '=', s.id).execute();

  if (dialectOf(db) === 'postgres') {
    try {
      await sql`create extension if not exists pg_trgm`.execute(db);
    } catch (e) {
      throw new Error(`the substring filters need PostgreSQL's pg_trgm extension, which this user may not create (${(e as Error).message}): run "create extension pg_trgm" in this database as its owner or a superuser, then any command again`);
    }
    for (const t of SEARCHED_TABLES) await sql.raw(`create index ${t}_key_trigrams on ${t} using gin (key gin_trgm_ops)`).execute(db);
    return;
  }
  for (const t of SEARCHED_TABLES) {
    const s = searchTable(t);
    await sql.raw(`create virtual table ${s} using fts5(id unindexed, key, tokenize = 'trigram case_sensitive 1')`).execute(db);
    await sql.raw(`insert into ${s} (id, key) select id, key from ${t}`).execute(db);
    await sql.raw(`create trigger ${s}_insert after insert on ${t} begin insert into ${s} (id, key) values (new.id, new.key); end`).execute(db);
    await sql.raw(`create trigger ${s}_update after update of id, key on ${t} begin update ${s} set id = new.id, key = new.key where id = old.id; end`).execute(db);
    await sql.raw(`create trigger ${s}_delete after delete on ${t} begin delete from ${s} where id = old.id; end`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    for (const t of SEARCHED_TABLES) await sql.raw(`drop index ${t}_key_trigrams`).execute(db);
  } else {
    for (const t of SEARCHED_TABLES) {
      const s = searchTable(t);
      for (const when of ['insert', 'update', 'delete']) await sql.raw(`drop trigger ${s}_${when}`).execute(db);
      await sql.raw(`drop table ${s}`).execute(db);
    }
  }
  await db.schema.alterTable('sources').dropColumn('key').execute();
}
