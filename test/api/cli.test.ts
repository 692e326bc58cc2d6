// `observatory token` and `observatory serve` as a user runs them: the built CLI, a real port on loopback.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'observatory-cli-desk-'));
const db = join(dir, 'desk.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args, '--db', db], { encoding: 'utf8' });

describe('observatory token', () => {
  it('creates a token, prints it once, and lists it without it', () => {
    const r = run('token', 'create', '--role', 'analyst', '--name', 'alice');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^obs_[\w-]{43}\n$/);
    expect(r.stderr).toMatch(/for alice \(analyst\): shown once/);
    const list = run('token', 'list');
    expect(list.stdout).toMatch(/alice\s+analyst/);
    expect(list.stdout).not.toContain(r.stdout.trim());
  });

  it('says what is wrong with a bad role or a missing name', () => {
    const role = run('token', 'create', '--role', 'owner', '--name', 'x');
    expect([role.status, role.stderr]).toEqual([1, 'observatory: --role must be one of viewer, analyst, admin, got "owner"\n']);
    expect(run('token', 'create', '--role', 'viewer').stderr).toMatch(/--name is needed/);
    expect(run('token', 'revoke', 'tok_nope').stderr).toBe('observatory: no live token "tok_nope"\n');
  });
});

describe('observatory serve', () => {
  it('prints where it listens, serves the API to a token, and stops on SIGTERM', async () => {
    const token = run('token', 'create', '--role', 'viewer', '--name', 'vera').stdout.trim();
    const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (b) => {
          out += b;
          if (out.includes('\n')) resolve(out);
        });
        child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      expect(line).toMatch(/^observatory desk on http:\/\/127\.0\.0\.1:\d+\/ \(API under \/api, description at \/openapi\.json, probes \/healthz and \/readyz\); reading needs a token\n$/);
      const base = /http:\/\/[^/]+\//.exec(line)![0];
      // The probes need no token.
      expect([(await fetch(`${base}healthz`)).status, await (await fetch(`${base}readyz`)).json()]).toEqual([200, { status: 'ready' }]);
      expect((await fetch(`${base}api/events`)).status).toBe(401);
      const me = await fetch(`${base}api/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(await me.json()).toEqual({ token: { id: expect.any(String), name: 'vera', role: 'viewer', source_handler: false }, public_read: false });
      const page = await fetch(base);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toContain('<title>Observatory desk</title>');
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    expect(child.exitCode).toBe(0);
  });

  it('refuses a bad port with a message', () => {
    expect(run('serve', '--port', 'eighty').stderr).toBe('observatory: --port must be a port number 0-65535, got "eighty"\n');
  });
});
