// A synthetic record of any size, written in SQL into a migrated database (SQLite or PostgreSQL), for the
// query benchmarks: not a test. Its vocabulary is the project's own data: the conflict countries' towns and
// regions from the gazetteer, the actors (names and aliases) said to act there, the claimants who report
// there. Each incident is one to three reports' events (60 / 30 / 10 %) of the same strike or clash, each
// report by another claimant, with its claims, actors, sources and places, the incident row and its members,
// as ingest leaves them; 1 % of events are weekly period totals (never incidents), one incident in 2,000 is
// undated. Dates run over 2011-2024. The rows are made by the database (generate_series on PostgreSQL, a
// recursive CTE on SQLite) from random draws, so ten million events take minutes, not hours.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (p) => JSON.parse(readFileSync(join(root, p), 'utf8'));

/** Where events happen, and how often (percent, roughly the last decade's share of reported violence). */
const COUNTRIES = { SY: 22, UA: 14, IQ: 8, AF: 8, YE: 8, SD: 5, MM: 5, NG: 5, SO: 4, ML: 3, BF: 3, PS: 3, CD: 3, LB: 2, LY: 2, ET: 2, PK: 2, MX: 2, CO: 1, NE: 1, CM: 1, IL: 1 };
const TYPES = [
  ['Battles', 'Armed clash', 'unknown'],
  ['Battles', 'Armed clash', 'unknown'],
  ['Explosions/Remote violence', 'Air/drone strike', 'civilians'],
  ['Explosions/Remote violence', 'Shelling/artillery/missile attack', 'civilians'],
  ['Explosions/Remote violence', 'Shelling/artillery/missile attack', 'unknown'],
  ['Violence against civilians', 'Attack', 'civilians'],
  ['Explosions/Remote violence', 'Remote explosive/landmine/IED', 'unknown'],
  ['Battles', 'Government regains territory', 'unknown'],
];
const OUTLETS = ['Reuters', 'Agence France-Presse', 'Associated Press', 'Al Jazeera', 'BBC News', 'Kyiv Independent', 'The New Humanitarian', 'Anadolu Agency', 'Xinhua', 'Radio Dabanga'];
const PLACES_PER_COUNTRY = 400;
const DAYS = 5113; // 2011-01-01 .. 2024-12-31

/** The vocabulary, with the ids and keys the store gives these names (report-rows.ts), by country. */
export async function vocabulary() {
  const { slug, sourceId, actorId, placeId } = await import(pathToFileURL(join(root, 'dist', 'store', 'report-rows.js')).href);
  const countryName = new Map(readJson('data/gazetteer/countries.generated.json').countries.map((c) => [c.cc, c.name]));
  const towns = readJson('data/gazetteer/places.generated.json');
  const actors = readJson('data/actors/actors.json').actors;
  const claimants = readJson('data/actors/claimants.json').claimants;
  const victims = actors.filter((a) => a.type === 'civilians');
  const countries = [];
  let lo = 0;
  for (const [cc, weight] of Object.entries(COUNTRIES)) {
    const name = countryName.get(cc);
    // Towns with their region where the gazetteer knows it (it knows none in the Palestinian territories).
    const all = towns.cc.map((c, i) => (c === cc ? i : -1)).filter((i) => i >= 0);
    const withRegion = all.filter((i) => towns.admin1[i]);
    const idx = withRegion.length ? withRegion : all;
    idx.sort((a, b) => towns.population[b] - towns.population[a]);
    const places = idx.slice(0, PLACES_PER_COUNTRY).map((i) => ({ name: towns.name[i], admin1: towns.admin1[i] ?? null, lat: towns.lat[i], lon: towns.lon[i] }));
    // Who acts there, by the name the store would hold: the actor's name, and its commonest aliases.
    const acting = actors.filter((a) => a.countries?.includes(cc) && a.type !== 'civilians' && a.type !== 'political');
    const names = acting.flatMap((a) => [a.name, ...a.aliases.filter((x) => x !== a.name && x.length > 3).slice(0, 2)].map((n) => ({ name: n, bloc: a.bloc })));
    const reporting = claimants.filter((c) => !c.countries?.length || c.countries.includes(cc));
    countries.push({
      cc, name, key: name.toLowerCase(), lo, hi: lo + weight - 1,
      places: places.map((p) => ({ ...p, id: placeId(name, p.admin1, p.name), key: p.name.toLowerCase(), admin1Key: p.admin1?.toLowerCase() ?? null })),
      actors: names.map((a) => ({ ...a, id: actorId(a.name), key: a.name.toLowerCase() })),
      claimants: reporting.map((c) => ({ name: c.name, kind: c.kind, id: sourceId('claimant', c.name), key: c.name.toLowerCase() })),
    });
    lo += weight;
  }
  return {
    countries,
    weight: lo,
    victims: victims.map((a) => ({ name: a.name, bloc: a.bloc, id: actorId(a.name), key: a.name.toLowerCase() })),
    outlets: OUTLETS.map((name) => ({ name, id: sourceId('outlet', name), key: name.toLowerCase() })),
    slug,
  };
}

