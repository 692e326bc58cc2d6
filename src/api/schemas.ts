// The API's inputs, defined once: the routes validate with them and the OpenAPI description is generated from them;
// and the shapes of the answers the description documents (a test checks the routes' answers against them).
import { z } from 'zod';
import { hasControl } from '../domain/input-rules.js';
import type { PageCursor } from '../store/store.js';
import { ROLES } from './record.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const isoDate = z
  .string()
  .regex(DATE, 'expected a date YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().slice(0, 10) === v, 'not a real calendar date');

/** A whole number from a query string: "abc" is an error for people, not NaN. */
const whole = () => z.coerce.number({ error: (i) => (i.code === 'invalid_type' ? 'expected a whole number' : undefined) }).int('expected a whole number');

// Control characters (NUL among them) are refused at the API with a 400, as every door's rules refuse or remove
// them (src/domain/input-rules.ts): PostgreSQL cannot hold NUL, and the two databases must answer alike.
const NO_CONTROL = 'must not hold control characters (NUL, escape, ...) or lone UTF-16 surrogates; tabs and line ends are fine';
const plain = () => z.string().refine((s) => !hasControl(s), NO_CONTROL);
const text = (max: number) => plain().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

/** The filters of the CLI's `events` command, as query parameters (snake_case). */
export const eventFilterShape = {
  from: isoDate.optional().describe('events on or after this date'),
  to: isoDate.optional().describe('events on or before this date'),
  country: text(200).optional().describe('country, exact (case-insensitive), e.g. Syria'),
  admin1: text(200).optional().describe('first-level region, exact (case-insensitive), e.g. Aleppo'),
  place: text(200).optional().describe('place name containing this text'),
  bloc: text(100).optional().describe('perpetrator bloc, e.g. pro-government, islamic-state'),
  actor: text(200).optional().describe('an actor whose name contains this text'),
  type: text(200).optional().describe('ACLED event type or sub-type, exact (case-insensitive)'),
  claimant: text(200).optional().describe('a claimant (or ACLED source) whose name contains this text'),
  min_fatalities: whole().min(0).optional().describe('at least this many fatalities'),
  origin: z.enum(['extracted', 'acled', 'ucdp']).optional().describe('extracted (from reports), acled or ucdp (imported)'),
  verified: z.enum(['true', 'false']).optional().describe('true: only incidents an analyst has verified (rejected ones are always left out)'),
};

const page = (max: number, dflt: number) => ({
  limit: whole().min(1).max(max).default(dflt).describe(`page size, at most ${max}`),
  offset: whole().min(0).default(0).describe('rows to skip'),
});

export const INCIDENT_STATUSES = ['single-source', 'corroborated', 'contested', 'no-figures'] as const;

/** Where the next page starts, as the previous page's `next` gave it: the last row's date and id, opaque to callers. */
export const pageCursor = {
  encode: (c: PageCursor): string => Buffer.from(JSON.stringify([c.date, c.id])).toString('base64url'),
  decode(s: string): PageCursor | null {
    try {
      const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
      if (!Array.isArray(v) || v.length !== 2 || typeof v[1] !== 'string' || !(v[0] === null || (typeof v[0] === 'string' && DATE.test(v[0])))) return null;
      return { date: v[0], id: v[1] };
    } catch {
      return null;
    }
  },
};

const cursor = z
  .string()
  .max(1000)
  .optional()
  .transform((s, ctx) => {
    if (s === undefined) return null;
    const c = pageCursor.decode(s);
    if (!c) ctx.addIssue({ code: 'custom', message: "not a cursor this API gave: pass the previous page's next as it is" });
    return c;
  })
  .describe("the previous page's next; leave out for the newest page");

export const eventListQuery = z.strictObject({
  ...eventFilterShape,
  ...page(2000, 100),
  cursor,
  count: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('true: also count every matching event (total); a page alone never counts'),
});

// Incidents are the record's own reconciliation of reports, so an imported dataset's origin does not apply.
const { origin: _origin, ...incidentFilterShape } = eventFilterShape;
export const incidentListQuery = z.strictObject({
  ...incidentFilterShape,
  from: isoDate.optional().describe('incidents starting on or after this date'),
  to: isoDate.optional().describe('incidents starting on or before this date'),
  place: text(200).optional().describe('an incident any of whose reports names a place containing this text'),
  actor: text(200).optional().describe('an incident any of whose reports names an actor containing this text'),
  claimant: text(200).optional().describe('an incident with a claimant whose name contains this text'),
  min_fatalities: whole().min(0).optional().describe("at least this many dead (the incident's best)"),
  status: z.enum(INCIDENT_STATUSES).optional().describe('single-source, corroborated, contested, or no-figures (no report gives deaths)'),
  limit: whole().min(1).max(2000).default(100).describe('page size, at most 2000'),
  cursor,
});
export const eventFilterQuery = z.strictObject(eventFilterShape);
export const tallyQuery = z.strictObject({ ...eventFilterShape, by: z.enum(['bloc', 'admin1', 'country', 'actor', 'month']).default('bloc').describe('what a row is') });
export const recordTallyQuery = z.strictObject({
  ...eventFilterShape,
  by: z.enum(['month', 'admin1', 'country', 'actor', 'bloc', 'type']).default('month').describe('what a row is'),
  limit: whole().min(1).max(5000).default(1000).describe('at most this many rows'),
});
export const controlQuery = z.strictObject({ ...eventFilterShape, at: isoDate.optional().describe('also list the last known holder of each place on this date') });
export const reportListQuery = z.strictObject(page(500, 50));
export const alertsQuery = z.strictObject({ limit: whole().min(1).max(500).default(20).describe('the latest firings, at most this many') });

export const reportInput = z.strictObject({
  text: text(200_000).describe('the report text, as published (at most 200,000 characters)'),
  published: isoDate.nullable().optional().describe('publication date: anchors "on Sunday", "last week"'),
  source: text(200).nullable().optional().describe('the outlet that published it'),
  title: text(500).nullable().optional().describe('the headline'),
  url: z.url({ protocol: /^https?$/, error: 'expected an http or https URL' }).max(2000, 'at most 2000 characters').nullable().optional().describe("the page it was read from: one sighting per outlet and page"),
  field_source: z
    .strictObject({
      name: text(200).describe("the handler's name for the person (sealed at once; never shown except to source handlers)"),
      contact: text(500).nullable().optional(),
      place: text(200).nullable().optional().describe('where the person is'),
      relation: text(200).nullable().optional().describe('how the person knows (witness, medic, relative, ...)'),
      notes: plain().max(4000).nullable().optional(),
    })
    .optional()
    .describe('the person on the ground who sent it: needs a desk started with a field-source key'),
});

export const fieldSourceQuery = z.strictObject({
  reason: text(500).describe('why the identity is needed: kept in the read log with who and when'),
});
export const fieldSourceReadsQuery = z.strictObject({
  number: whole().min(1).optional().describe("one source's reads (the N of \"field source N\")"),
});

export const eventPatch = z
  .strictObject({
    type: text(200).optional(),
    sub_type: text(200).optional(),
    notes: plain().max(10_000).nullable().optional().describe("the analyst's note"),
    date: z
      .strictObject({ start: isoDate, end: isoDate, precision: z.enum(['day', 'week', 'month', 'year', 'range']) })
      .refine((d) => d.start <= d.end, 'start must not be after end')
      .nullable()
      .optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'nothing to change: give at least one of type, sub_type, notes, date');

export const tokenInput = z.strictObject({
  name: text(100).describe('who or what uses it'),
  role: z.enum(ROLES as [string, ...string[]]).describe('viewer reads; analyst also submits reports and edits events; admin also manages tokens'),
  source_handler: z.boolean().optional().describe("may read field sources' identities (no role implies it, admin included)"),
  expires_in_days: z.number().int().min(1).max(3650).optional().describe('refused after this many days (default: until revoked)'),
});

const count = (what: string) => z.number().int().min(0).describe(what);
const maybeCount = z.number().int().min(0).nullable();

/** One row of /api/tallies: src/reconcile/tally.ts's TallyLine. */
export const tallyRow = z.strictObject({
  key: z.string().describe('the bloc of the dead, region, country, perpetrator or month (YYYY-MM)'),
  low: count('sum of the incidents\' lows'),
  best: count('sum of the incidents\' bests; low <= best <= high'),
  high: count('sum of the incidents\' highs (an open high adds its best)'),
  incidents: count('incidents in the row'),
  vague: count('incidents in the row with only vague words for a figure ("dozens killed"): their low is counted as best'),
  claimants: count('distinct claimants behind the row'),
  claims: z.array(z.string()).describe('the claims whose figures make the row'),
});

export const tallyResponse = z.strictObject({
  by: z.enum(['bloc', 'admin1', 'country', 'actor', 'month']),
  incidents: count('incidents reconciled for the filter'),
  rows: z.array(tallyRow),
  periodTotals: z
    .array(
      z.strictObject({
        claim: z.string(),
        claimant: z.string(),
        sentence: z.string(),
        group: z.string(),
        period: z.strictObject({ start: z.string(), end: z.string() }),
        place: z.string(),
        stated: z.strictObject({ low: maybeCount, best: maybeCount, high: maybeCount }),
        incidents: count('incidents the record holds for the period, place and side'),
        sumOfIncidents: count('their best deaths, summed'),
        gap: z.number().int().nullable().describe('stated minus the sum of incidents'),
      }),
    )
    .describe('each period total a report states, against the incidents of its period'),
});

export const reviewQueueQuery = z.strictObject({
  state: z.enum(['unreviewed', 'verified', 'disputed', 'rejected']).default('unreviewed').describe('which incidents'),
  sort: z.enum(['impact', 'recent']).default('impact').describe('impact: deaths, contested figures, changes of control first; recent: newest first'),
  limit: whole().min(1).max(500).default(50).describe('at most this many'),
});

export const reviewInput = z.strictObject({
  state: z.enum(['unreviewed', 'verified', 'disputed', 'rejected']).describe('verified: checked; disputed: in doubt; rejected: not an incident (leaves every sum); unreviewed: reopen'),
  comment: text(2000).describe('why: kept in the history with who and when'),
});

const nullableText = z.string().nullable();
const bounds = { low: maybeCount, best: maybeCount, high: maybeCount };
const dateValue = z.strictObject({ start: z.string(), end: z.string(), precision: z.string() });
const fatalities = z.array(z.looseObject({ group: z.string(), ...bounds, kind: z.string() })).describe("deaths per group as the sentence gave them (kind: exact, lower-bound, upper-bound, approximate, vague, unknown)");
const actor = z.strictObject({ name: z.string(), bloc: z.string(), role: z.string() });

/** One incident as /api/incidents lists it: src/store/store.ts's IncidentRow. */
export const incidentRow = z.strictObject({
  id: z.string().describe('"i:" and the first event it was seen with; never renamed'),
  date_start: nullableText.describe('the earliest date its reports give'),
  date_end: nullableText.describe('the latest'),
  date_precision: nullableText.describe('of the most precise report: day, week, month, year, range'),
  country: nullableText,
  admin1: nullableText,
  location: nullableText.describe('the most precise place its reports name'),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  geo_precision: nullableText,
  type: z.string().describe('ACLED event type most of its reports give'),
  sub_type: z.string(),
  weapon: nullableText,
  perpetrator_actor: nullableText,
  perpetrator_bloc: nullableText,
  status: z.enum(INCIDENT_STATUSES).describe('contested: two claimants give figures that cannot both be right'),
  deaths_low: maybeCount,
  deaths_best: maybeCount.describe('counted once however many reports tell the incident'),
  deaths_high: maybeCount,
  deaths_vague: z.boolean().describe('the best rests on vague words only ("dozens"): it is the least they say'),
  groups: z.array(z.strictObject({ group: z.string(), ...bounds, vague: z.boolean() })).describe('deaths low / best / high per group of the dead'),
  claimants: z.array(z.string()).describe('everyone whose figures count'),
  actors: z.array(actor),
  events: count("reports' events reconciled into it"),
  reports: count('reports telling it'),
});

export const incidentListResponse = z.strictObject({
  limit: count('the page size asked for'),
  next: z.string().nullable().describe('the cursor of the next (older) page; null on the last page'),
  incidents: z.array(incidentRow).describe('newest first, undated last'),
});

const figure = z.strictObject({ value: maybeCount, claims: z.array(z.string()).describe('the claims that give this figure') });
const stance = z.strictObject({ claimant: z.string(), claimantKind: z.string(), claim: z.string(), low: maybeCount, high: maybeCount.describe('null: open ("more than 40")'), kind: z.string() });

export const incidentDetailResponse = z.strictObject({
  incident: incidentRow.extend({ event_ids: z.array(z.string()) }),
  figures: z
    .strictObject({
      groups: z.array(z.strictObject({ group: z.string(), low: figure, best: figure, high: figure, vague: z.boolean(), reasoning: z.array(z.string()).describe('how the range was reached') })),
      total: z.strictObject({ ...bounds, vague: z.boolean() }),
      status: z.enum(INCIDENT_STATUSES),
      claimants: z.array(z.string()),
      disagreements: z.array(z.strictObject({ group: z.string(), a: stance, b: stance })).describe('pairs of claimants whose figures for a group do not overlap'),
      repeats: z.array(z.string()).describe('claims left out as a repeat of the same claimant giving the same figure'),
    })
    .describe('deaths per group and in total, each figure naming the claims behind it'),
  links: z.array(z.strictObject({ a: z.string(), b: z.string(), why: z.string(), by: z.enum(['rule', 'analyst']) })).describe('why its events are one incident'),
  events: z
    .array(
      z.strictObject({
        id: z.string(),
        report_id: nullableText,
        type: z.string(),
        sub_type: z.string(),
        date: dateValue.nullable(),
        location: z.looseObject({ name: z.string(), admin1: nullableText, country: nullableText, lat: z.number().nullable(), lon: z.number().nullable(), precision: z.string() }).nullable(),
        actors: z.array(actor),
        weapon: nullableText,
        fatalities,
        claims: z.array(z.string()).describe('the claims behind the event'),
      }),
    )
    .describe("its reports' events, oldest first"),
  claims: z
    .array(
      z.strictObject({
        id: z.string(),
        report_id: nullableText,
        claimant: z.string(),
        claimant_kind: z.string(),
        claimant_bloc: nullableText.describe('the side a partisan claimant speaks for'),
        publisher: nullableText,
        scope: z.string(),
        measure: z.string(),
        fatalities,
        date: dateValue.nullable(),
        weapon: nullableText,
        span: z.strictObject({ start: z.number().int(), end: z.number().int() }).describe("the figure's characters in the report's text (GET /api/reports/:id)"),
        sentence: z.string().describe('the sentence it was read from'),
        rule: z.string(),
      }),
    )
    .describe('every claim behind its events'),
  reports: z.array(z.strictObject({ id: z.string(), title: nullableText, publisher: nullableText, published: nullableText })).describe('the reports telling it (their text: GET /api/reports/:id)'),
});

/** What GET /api/claimants/:name answers. */
export const claimantResponse = z.strictObject({
  claimant: z.string(),
  track_record: z
    .strictObject({
      claimant: z.string(),
      incidents: count('verified incidents it gave a figure for'),
      agreed: count('those where its figure agreed with the verified best (within a tenth, or one death)'),
      first: count('those where its report was the earliest published'),
      agreement: z.number().min(0).max(1).describe('agreed / incidents'),
    })
    .nullable()
    .describe('null: it gives no figure for any verified incident yet'),
  incidents: z.array(incidentRow.extend({ verified: z.boolean().describe('an analyst verified it') })).describe('the incidents whose figures it is among, newest first'),
  more: z.boolean().describe('there are more incidents than listed'),
});
