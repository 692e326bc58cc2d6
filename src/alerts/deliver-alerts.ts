// The courier: posts pending alert deliveries to their webhooks. Each body is signed with the alert's secret
// (X-Observatory-Signature: sha256=HMAC-SHA256(secret, body), hex), so a receiver can check it came from here.
// A 2xx is delivered; a 5xx, a 408 or 429, a timeout or a refused connection is tried again after a delay that
// doubles (30 s, 1 min, 2 min, ... up to 8 attempts, about an hour); any other answer is final. Every attempt is
// logged. The deliveries live in the record, so any process that runs a courier (serve, worker, ingest, `alerts
// deliver`, the watcher) resumes what a dead one left, and a claim keeps two couriers off the same delivery.
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AttemptOutcome, DueDelivery, Store } from '../store/store.js';

export interface CourierOptions {
  /** The first retry's delay; each next one doubles. */
  retryBaseMs: number;
  /** Attempts in all before a delivery fails for good. */
  maxAttempts: number;
  timeoutMs: number;
  /** How long a claimed delivery is kept from other couriers (well over timeoutMs). */
  leaseMs: number;
  /** Deliveries claimed at a time. */
  batch: number;
}

/** The settings, each overridable from the environment (tests and impatient desks shorten them). */
export function courierOptions(env: NodeJS.ProcessEnv = process.env): CourierOptions {
  const n = (name: string, fallback: number, min: number) => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    const x = Number(v);
    if (!Number.isFinite(x) || x < min) throw new Error(`${name} must be a number of at least ${min}, got "${v}"`);
    return x;
  };
  const timeoutMs = n('OBSERVATORY_ALERT_TIMEOUT_SECONDS', 10, 0.1) * 1000;
  return {
    retryBaseMs: n('OBSERVATORY_ALERT_RETRY_SECONDS', 30, 0) * 1000,
    maxAttempts: Math.floor(n('OBSERVATORY_ALERT_ATTEMPTS', 8, 1)),
    timeoutMs,
    leaseMs: timeoutMs * 3 + 5_000,
    batch: 20,
  };
}

export const SIGNATURE_HEADER = 'x-observatory-signature';

/** "sha256=" and the hex HMAC-SHA256 of the body under the secret. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export interface Round {
  delivered: number;
  retrying: number;
  failed: number;
}

const retryable = (status: number) => status >= 500 || status === 408 || status === 429;

/** One POST on a connection of its own (alerts are few): a receiver that closes idle connections cannot reset it. */
function post(d: DueDelivery, o: CourierOptions): Promise<{ status: number | null; error: string | null; ms: number }> {
  const t0 = performance.now();
  const ms = () => Math.round(performance.now() - t0);
  return new Promise((resolve) => {
    const url = new URL(d.webhook);
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'POST',
      agent: false,
      timeout: o.timeoutMs,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(d.payload),
        'user-agent': 'observatory-alerts',
        [SIGNATURE_HEADER]: signature(d.secret, d.payload),
        'x-observatory-delivery': d.id,
        'x-observatory-alert': d.alert_name,
      },
    });
    req.on('response', (res) => {
      // The answer's body is not read: only its status matters.
      res.resume();
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) return resolve({ status, error: null, ms: ms() });
      // A webhook that moved says so with a redirect; the signed body is not sent on to wherever it points.
      const where = status >= 300 && status < 400 ? ` (a redirect to ${res.headers.location ?? 'nowhere'}, not followed)` : '';
      resolve({ status, error: `HTTP ${status}${where}`, ms: ms() });
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${o.timeoutMs / 1000} s`), { code: 'TIMEOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ status: null, error: e.code === 'TIMEOUT' ? e.message : (e.code ?? e.message), ms: ms() }));
    req.end(d.payload);
  });
}

/** What an attempt's result means for the delivery. */
export function outcomeOf(d: DueDelivery, r: { status: number | null; error: string | null; ms: number }, at: Date, o: CourierOptions): AttemptOutcome {
  const base = { at: at.toISOString(), httpStatus: r.status, error: r.error, ms: r.ms };
  if (r.error === null) return { ...base, status: 'delivered', nextAttemptAt: null };
  const attempt = d.attempts + 1;
  const again = (r.status === null || retryable(r.status)) && attempt < o.maxAttempts;
  if (!again) return { ...base, status: 'failed', nextAttemptAt: null, error: attempt >= o.maxAttempts ? `${r.error}; gave up after ${attempt} attempts` : r.error };
  return { ...base, status: 'pending', nextAttemptAt: new Date(at.getTime() + o.retryBaseMs * 2 ** (attempt - 1)).toISOString() };
}

/** Posts every delivery due now, once each; returns what came of them. */
export async function deliverDue(store: Store, o: CourierOptions = courierOptions()): Promise<Round> {
  const round: Round = { delivered: 0, retrying: 0, failed: 0 };
  for (;;) {
    const now = new Date();
    const due = await store.claimDeliveries(now.toISOString(), new Date(now.getTime() + o.leaseMs).toISOString(), o.batch);
    if (due.length === 0) return round;
    for (const d of due) {
      const outcome = outcomeOf(d, await post(d, o), new Date(), o);
      await store.recordAttempt(d, outcome);
      round[outcome.status === 'delivered' ? 'delivered' : outcome.status === 'pending' ? 'retrying' : 'failed']++;
    }
  }
}

/** Posts until nothing is pending, waiting for retries as they fall due (`alerts deliver --wait`). */
export async function deliverAll(store: Store, o: CourierOptions = courierOptions(), stopped: () => boolean = () => false): Promise<Round> {
  const total: Round = { delivered: 0, retrying: 0, failed: 0 };
  while (!stopped()) {
    const r = await deliverDue(store, o);
    total.delivered += r.delivered;
    total.failed += r.failed;
    const next = await store.nextDeliveryDue();
    if (next === null) break;
    await new Promise((res) => setTimeout(res, Math.min(60_000, Math.max(50, Date.parse(next) - Date.now()))));
  }
  total.retrying = (await store.listAlerts()).reduce((n, a) => n + a.pending, 0);
  return total;
}

export interface Courier {
  /** Look now (after an ingest) rather than at the next tick. */
  wake(): void;
  stop(): Promise<void>;
}

/** A courier in the background of a long-running process (serve, worker, watch): a round every `intervalMs`. */
export function startCourier(store: Store, o: CourierOptions = courierOptions(), intervalMs = 5_000, onError: (e: Error) => void = (e) => process.stderr.write(`observatory: alerts: ${e.message}\n`)): Courier {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let again = false;
  const tick = () => {
    if (stopped) return;
    again = true;
    running = running.then(async () => {
      if (!again || stopped) return;
      again = false;
      await deliverDue(store, o).catch(onError);
    });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    wake: tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