/** What differs between the two databases in the statements below. */
function dialect(name) {
  return name === 'postgres'
    ? {
        series: (lo, hi) => `(select g from generate_series(${lo}, ${hi}) g) s`,
        rnd: (n) => `floor(random() * ${n})::int`,
        day: (d) => `(date '2011-01-01' + ${d})::text`,
        pad: (x) => `lpad((${x})::text, 9, '0')`,
      }
    : {
        series: (lo, hi) => `(with recursive r(g) as (select ${lo} union all select g + 1 from r where g < ${hi}) select g from r) s`,
        rnd: (n) => `(abs(random()) % ${n})`,
        day: (d) => `date('2011-01-01', '+' || (${d}) || ' days')`,
        pad: (x) => `substr('000000000' || (${x}), -9)`,
      };
}

/**
 * Fills a migrated, empty record with about `events` events. `run(sql, params?)` executes one statement on one
 * connection (temporary tables live there). `progress(done)` is told the events written so far.
 */
export async function fillRecord(dialectName, run, events, progress = () => {}) {
  const v = await vocabulary();
  const d = dialect(dialectName);
  const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
  const rows = (xs) => xs.map((r) => `(${r.map((x) => (x === null ? 'null' : typeof x === 'number' ? String(x) : q(x))).join(', ')})`).join(',\n');
  const temp = dialectName === 'postgres' ? 'temporary' : 'temp';
  const insertTemp = async (table, cols, xs) => {
    await run(`create ${temp} table ${table} (${cols})`);
    for (let i = 0; i < xs.length; i += 500) await run(`insert into ${table} values ${rows(xs.slice(i, i + 500))}`);
  };

  await insertTemp('gen_country', 'ci integer, name text, key text, lo integer, hi integer, nplace integer, nactor integer, nclaim integer',
    v.countries.map((c, ci) => [ci, c.name, c.key, c.lo, c.hi, c.places.length, c.actors.length, c.claimants.length]));
  await insertTemp('gen_place', 'ci integer, pi integer, id text, name text, key text, admin1 text, admin1_key text, lat double precision, lon double precision',
    v.countries.flatMap((c, ci) => c.places.map((p, pi) => [ci, pi, p.id, p.name, p.key, p.admin1, p.admin1Key, p.lat, p.lon])));
  const actorJson = (a, role) => JSON.stringify({ name: a.name, bloc: a.bloc, role });
  await insertTemp('gen_actor', 'ci integer, ai integer, id text, name text, key text, bloc text, json text',
    v.countries.flatMap((c, ci) => c.actors.map((a, ai) => [ci, ai, a.id, a.name, a.key, a.bloc, actorJson(a, 'perpetrator')])));
  await insertTemp('gen_victim', 'vi integer, id text, name text, key text, bloc text, json text', v.victims.map((a, vi) => [vi, a.id, a.name, a.key, a.bloc, actorJson(a, 'victim')]));
  await insertTemp('gen_claimant', 'ci integer, k integer, id text, name text, key text, kind text, json text',
    v.countries.flatMap((c, ci) => c.claimants.map((x, k) => [ci, k, x.id, x.name, x.key, x.kind, JSON.stringify(x.name)])));
  await insertTemp('gen_type', 'ti integer, type text, sub_type text, grp text', TYPES.map((t, ti) => [ti, ...t]));
  await insertTemp('gen_outlet', 'oi integer, id text, name text, key text', v.outlets.map((o, oi) => [oi, o.id, o.name, o.key]));
  await insertTemp('gen_member', 's integer', [[1], [2], [3]]);

  // The shared rows, once each (an alias named in two countries is one actor).
  const hasKey = await sourcesHaveKey(run, dialectName);
  const srcCols = hasKey ? 'id, name, key, role, kind, bloc' : 'id, name, role, kind, bloc';
  await run(`insert into sources (${srcCols}) select id, min(name), ${hasKey ? 'min(key), ' : ''}'claimant', min(kind), null from gen_claimant group by id`);
  await run(`insert into sources (${srcCols}) select id, name, ${hasKey ? 'key, ' : ''}'outlet', 'outlet', null from gen_outlet`);
  await run(`insert into actors (id, name, key, bloc, type) select id, min(name), min(key), min(bloc), null from (select id, name, key, bloc from gen_actor union all select id, name, key, bloc from gen_victim) a group by id`);
  await run(`insert into places (id, name, key, admin1, country, lat, lon, precision)
    select p.id, min(p.name), min(p.key), min(p.admin1), min(c.name), min(p.lat), min(p.lon), 'exact' from gen_place p join gen_country c on c.ci = p.ci group by p.id`);

  const incidents = Math.max(1, Math.round((events * 0.99) / 1.5));
  const totals = Math.round(events * 0.01);
  const CHUNK = 200_000;
  let written = 0;
  // Draws are stored before they are used: a random() read twice in one statement could differ.
  await run(`create ${temp} table gen_draw (g integer, rc integer, pr integer, ar integer, vr integer, ti integer, day integer, fr integer, fx integer, cr integer, oi integer)`);
  await run(`create ${temp} table gen_incident (g integer, ci integer, pr integer, ar integer, vr integer, ti integer, day integer, k integer, base integer, spread integer, cr integer, oi integer, undated integer)`);
  for (let lo = 1; lo <= incidents; lo += CHUNK) {
    const hi = Math.min(incidents, lo + CHUNK - 1);
    await run('delete from gen_draw');
    await run('delete from gen_incident');
    await run(`insert into gen_draw select g, ${d.rnd(v.weight)}, ${d.rnd(1_000_000)}, ${d.rnd(1_000_000)}, case when ${d.rnd(10)} < 4 then ${d.rnd(v.victims.length)} else -1 end,
      ${d.rnd(TYPES.length)}, ${d.rnd(DAYS)}, ${d.rnd(100)}, ${d.rnd(1000)}, ${d.rnd(1_000_000)}, ${d.rnd(OUTLETS.length)} from ${d.series(lo, hi)}`);
    await run(`insert into gen_incident
      select r.g, c.ci, r.pr, r.ar, r.vr, r.ti, r.day, case when r.g % 10 < 6 then 1 when r.g % 10 < 9 then 2 else 3 end, ${baseExpr('r')}, r.g % 3, r.cr, r.oi,
        case when r.g % 2000 = 0 then 1 else 0 end
      from gen_draw r join gen_country c on r.rc between c.lo and c.hi`);
    await writeChunk(run, d);
    written += Number((await run(`select coalesce(sum(k), 0) as n from gen_incident`))[0].n);
    progress(written);
  }
  for (let lo = 1; lo <= totals; lo += CHUNK) {
    const hi = Math.min(totals, lo + CHUNK - 1);
    await writeTotals(run, d, lo, hi, v);
    written += hi - lo + 1;
    progress(written);
  }
  await run(`insert into actor_month_totals (actor, month, events, fatalities)
    select coalesce(perpetrator_actor, ''), coalesce(month, ''), count(*), coalesce(sum(case when scope = 'cumulative-toll' then 0 else fatalities_best end), 0) from events group by 1, 2`);
  for (const t of ['gen_draw', 'gen_incident', 'gen_country', 'gen_place', 'gen_actor', 'gen_victim', 'gen_claimant', 'gen_type', 'gen_outlet', 'gen_member']) await run(`drop table ${t}`);
  return written;
}

