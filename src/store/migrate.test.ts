import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { MIGRATIONS } from './migrations/index.js';

it('lists every migration file, and each has up and down', () => {
  const folder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
  const files = readdirSync(folder).filter((f) => /\.ts$/.test(f) && f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));
  expect(Object.keys(MIGRATIONS).sort()).toEqual(files.sort());
  for (const m of Object.values(MIGRATIONS)) expect([typeof m.up, typeof m.down]).toEqual(['function', 'function']);
});
