// A report's extraction as table rows: pure, so what is stored can be checked without a database.
import { createHash } from 'node:crypto';
import type { Claim, ConflictEvent, Fatalities } from '../domain/types.js';
import type { AcledCodingsTable, ActorsTable, ClaimsTable, DatasetColumnsTable, EventActorsTable, EventClaimsTable, EventsTable, PlacesTable, ReportsTable, SourcesTable } from './schema.js';
import type { DatasetEvent, ReportInput } from './store.js';

/** The identity of a report: sha256 of its normalized text, hex. */
export function textHash(normalized: string): string {
  return createHash('sha256').update(normalized, 'utf8').digest('hex');
}

/** 64 bits of the hash: short enough to type, with no collision in sight below billions of reports. */
export function reportIdFor(hash: string): string {
  return `r${hash.slice(0, 16)}`;
}

export function slug(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'x'
  );
}

export const sourceId = (role: string, name: string) => `${role}:${slug(name)}`;
export const actorId = (name: string) => slug(name);
export const placeId = (country: string | null, admin1: string | null, name: string) => slug([country ?? '', admin1 ?? '', name].join(' '));

/** Best, else low, summed over groups: the figure queries sort and filter on. */
export function fatalitiesBest(fs: Fatalities[]): number | null {
  let any = false;
  let n = 0;
  for (const f of fs) {
    // "many", "heavy losses": a vague word has no count to add, only a range the reconciler keeps.
    const v = f.kind === 'vague' || f.kind === 'unknown' ? null : (f.best ?? f.low);
    if (v !== null && v !== undefined) {
      any = true;
      n += v;
    }
  }
  return any ? n : null;
}

export interface ReportRows {
  report: ReportsTable;
  sources: SourcesTable[];
  claims: ClaimsTable[];
  actors: ActorsTable[];
  places: PlacesTable[];
  events: EventsTable[];
  eventActors: EventActorsTable[];
  eventClaims: EventClaimsTable[];
}

export const key = (s: string | null | undefined) => (s ? s.toLowerCase() : null);

function uniqueBy<T>(xs: T[], id: (x: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const x of xs) if (!seen.has(id(x))) seen.set(id(x), x);
  return [...seen.values()];
}