/** Deaths per incident: none in 40 %, a few in most of the rest, a massacre now and then. */
function baseExpr(r) {
  return `case when ${r}.fr < 40 then 0 when ${r}.fr < 70 then 1 + ${r}.fx % 3 when ${r}.fr < 90 then 3 + ${r}.fx % 10 when ${r}.fr < 98 then 10 + ${r}.fx % 40 else 50 + ${r}.fx % 250 end`;
}

async function sourcesHaveKey(run, dialectName) {
  const cols = dialectName === 'postgres'
    ? await run(`select column_name as name from information_schema.columns where table_name = 'sources'`)
    : await run(`select name from pragma_table_info('sources')`);
  return cols.some((c) => c.name === 'key');
}

/** One chunk of incidents (gen_incident) as reports, events, claims, actors' roles, incidents and memberships. */
async function writeChunk(run, d) {
  // Each member's row: the incident's draws, its own claimant and outlet, its deaths.
  const member = `
    from gen_incident i
    join gen_member m on m.s <= i.k
    join gen_country c on c.ci = i.ci
    join gen_place p on p.ci = i.ci and p.pi = i.pr % c.nplace
    join gen_actor a on a.ci = i.ci and a.ai = i.ar % c.nactor
    left join gen_victim v on v.vi = i.vr
    join gen_claimant cl on cl.ci = i.ci and cl.k = (i.cr + (m.s - 1) * 7) % c.nclaim
    join gen_type t on t.ti = i.ti
    join gen_outlet o on o.oi = (i.oi + m.s) % 10`;
  const id = `'syn-' || ${d.pad('i.g')} || '-' || m.s`;
  const day = `case when i.undated = 1 then null else ${d.day(`i.day + case when m.s = 3 and i.g % 4 = 0 then 1 else 0 end`)} end`;
  const dead = `(i.base + (m.s - 1) * i.spread)`;
  const fatalities = `'[{"group":"' || t.grp || '","low":' || ${dead} || ',"best":' || ${dead} || ',"high":' || ${dead} || ',"kind":"exact"}]'`;
  await run(`insert into reports (id, hash, text, title, publisher, publisher_id, published, language, ingested_at, origin_path, origin_line, origin_id, summary)
    select 'r' || ${id}, 'h' || ${id}, 'Synthetic report of ' || ${dead} || ' killed in ' || p.name || '.', null, o.name, o.id, ${day}, 'en', '2025-01-01T00:00:00Z', null, null, null, null ${member}`);
  await run(`insert into claims (id, report_id, claimant, claimant_id, claimant_kind, publisher, scope, measure, fatalities, fatalities_best, date_start, date_end, date_precision, weapon, span_start, span_end, sentence, rule)
    select ${id} || '-c1', 'r' || ${id}, cl.name, cl.id, cl.kind, o.name, 'incident', 'killed', ${fatalities}, ${dead}, ${day}, ${day}, case when i.undated = 1 then null else 'day' end, null, 0, 20,
      'Synthetic report of ' || ${dead} || ' killed in ' || p.name || '.', 'bench:synthetic' ${member}`);
  await run(`insert into events (id, report_id, origin, external_id, type, sub_type, date_start, date_end, date_precision, month, country, country_key, admin1, admin1_key, admin2,
      location, place_id, lat, lon, geo_precision, weapon, fatalities_best, fatalities, perpetrator_actor, perpetrator_actor_id, perpetrator_bloc, actors, scope, sentence, span_start, span_end, source, notes)
    select ${id}, 'r' || ${id}, 'extracted', null, t.type, t.sub_type, ${day}, ${day}, case when i.undated = 1 then null else 'day' end, substr(${day}, 1, 7), c.name, c.key, p.admin1, p.admin1_key, null,
      p.name, p.id, p.lat, p.lon, 'exact', null, ${dead}, ${fatalities}, a.name, a.id, a.bloc, '[' || a.json || coalesce(',' || v.json, '') || ']', 'incident',
      'Synthetic report of ' || ${dead} || ' killed in ' || p.name || '.', 0, 20, o.name, null ${member}`);
  await run(`insert into event_claims (event_id, claim_id, role, claimant_id) select ${id}, ${id} || '-c1', 'basis', cl.id ${member}`);
  await run(`insert into event_actors (event_id, actor_id, role) select ${id}, a.id, 'perpetrator' ${member}`);
  await run(`insert into event_actors (event_id, actor_id, role) select ${id}, v.id, 'victim' ${member} where v.id is not null`);
  await run(`insert into incident_events (event_id, incident_id) select ${id}, 'i:syn-' || ${d.pad('i.g')} || '-1' ${member}`);
  // The incident: one row of its first member, its claimants gathered from all; low / best / high over the members' figures.
  const claimant = (s) => `(select cl.json from gen_claimant cl where cl.ci = i.ci and cl.k = (i.cr + ${(s - 1) * 7}) % c.nclaim)`;
  const low = 'i.base';
  const high = '(i.base + (i.k - 1) * i.spread)';
  const best = '(i.base + ((i.k - 1) / 2) * i.spread)';
  await run(`insert into incidents (id, anchor_event, created_at, date_start, date_end, date_precision, country, country_key, admin1, admin1_key, location, lat, lon, geo_precision,
      type, sub_type, weapon, perpetrator_actor, perpetrator_bloc, status, deaths_low, deaths_best, deaths_high, deaths_vague, groups, claimants, actors, events, reports)
    select 'i:' || ${id}, ${id}, '2025-01-01T00:00:00Z', ${day}, case when i.undated = 1 then null else ${d.day(`i.day + case when i.k = 3 and i.g % 4 = 0 then 1 else 0 end`)} end,
      case when i.undated = 1 then null else 'day' end, c.name, c.key, p.admin1, p.admin1_key, p.name, p.lat, p.lon, 'exact',
      t.type, t.sub_type, null, a.name, a.bloc, case when i.k = 1 then 'single-source' when i.k = 3 and i.spread = 2 then 'contested' else 'corroborated' end,
      ${low}, ${best}, ${high}, 0, '[{"group":"' || t.grp || '","low":' || ${low} || ',"best":' || ${best} || ',"high":' || ${high} || ',"vague":false}]',
      '[' || ${claimant(1)} || case when i.k >= 2 then ',' || ${claimant(2)} else '' end || case when i.k >= 3 then ',' || ${claimant(3)} else '' end || ']',
      '[' || a.json || coalesce(',' || v.json, '') || ']', i.k, i.k
    ${member} where m.s = 1`);
}

