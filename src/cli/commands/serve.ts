// `observatory serve`: the desk (API and dashboard) over the record, on one port, until Ctrl-C.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from '../../api/app.js';
import { openDesk } from '../../api/open-desk.js';
import { startCourier } from '../../alerts/deliver-alerts.js';
import { UserError } from '../user-error.js';
import { withStore } from '../with-store.js';

export interface ServeOpts {
  db?: string;
  port: string;
  host: string;
  publicRead?: boolean;
}

export const DEFAULT_PORT = 8787;
/** The built dashboard: the same place from dist/cli/commands/ and from src/cli/commands/. */
export const WEB_ROOT = fileURLToPath(new URL('../../../dist/web', import.meta.url));

export async function runServe(opts: ServeOpts): Promise<void> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port must be a port number 0-65535, got "${opts.port}"`);
  await withStore(opts.db, async (store) => {
    const desk = openDesk(store, { publicRead: Boolean(opts.publicRead) });
    const web = existsSync(`${WEB_ROOT}/index.html`);
    if (!web) process.stderr.write(`observatory: the dashboard is not built (npm run build:web): serving the API only\n`);
    const app = createApp(desk, { webRoot: web ? WEB_ROOT : null });
    const server = serve({ fetch: app.fetch, port, hostname: opts.host });
    // Alerts raised by reports submitted here (or left pending by a process that died) are posted as they fall due.
    const courier = startCourier(store);
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) => courier.stop().then(() => reject(new UserError(e.code === 'EADDRINUSE' ? `port ${port} is in use: give another with --port` : `cannot listen on ${opts.host}:${port}: ${e.message}`))));
      server.once('listening', () => {
        const address = server.address();
        const actual = typeof address === 'object' && address ? address.port : port;
        const tokens = (n: number) => (n ? '' : '; no tokens yet: make one with observatory token create --role admin --name NAME');
        desk.tokens.list().then((ts) => {
          const live = ts.filter((t) => !t.revoked_at).length;
          process.stdout.write(
            `observatory desk on http://${opts.host === '0.0.0.0' ? 'localhost' : opts.host}:${actual}/ (API under /api, description at /openapi.json); reading ${desk.publicRead ? 'is public' : 'needs a token'}${tokens(live)}\n`,
          );
        });
        const stop = () => server.close(() => void courier.stop().then(resolve));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
  });
}
