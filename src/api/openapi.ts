// The OpenAPI description, made from the same zod schemas the routes validate with, so the two cannot
// drift apart on inputs; a test checks that every route the app serves is described here.
import { z } from 'zod';
import { alertsQuery, claimantResponse, controlQuery, eventListQuery, eventFilterQuery, eventPatch, fieldSourceQuery, fieldSourceReadsQuery, incidentDetailResponse, incidentListQuery, incidentListResponse, recordTallyQuery, reportInput, reportListQuery, reviewInput, reviewQueueQuery, tallyQuery, tallyResponse, tokenInput } from './schemas.js';
import type { Role } from './record.js';

interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** Hono's path syntax (/api/events/:id). */
  path: string;
  summary: string;
  /** source-handler: a token with that capability, whatever its role. */
  role: Role | 'anyone' | 'source-handler';
  query?: z.ZodObject;
  body?: z.ZodType;
  ok: { status: number; description: string; schema?: z.ZodType };
  errors?: number[];
  /** Answers without the database (so never 503). */
  noDatabase?: true;
}

export const OPERATIONS: Operation[] = [
  { method: 'get', path: '/healthz', summary: 'The server process is up (the database is not asked)', role: 'anyone', ok: { status: 200, description: '{ status: up }' }, noDatabase: true },
  { method: 'get', path: '/readyz', summary: 'The record can serve: the database answers and its schema is current (503 says why not)', role: 'anyone', ok: { status: 200, description: '{ status: ready }' } },
  { method: 'get', path: '/api/me', summary: 'Who the token is, and whether reading is public', role: 'anyone', ok: { status: 200, description: 'the caller' } },
  { method: 'get', path: '/api/events', summary: 'Events matching the filters of `observatory events`, newest first, in keyset pages (next: the cursor of the following page)', role: 'viewer', query: eventListQuery, ok: { status: 200, description: '{ limit, offset, next, events } and, with count=true, total' }, errors: [400] },
  { method: 'get', path: '/api/events/:id', summary: "One event: its claims, the reports they were read from (text and spans), its reconciled incident (incident_id: the record's, at /api/incidents/:id) and edits", role: 'viewer', ok: { status: 200, description: 'the event' }, errors: [404] },
  { method: 'get', path: '/api/incidents', summary: "Reconciled incidents (one however many reports tell it; never a period total or a cumulative toll), newest first, in pages: pass the answer's next as cursor for the next page", role: 'viewer', query: incidentListQuery, ok: { status: 200, description: '{ limit, next, incidents }', schema: incidentListResponse }, errors: [400] },
  { method: 'get', path: '/api/incidents/:id', summary: "One incident: its figures with the claims behind each, disagreements, its reports' events, every claim with its sentence and span, and why its events are one", role: 'viewer', ok: { status: 200, description: 'the incident', schema: incidentDetailResponse }, errors: [404] },
  { method: 'patch', path: '/api/events/:id', summary: "Correct an event's type, sub-type, date or note (logged with the editor's name)", role: 'analyst', body: eventPatch, ok: { status: 200, description: 'the event as changed, with its edits' }, errors: [400, 404, 413] },
  { method: 'get', path: '/api/reports', summary: 'Reports in the record, newest ingested first', role: 'viewer', query: reportListQuery, ok: { status: 200, description: '{ total, limit, offset, reports }' }, errors: [400] },
  { method: 'get', path: '/api/reports/:id', summary: 'One report: its text, everything extracted from it (with character spans into the text), and its sightings: every outlet and page that carried the story, with its headline and when it was seen', role: 'viewer', ok: { status: 200, description: 'the report, with sightings [{ outlet, url, title, seen_at, similarity }]' }, errors: [404] },
  { method: 'post', path: '/api/reports', summary: "Submit a report: it is extracted and stored. A text the record holds, or another outlet's copy of a story it holds (the same wording give or take a paragraph or boilerplate, and the same figures and dates), is not stored again: it becomes a sighting of that report", role: 'analyst', body: reportInput, ok: { status: 201, description: '{ status: new, report } (200 with status sighting, or duplicate when this outlet and page were seen already)' }, errors: [400, 413, 503] },
  { method: 'get', path: '/api/sources', summary: 'The watched sources (feeds, pages, folders): status, last fetch, next due, items seen, reports ingested, items per day over the last 7 days, errors', role: 'viewer', ok: { status: 200, description: '{ now, sources }' } },
  { method: 'get', path: '/api/sources/:name', summary: 'One watched source, with its latest items and its failed ones (each with its error)', role: 'viewer', ok: { status: 200, description: 'the source' }, errors: [404] },
  { method: 'get', path: '/api/tallies', summary: 'Reconciled deaths (low/best/high) by bloc of the dead, region, country, perpetrator or month', role: 'viewer', query: tallyQuery, ok: { status: 200, description: '{ by, incidents, rows, periodTotals }', schema: tallyResponse }, errors: [400, 422, 503] },
  { method: 'get', path: '/api/tallies/weekly', summary: 'Reconciled deaths per week and perpetrator bloc', role: 'viewer', query: eventFilterQuery, ok: { status: 200, description: '{ weeks }' }, errors: [400, 422, 503] },
  { method: 'get', path: '/api/tallies/record', summary: "The record's plain sums (events and best fatalities, cumulative tolls left out), straight from the store", role: 'viewer', query: recordTallyQuery, ok: { status: 200, description: '{ by, rows }' }, errors: [400] },
  { method: 'get', path: '/api/control', summary: 'Changes of control of places, and the last known holders on a date', role: 'viewer', query: controlQuery, ok: { status: 200, description: '{ changes, holders }' }, errors: [400, 422, 503] },
  { method: 'get', path: '/api/alerts', summary: 'The alerts (observatory alerts add) and their latest firings, newest first, each with the incident it fired for and how its delivery went', role: 'viewer', query: alertsQuery, ok: { status: 200, description: '{ alerts, recent }' }, errors: [400] },
  { method: 'get', path: '/api/tokens', summary: 'API tokens (never the tokens themselves)', role: 'admin', ok: { status: 200, description: '{ tokens }' } },
  { method: 'post', path: '/api/tokens', summary: 'Create a token; the response holds it once', role: 'admin', body: tokenInput, ok: { status: 201, description: '{ token, id, name, role, ... }' }, errors: [400] },
  { method: 'delete', path: '/api/tokens/:id', summary: 'Revoke a token', role: 'admin', ok: { status: 204, description: 'revoked' }, errors: [404, 409] },
  { method: 'get', path: '/api/review', summary: 'The review queue: incidents in a state, weightiest (deaths, contested figures, changes of control) or newest first', role: 'viewer', query: reviewQueueQuery, ok: { status: 200, description: '{ state, sort, incidents }' }, errors: [400] },
  { method: 'post', path: '/api/review/:id', summary: "An analyst's decision on an incident (verified, disputed, rejected, or unreviewed to reopen), with a comment; logged with who and when", role: 'analyst', body: reviewInput, ok: { status: 200, description: '{ id, before, after, history }' }, errors: [400, 404, 413] },
  { method: 'get', path: '/api/review/claimants', summary: "Claimants' track records on verified incidents: how often their figure agreed with the verified best, how often they reported first", role: 'viewer', ok: { status: 200, description: '{ claimants }' } },
  { method: 'get', path: '/api/claimants/:name', summary: "One claimant (a monitor, a ministry, a witness, as claims name it): its track record on verified incidents (how often its figure agreed with the verified best, how often it reported first) and the incidents it gives figures for, newest first", role: 'viewer', ok: { status: 200, description: '{ claimant, track_record, incidents, more }', schema: claimantResponse }, errors: [404] },
  { method: 'get', path: '/api/review/:id/history', summary: "Everything that changed an incident: reviews, its events' edits, link decisions (who, when, before, after, why)", role: 'viewer', ok: { status: 200, description: '{ id, history }' }, errors: [404] },
  { method: 'get', path: '/api/field-sources', summary: 'Field sources by pseudonym ("field source 7") and how many reports each sent; never an identity', role: 'viewer', ok: { status: 200, description: '{ field_sources }' } },
  { method: 'get', path: '/api/field-sources/reads', summary: 'The log of identity reads: who, when and why', role: 'source-handler', query: fieldSourceReadsQuery, ok: { status: 200, description: '{ reads }' }, errors: [400] },
  { method: 'get', path: '/api/field-sources/:number', summary: "A field source's identity, for a source handler giving a reason; the read is logged first", role: 'source-handler', query: fieldSourceQuery, ok: { status: 200, description: '{ pseudonym, name, contact, place, relation, notes }' }, errors: [400, 404, 503] },
];

