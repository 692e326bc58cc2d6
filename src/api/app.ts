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
import { controlRoutes } from './control.js';
import type { Desk, DeskEnv } from './desk.js';
import { eventsRoutes } from './events.js';
import { openApiDocument } from './openapi.js';
import { errorBody, Problem } from './problems.js';
import { reportsRoutes } from './reports.js';
import { talliesRoutes } from './tallies.js';
import { tokensRoutes } from './tokens.js';

export interface AppOptions {
  /** The built dashboard (index.html and assets); without it only the API is served. */
  webRoot?: string | null;
  /** Where a server error's details go; they never go to the caller. */
  log?: (message: string) => void;
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
      return c.json(errorBody(err.status, message, issues), err.status);
    }
    log(`observatory serve: ${c.req.method} ${c.req.path}: ${(err as Error).stack ?? err}`);
    return c.json(errorBody(500, 'internal error: the server log has the details'), 500);
  });

  app.get('/openapi.json', (c) => c.json(openApiDocument(desk.publicRead)));

  const api = new Hono<DeskEnv>()
    .use('*', identify(desk.tokens))
    .get('/me', (c) => {
      const caller = c.get('caller');
      return c.json({ token: caller ? { id: caller.id, name: caller.name, role: caller.role } : null, public_read: desk.publicRead });
    })
    .route('/events', eventsRoutes(desk))
    .route('/reports', reportsRoutes(desk))
    .route('/tallies', talliesRoutes(desk))
    .route('/control', controlRoutes(desk))
    .route('/tokens', tokensRoutes(desk))
    .route('/alerts', alertsRoutes(desk))
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
