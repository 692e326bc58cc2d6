// /api/reports: the reports read (text and what was extracted, with spans), and a new report submitted:
// extracted and stored in one transaction on a worker thread, its events then on the map and in the table.
import { Hono } from 'hono';
import { checkFieldSource } from '../domain/field-source.js';
import { checkReport, failed } from '../domain/input-rules.js';
import { normalizeText } from '../extract/normalize-text.js';
import { textHash } from '../store/report-rows.js';
import { sealFieldSource } from '../store/source-vault.js';
import { allow } from './access.js';
import { bodyLimited } from './body-limit.js';
import type { Desk, DeskEnv } from './desk.js';
import { Problem } from './problems.js';
import { reportInput, reportListQuery } from './schemas.js';
import { valid } from './validate.js';

export function reportsRoutes(desk: Desk) {
  const read = allow('viewer', desk.publicRead);
  return new Hono<DeskEnv>()
    .get('/', read, valid('query', reportListQuery), async (c) => {
      const q = c.req.valid('query');
      const { total, reports } = await desk.store.listReports({ limit: q.limit, offset: q.offset });
      return c.json({ total, limit: q.limit, offset: q.offset, reports });
    })
    .get('/:id', read, async (c) => {
      const id = c.req.param('id');
      const report = await desk.store.getReport(id);
      if (!report) throw new Problem(404, `no report "${id}"`);
      return c.json(report);
    })
    .post('/', allow('analyst', desk.publicRead), bodyLimited, valid('json', reportInput), async (c) => {
      const body = c.req.valid('json');
      const input = checkReport({ text: body.text, published: body.published ?? null, source: body.source ?? null, title: body.title ?? null });
      if (failed(input)) throw new Problem(400, `body: ${input.error}`);
      const meta = { published: input.published, source: input.source, title: input.title };
      let fieldSource;
      if (body.field_source) {
        // Refused before anything is stored: a report from a person must never be kept without their protection.
        if (!desk.sourceKey) throw new Problem(503, 'this desk was started without the field-source key: a report from a field source cannot be stored (nothing was stored)');
        const identity = checkFieldSource(body.field_source);
        if ('error' in identity) throw new Problem(400, `body: ${identity.error}`);
        fieldSource = sealFieldSource(desk.sourceKey, identity);
      }
      const sighting = { url: body.url ?? null, seenAt: null };
      // Extraction is the expensive part: a text already held (or another outlet's copy of one) is recognised by its
      // hash first; a field source's report always goes to the store, which links the source to the report it holds.
      const held = fieldSource ? null : await desk.store.sightReport(textHash(normalizeText(input.text)), { outlet: meta.source, title: meta.title, ...sighting });
      let status = held?.status;
      let reportId = held?.reportId;
      if (!held) {
        const r = await desk.work.run({ kind: 'submit-report', text: input.text, meta, fieldSource, sighting });
        status = r.status;
        reportId = r.reportId;
      }
      const report = await desk.store.getReport(reportId!);
      c.header('Location', `/api/reports/${encodeURIComponent(reportId!)}`);
      return c.json({ status, report }, status === 'new' ? 201 : 200);
    });
}