const jsonSchema = (s: z.ZodType, io: 'input' | 'output' = 'input') => z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const ERROR_TEXT: Record<number, string> = {
  400: 'the input does not fit: every problem is listed in error.issues',
  401: 'no token, or an unknown one',
  403: "the token's role is not enough",
  404: 'no such thing',
  409: 'conflict',
  413: 'the body is over 1 MB',
  422: 'too many events for reconciled figures: narrow the filter',
  429: 'too many failed sign-ins from this address (10 in 10 minutes): try again after Retry-After seconds',
  503: 'the server cannot serve this now: the database is unreachable, held by another writer or its schema not current; or the request ran over the budget for one request; or the desk holds no field-source key. The message says which; try again after Retry-After seconds where given',
};

export function openApiDocument(publicRead: boolean): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const path = op.path.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [...op.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (op.query) {
      const schema = jsonSchema(op.query) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
      for (const [name, prop] of Object.entries(schema.properties ?? {})) {
        const { description, ...rest } = prop;
        parameters.push({ name, in: 'query', required: false, description, schema: rest });
      }
    }
    const needsToken = op.role !== 'anyone' && !(op.role === 'viewer' && publicRead);
    const ok = op.ok.schema ? { content: { 'application/json': { schema: jsonSchema(op.ok.schema, 'output') } } } : {};
    const responses: Record<string, unknown> = { [op.ok.status]: { description: op.ok.description, ...ok } };
    for (const e of [...(op.errors ?? []), ...(needsToken ? [401, 403, 429] : []), ...(op.noDatabase ? [] : [503])]) responses[e] = errorResponse(ERROR_TEXT[e]);
    (paths[path] ??= {})[op.method] = {
      summary: op.summary,
      description: op.role === 'anyone' ? 'Open to anyone.' : op.role === 'source-handler' ? 'Needs a token made with the source-handler capability (no role implies it, admin included).' : `Needs the ${op.role} role${op.role === 'viewer' && publicRead ? ' (reading is public on this server: no token needed)' : ''}.`,
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } } : {}),
      ...(needsToken ? { security: [{ bearer: [] }] } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Observatory desk API',
      version: '0.1.0',
      description: 'Sourced conflict events and casualty claims extracted from reports. Roles: viewer reads; analyst also submits reports and edits events; admin also manages tokens. Field sources\' identities are for tokens with the source-handler capability only.',
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'a token from `observatory token create`' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['status', 'message'],
              properties: {
                status: { type: 'integer' },
                message: { type: 'string' },
                issues: { type: 'array', items: { type: 'object', properties: { at: { type: 'string' }, message: { type: 'string' } } } },
              },
            },
          },
        },
      },
    },
  };
}
