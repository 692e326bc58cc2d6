// Finds the repository's data/ folder from this module, whether it runs from src/ (tsx, vitest)
// or from dist/ after a build.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

export function dataDir(): string {
  if (cached) return cached;
  if (process.env.OBSERVATORY_DATA) return (cached = process.env.OBSERVATORY_DATA);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return (cached = join(dir, 'data'));
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the data/ folder above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

export function readDataJson<T>(relative: string): T {
  const path = join(dataDir(), relative);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
}

/** A plain word list: one entry a line, '#' starts a comment. */
export function readDataList(relative: string): string[] {
  const path = join(dataDir(), relative);
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
}