/** Weekly period totals ("at least 40 killed in Aleppo this week"): claims over a span, never incidents. */
async function writeTotals(run, d, lo, hi, v) {
  await run('delete from gen_draw');
  await run(`insert into gen_draw (g, rc, pr, cr, day, fr) select g, ${d.rnd(v.weight)}, ${d.rnd(1_000_000)}, ${d.rnd(1_000_000)}, ${d.rnd(DAYS - 7)}, 10 + ${d.rnd(200)} from ${d.series(lo, hi)}`);
  const id = `'syn-t' || ${d.pad('r.g')}`;
  const from = d.day('r.day');
  const to = d.day('r.day + 6');
  const fatalities = `'[{"group":"civilians","low":' || r.fr || ',"best":' || r.fr || ',"high":' || r.fr || ',"kind":"exact"}]'`;
  const draws = `from gen_draw r
    join gen_country c on r.rc between c.lo and c.hi
    join gen_place p on p.ci = c.ci and p.pi = r.pr % c.nplace
    join gen_claimant cl on cl.ci = c.ci and cl.k = r.cr % c.nclaim`;
  await run(`insert into reports (id, hash, text, title, publisher, publisher_id, published, language, ingested_at, origin_path, origin_line, origin_id, summary)
    select 'r' || ${id}, 'h' || ${id}, 'Synthetic weekly toll for ' || coalesce(p.admin1, c.name) || '.', null, null, null, ${to}, 'en', '2025-01-01T00:00:00Z', null, null, null, null ${draws}`);
  await run(`insert into claims (id, report_id, claimant, claimant_id, claimant_kind, publisher, scope, measure, fatalities, fatalities_best, date_start, date_end, date_precision, weapon, span_start, span_end, sentence, rule)
    select ${id} || '-c1', 'r' || ${id}, cl.name, cl.id, cl.kind, null, 'period-total', 'killed', ${fatalities}, r.fr, ${from}, ${to}, 'range', null, 0, 20, 'Synthetic weekly toll.', 'bench:synthetic' ${draws}`);
  await run(`insert into events (id, report_id, origin, external_id, type, sub_type, date_start, date_end, date_precision, month, country, country_key, admin1, admin1_key, admin2,
      location, place_id, lat, lon, geo_precision, weapon, fatalities_best, fatalities, perpetrator_actor, perpetrator_actor_id, perpetrator_bloc, actors, scope, sentence, span_start, span_end, source, notes)
    select ${id}, 'r' || ${id}, 'extracted', null, 'Violence against civilians', 'Attack', ${from}, ${to}, 'range', substr(${from}, 1, 7), c.name, c.key, p.admin1, p.admin1_key, null,
      null, null, null, null, 'region', null, r.fr, ${fatalities}, null, null, null, '[]', 'period-total', 'Synthetic weekly toll.', 0, 20, null, null ${draws}`);
  await run(`insert into event_claims (event_id, claim_id, role, claimant_id) select ${id}, ${id} || '-c1', 'basis', cl.id ${draws}`);
}
