// Counts the lines of a file for a progress bar's total; 0 (an unknown total) for files too large to read at once.
import { readFileSync, statSync } from 'node:fs';

export function countLines(path: string): number {
  if (statSync(path).size > 500_000_000) return 0;
  const buf = readFileSync(path);
  let n = 0;
  for (let i = 0; i < buf.length; i++) if (buf[i] === 10) n++;
  return n + (buf.length && buf[buf.length - 1] !== 10 ? 1 : 0);
}