export function reportRows(input: ReportInput, ingestedAt: string): ReportRows {
  const hash = textHash(input.text);
  const reportId = reportIdFor(hash);
  const { meta, extraction } = input;
  const sources: SourcesTable[] = [];
  const publisherId = meta.source ? sourceId('outlet', meta.source) : null;
  if (meta.source) sources.push({ id: publisherId!, name: meta.source, key: meta.source.toLowerCase(), role: 'outlet', kind: 'outlet', bloc: null });

  const claimIds = new Map<string, string>();
  const claimantOf = new Map<string, string>();
  const claims = extraction.claims.map((c: Claim): ClaimsTable => {
    const id = `${reportId}-${c.id}`;
    claimIds.set(c.id, id);
    const cid = sourceId('claimant', c.claimant);
    claimantOf.set(id, cid);
    sources.push({ id: cid, name: c.claimant, key: c.claimant.toLowerCase(), role: 'claimant', kind: c.claimant_kind, bloc: c.claimant_bloc ?? null });
    return {
      id,
      report_id: reportId,
      claimant: c.claimant,
      claimant_id: cid,
      claimant_kind: c.claimant_kind,
      publisher: c.publisher ?? meta.source,
      scope: c.scope,
      measure: c.measure,
      fatalities: JSON.stringify(c.fatalities),
      fatalities_best: fatalitiesBest(c.fatalities),
      date_start: c.date?.start ?? null,
      date_end: c.date?.end ?? null,
      date_precision: c.date?.precision ?? null,
      weapon: c.weapon,
      span_start: c.span.start,
      span_end: c.span.end,
      sentence: c.sentence,
      rule: c.rule,
    };
  });

  const actors: ActorsTable[] = [];
  const places: PlacesTable[] = [];
  const eventActors: EventActorsTable[] = [];
  const eventClaims: EventClaimsTable[] = [];
  const events = extraction.events.map((e: ConflictEvent): EventsTable => {
    const id = `${reportId}-${e.id}`;
    for (const a of e.actors) {
      actors.push({ id: actorId(a.name), name: a.name, key: a.name.toLowerCase(), bloc: a.bloc, type: null });
      eventActors.push({ event_id: id, actor_id: actorId(a.name), role: a.role });
    }
    const perpetrator = e.actors.find((a) => a.role === 'perpetrator') ?? null;
    const loc = e.location;
    const pid = loc ? placeId(loc.country, loc.admin1, loc.name) : null;
    if (loc) places.push({ id: pid!, name: loc.name, key: loc.name.toLowerCase(), admin1: loc.admin1, country: loc.country, lat: loc.lat, lon: loc.lon, precision: loc.precision });
    for (const c of e.claims) {
      const claimId = claimIds.get(c);
      // An event naming a claim the report does not hold would break the link table; such a link is dropped.
      if (claimId) eventClaims.push({ event_id: id, claim_id: claimId, claimant_id: claimantOf.get(claimId)!, role: 'basis' });
    }
    return {
      id,
      report_id: reportId,
      origin: 'extracted',
      external_id: null,
      type: e.type,
      sub_type: e.sub_type,
      date_start: e.date?.start ?? null,
      date_end: e.date?.end ?? null,
      date_precision: e.date?.precision ?? null,
      month: e.date?.start.slice(0, 7) ?? null,
      country: loc?.country ?? null,
      country_key: key(loc?.country),
      admin1: loc?.admin1 ?? null,
      admin1_key: key(loc?.admin1),
      admin2: null,
      location: loc?.name ?? null,
      place_id: pid,
      lat: loc?.lat ?? null,
      lon: loc?.lon ?? null,
      geo_precision: loc?.precision ?? null,
      weapon: e.weapon,
      fatalities_best: fatalitiesBest(e.fatalities) ?? 0,
      fatalities: JSON.stringify(e.fatalities),
      perpetrator_actor: perpetrator?.name ?? null,
      perpetrator_actor_id: perpetrator ? actorId(perpetrator.name) : null,
      perpetrator_bloc: perpetrator?.bloc ?? null,
      actors: JSON.stringify(e.actors),
      scope: e.scope,
      sentence: e.sentence,
      span_start: e.span.start,
      span_end: e.span.end,
      source: meta.source,
      notes: null,
    };
  });

  const report: ReportsTable = {
    id: reportId,
    hash,
    text: input.text,
    title: meta.title,
    publisher: meta.source,
    publisher_id: publisherId,
    published: meta.published,
    language: input.language ?? 'en',
    ingested_at: ingestedAt,
    origin_path: input.origin?.path ?? null,
    origin_line: input.origin?.line ?? null,
    origin_id: input.origin?.id ?? null,
    summary: JSON.stringify(extraction.summary),
  };
  return {
    report,
    sources: uniqueBy(sources, (s) => s.id),
    claims,
    actors: uniqueBy(actors, (a) => a.id),
    places: uniqueBy(places, (p) => p.id),
    events,
    eventActors: uniqueBy(eventActors, (x) => `${x.event_id}\u0000${x.actor_id}\u0000${x.role}`),
    eventClaims: uniqueBy(eventClaims, (x) => `${x.event_id}\u0000${x.claim_id}`),
  };
}

export interface DatasetRows {
  sources: SourcesTable[];
  actors: ActorsTable[];
  places: PlacesTable[];
  event: EventsTable;
  eventActors: EventActorsTable[];
  claim: ClaimsTable;
  eventClaim: EventClaimsTable;
  coding: AcledCodingsTable | null;
  columns: DatasetColumnsTable;
}

