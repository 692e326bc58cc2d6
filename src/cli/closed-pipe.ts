// `observatory export ... | head`: the reader leaving early is not an error, so the command ends quietly.
import type { Writable } from 'node:stream';

export function exitQuietlyOnClosedPipe(out: Writable): void {
  if (out !== process.stdout) return;
  out.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}
