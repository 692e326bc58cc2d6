// `observatory serve`: the desk (API and dashboard) over the record, on one port, until Ctrl-C.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from '../../api/app.js';
import { openDesk, type DeskOptions } from '../../api/open-desk.js';
import { startCourier } from '../../alerts/deliver-alerts.js';
import { UserError } from '../user-error.js';
import { withStore } from '../with-store.js';
import { sourceKeyOption } from './source-key-option.js';

export interface ServeOpts {
  db?: string;
  port: string;
  host: string;
  publicRead?: boolean;
  keyFile?: string;
  requestBudget?: string;
  threads?: string;
}

/** The work settings: each option, else its environment variable, else the default (undefined). */
export function workSettings(opts: Pick<ServeOpts, 'requestBudget' | 'threads'>, env: NodeJS.ProcessEnv = process.env): Pick<DeskOptions, 'budgetSeconds' | 'threads' | 'threadMemoryMb'> {
  const read = (flag: string, given: string | undefined, name: string, whole: boolean): number | undefined => {
    const v = given ?? env[name];
    if (v === undefined || v === '') return undefined;
    const x = Number(v);
    if (!Number.isFinite(x) || x <= 0 || (whole && !Number.isInteger(x))) {
      throw new UserError(`${given !== undefined ? flag : name} must be a ${whole ? 'whole number' : 'number'} above 0, got "${v}"`);
    }
    return x;
  };
  return {
    budgetSeconds: read('--request-budget', opts.requestBudget, 'OBSERVATORY_REQUEST_BUDGET_SECONDS', false),
    threads: read('--threads', opts.threads, 'OBSERVATORY_THREADS', true),
    threadMemoryMb: read('OBSERVATORY_THREAD_MEMORY_MB', undefined, 'OBSERVATORY_THREAD_MEMORY_MB', true),
  };
}

export const DEFAULT_PORT = 8787;
/** The built dashboard: the same place from dist/cli/commands/ and from src/cli/commands/. */
export const WEB_ROOT = fileURLToPath(new URL('../../../dist/web', import.meta.url));

export async function runServe(opts: ServeOpts): Promise<void> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port must be a port number 0-65535, got "${opts.port}"`);
  const sourceKey = sourceKeyOption(opts, false);
  const work = workSettings(opts);
  await withStore(opts.db, async (store) => {
    const desk = openDesk(store, { publicRead: Boolean(opts.publicRead), preload: true, sourceKey, ...work });
    process.stderr.write(sourceKey ? `field sources: key ${sourceKey.id} loaded\n` : 'field sources: no key (OBSERVATORY_SOURCE_KEY or --key-file): reports from field sources will be refused\n');
    // The threads start now rather than on the first request; a thread that cannot open the record says so.
    desk.work.warm().catch((e: Error) => process.stderr.write(`observatory: ${e.message}\n`));
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
        const tokens = (n: number | null) => (n === 0 ? '; no tokens yet: make one with observatory token create --role admin --name NAME' : '');
        const announce = (live: number | null) =>
          process.stdout.write(
            `observatory desk on http://${opts.host === '0.0.0.0' ? 'localhost' : opts.host}:${actual}/ (API under /api, description at /openapi.json, probes /healthz and /readyz); reading ${desk.publicRead ? 'is public' : 'needs a token'}${tokens(live)}\n`,
          );
        desk.tokens.list().then(
          (ts) => announce(ts.filter((t) => !t.revoked_at).length),
          (e: Error) => {
            // The database went away since it was opened: serve anyway (/readyz says so), and it recovers when it is back.
            announce(null);
            process.stderr.write(`observatory: cannot list the tokens: ${e.message}\n`);
          },
        );
        const stop = () => server.close(() => void Promise.all([desk.work.close(), courier.stop()]).then(() => resolve()));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
  });
}
