// The API's inputs, defined once: the routes validate with them and the OpenAPI description is generated from them;
// and the shapes of the answers the description documents (a test checks the routes' answers against them).
import { z } from 'zod';
import { hasControl } from '../domain/input-rules.js';
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
const NO_CONTROL = 'must not hold control characters (NUL, escape, ...); tabs and line ends are fine';
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
};

const page = (max: number, dflt: number) => ({
  limit: whole().min(1).max(max).default(dflt).describe(`page size, at most ${max}`),
  offset: whole().min(0).default(0).describe('rows to skip'),
});

export const eventListQuery = z.strictObject({ ...eventFilterShape, ...page(2000, 100) });
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
