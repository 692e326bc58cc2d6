// The desk as one Hono app: the API under /api, its description at /openapi.json, and the dashboard's
// built files (dist/web) at /. The app is a value: tests call app.request() on it, serve.ts gives it a port.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { identify } from './access.js';
import { alertsRoutes } from './alerts.js';
import { claimantsRoutes } from './claimants.js';
import { controlRoutes } from './control.js';
import type { Desk, DeskEnv } from './desk.js';
import { eventsRoutes } from './events.js';
import { incidentsRoutes } from './incidents.js';
import { openApiDocument } from './openapi.js';
import { databaseUnavailable, errorBody, Problem, RETRY_AFTER_SECONDS, Unavailable } from './problems.js';
import { reportsRoutes } from './reports.js';
import { sourcesRoutes } from './sources.js';
import { talliesRoutes } from './tallies.js';
import { fieldSourcesRoutes } from './field-sources.js';
import { reviewRoutes } from './review.js';
import { SignInGuard, type SignInLimit } from './sign-in-guard.js';
import { tokensRoutes } from './tokens.js';

export interface AppOptions {
  /** The built dashboard (index.html and assets); without it only the API is served. */
  webRoot?: string | null;
  /** Where a server error's details go; they never go to the caller. */
  log?: (message: string) => void;
  /** Failed sign-ins allowed per address within a window (default: 10 in 10 minutes). */
  signInLimit?: SignInLimit;
}

export function createApp(desk: Desk, options: AppOptions = {}) {
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const app = new Hono<DeskEnv>();

  // Report text is untrusted and shown on these pages: the client escapes it, and this policy is the
  // second line: no script but our own files, nothing loaded from elsewhere (the desk works offline anyway).
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Plot writes a <style> into its SVG, and Leaflet positions with style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
      crossOriginEmbedderPolicy: false,
    }),
  );

  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      const issues = err instanceof Problem ? err.issues : undefined;
      // Hono's own exceptions (malformed JSON) carry a plain-text message too.
      const message = err.message || (err.status === 400 ? 'malformed request' : 'request failed');
      if (err.status === 401) c.header('WWW-Authenticate', 'Bearer realm="observatory"');
      if (err instanceof Unavailable) c.header('Retry-After', String(err.retryAfter));
      return c.json(errorBody(err.status, message, issues), err.status);
    }
    const unavailable = databaseUnavailable(err);
    if (unavailable) {
      log(`observatory serve: ${c.req.method} ${c.req.path}: 503: ${unavailable.message}`);
      c.header('Retry-After', String(RETRY_AFTER_SECONDS));
      return c.json(errorBody(503, unavailable.message), 503);
    }
    log(`observatory serve: ${c.req.method} ${c.req.path}: ${(err as Error).stack ?? err}`);
    return c.json(errorBody(500, 'internal error: the server log has the details'), 500);
  });

  app.get('/openapi.json', (c) => c.json(openApiDocument(desk.publicRead)));

  // Probes for whatever runs the server (a supervisor, a load balancer), open to anyone: the process answers at
  // all, and the record can serve (the database answers, its schema is current).
  app.get('/healthz', (c) => c.json({ status: 'up' }));
  app.get('/readyz', async (c) => {
    const r = await desk.store.readiness();
    if (r.ready) return c.json({ status: 'ready' });
    c.header('Retry-After', String(RETRY_AFTER_SECONDS));
    return c.json(errorBody(503, `not ready: ${r.reason}`), 503);
  });

  const api = new Hono<DeskEnv>()
    .use('*', identify(desk.tokens, new SignInGuard(options.signInLimit)))
    .get('/me', (c) => {
      const caller = c.get('caller');
      return c.json({ token: caller ? { id: caller.id, name: caller.name, role: caller.role, source_handler: caller.source_handler } : null, public_read: desk.publicRead });
    })
    .route('/events', eventsRoutes(desk))
    .route('/incidents', incidentsRoutes(desk))
    .route('/reports', reportsRoutes(desk))
    .route('/sources', sourcesRoutes(desk))
    .route('/tallies', talliesRoutes(desk))
    .route('/control', controlRoutes(desk))
    .route('/tokens', tokensRoutes(desk))
    .route('/field-sources', fieldSourcesRoutes(desk))
    .route('/review', reviewRoutes(desk))
    .route('/alerts', alertsRoutes(desk))
    .route('/claimants', claimantsRoutes(desk))
    .all('*', (c) => {
      throw new Problem(404, `no such endpoint: ${c.req.method} ${c.req.path} (see /openapi.json)`);
    });
  app.route('/api', api);

  const webRoot = options.webRoot;
  if (webRoot && existsSync(join(webRoot, 'index.html'))) {
    app.use('/*', serveStatic({ root: webRoot }));
    // The dashboard routes with the URL's hash, so every other path is a plain 404.
  }
  app.notFound((c) => c.json(errorBody(404, `not found: ${c.req.path}`), 404));
  return app;
}

export type DeskApp = ReturnType<typeof createApp>;
