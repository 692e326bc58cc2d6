// Failed sign-ins are limited per address: a guesser is told to wait, the people at other addresses are not, and the
// wait ends with the window. The address is the one the Node server saw (c.env.incoming.socket), given here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { SignInGuard } from '../../src/api/sign-in-guard.js';
import { sampleDesk, type SampleDesk } from '../desk-setup.js';

let d: SampleDesk;
beforeAll(async () => {
  d = await sampleDesk();
});
afterAll(async () => d?.close());

const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

describe('failed sign-ins', () => {
  it('after 10 unknown tokens from one address within 10 minutes, that address is answered 429 with when to try again, a valid token included', async () => {
    const app = createApp(d.desk, { webRoot: null, log: () => {} });
    const call = (token: string, address: string) => app.request('/api/me', { headers: { authorization: `Bearer ${token}` } }, from(address));
    for (let i = 0; i < 10; i++) expect((await call(`obs_guess${i}`, '203.0.113.7')).status).toBe(401);
    const blocked = await call(d.tokens.viewer, '203.0.113.7');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(500);
    expect(await blocked.json()).toEqual({ error: { status: 429, message: expect.stringMatching(/^too many failed sign-ins from this address: try again in \d+ s$/) } });
    // Another address signs in as usual; a request with no token is not a sign-in.
    expect((await call(d.tokens.viewer, '198.51.100.2')).status).toBe(200);
    expect((await app.request('/api/me', {}, from('203.0.113.7'))).status).toBe(200);
  });

  it('a good sign-in clears the count; the wait ends when the oldest failure leaves the window', () => {
    let now = 0;
    const guard = new SignInGuard({ failures: 3, windowMs: 60_000 }, () => now);
    guard.failedFrom('a');
    guard.failedFrom('a');
    guard.succeededFrom('a');
    guard.failedFrom('a');
    guard.failedFrom('a');
    expect(guard.waitFor('a')).toBe(0);
    now = 10_000;
    guard.failedFrom('a');
    expect(guard.waitFor('a')).toBe(50);
    now = 60_001;
    expect(guard.waitFor('a')).toBe(0);
  });
});