const DATASET_NAMES: Record<DatasetEvent['dataset'], string> = { acled: 'ACLED', ucdp: 'UCDP' };

/** A dataset's event as rows. Its source becomes the claimant of one claim, so `show` and `--claimant` treat it like any other. */
export function datasetRows(a: DatasetEvent): DatasetRows {
  const name = DATASET_NAMES[a.dataset];
  const sources: SourcesTable[] = [{ id: `dataset:${a.dataset}`, name, key: name.toLowerCase(), role: 'dataset', kind: a.dataset, bloc: null }];
  const claimant = a.source ?? name;
  const claimantId = sourceId('claimant', claimant);
  sources.push({ id: claimantId, name: claimant, key: claimant.toLowerCase(), role: 'claimant', kind: 'unknown', bloc: null });
  const actors: ActorsTable[] = a.actors.map((x) => ({ id: actorId(x.name), name: x.name, key: x.name.toLowerCase(), bloc: x.bloc === 'unknown' ? null : x.bloc, type: x.type }));
  const eventActors: EventActorsTable[] = a.actors.map((x) => ({ event_id: a.id, actor_id: actorId(x.name), role: x.role }));
  const pid = a.location ? placeId(a.country, a.admin1, a.location) : null;
  const places: PlacesTable[] = a.location
    ? [{ id: pid!, name: a.location, key: a.location.toLowerCase(), admin1: a.admin1, country: a.country, lat: a.lat, lon: a.lon, precision: a.geo_precision }]
    : [];
  const fatalities = JSON.stringify(a.fatalities);
  const best = fatalitiesBest(a.fatalities) ?? 0;
  const perpetrator = a.actors.find((x) => x.role === 'perpetrator') ?? null;
  const claimId = `${a.id}-c1`;
  return {
    sources,
    actors: uniqueBy(actors, (x) => x.id),
    places,
    event: {
      id: a.id,
      report_id: null,
      origin: a.dataset,
      external_id: a.external_id,
      type: a.type,
      sub_type: a.sub_type,
      date_start: a.date_start,
      date_end: a.date_end,
      date_precision: a.date_precision,
      month: a.date_start.slice(0, 7),
      country: a.country,
      country_key: key(a.country),
      admin1: a.admin1,
      admin1_key: key(a.admin1),
      admin2: a.admin2,
      location: a.location,
      place_id: pid,
      lat: a.lat,
      lon: a.lon,
      geo_precision: a.geo_precision,
      weapon: null,
      fatalities_best: best,
      fatalities,
      perpetrator_actor: perpetrator?.name ?? null,
      perpetrator_actor_id: perpetrator ? actorId(perpetrator.name) : null,
      perpetrator_bloc: null,
      actors: JSON.stringify(a.actors.map((x) => ({ name: x.name, bloc: x.bloc, role: x.role }))),
      scope: 'incident',
      sentence: a.notes,
      span_start: null,
      span_end: null,
      source: a.source,
      notes: a.notes,
    },
    eventActors: uniqueBy(eventActors, (x) => `${x.actor_id}\u0000${x.role}`),
    claim: {
      id: claimId,
      report_id: null,
      claimant,
      claimant_id: claimantId,
      claimant_kind: 'unknown',
      publisher: name,
      scope: 'incident',
      measure: 'killed',
      fatalities,
      fatalities_best: best,
      date_start: a.date_start,
      date_end: a.date_end,
      date_precision: a.date_precision,
      weapon: null,
      span_start: null,
      span_end: null,
      sentence: a.notes,
      rule: `${a.dataset}:import`,
    },
    eventClaim: { event_id: a.id, claim_id: claimId, claimant_id: claimantId, role: 'basis' },
    coding: a.acled ? { event_id: a.id, ...a.acled } : null,
    columns: { event_id: a.id, dataset: a.dataset, columns: JSON.stringify(a.columns) },
  };
}
