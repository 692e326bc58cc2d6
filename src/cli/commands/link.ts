// `observatory link A B` / `unlink A B`: an analyst's decision that two events are (or are not) one
// incident, kept with the history; `observatory links` prints that history.
import type { Writable } from 'node:stream';
import { textTable } from '../text-table.js';
import { UserError } from '../user-error.js';
import { exitQuietlyOnClosedPipe } from '../closed-pipe.js';
import { withReadStore, withStore } from '../with-store.js';

export interface LinkOpts {
  db?: string;
  note?: string;
  analyst?: string;
}

export async function runLink(decision: 'link' | 'unlink', a: string, b: string, opts: LinkOpts, out: Writable = process.stdout): Promise<void> {
  exitQuietlyOnClosedPipe(out);
  if (a === b) throw new UserError('give two different event ids');
  await withStore(opts.db, async (store) => {
    try {
      const d = await store.recordLinkDecision({ a, b, decision, note: opts.note ?? null, analyst: opts.analyst ?? process.env.USER ?? null });
      out.write(`${d.decision === 'link' ? 'linked' : 'unlinked'} ${d.a} and ${d.b} (${d.decided_at})\n`);
    } catch (e) {
      throw new UserError((e as Error).message);
    }
  });
}

export async function runLinks(opts: { db?: string }, out: Writable = process.stdout): Promise<void> {
  exitQuietlyOnClosedPipe(out);
  await withReadStore(opts.db, async (store) => {
    const history = await store.linkDecisions();
    out.write(textTable(['decided at', 'decision', 'event a', 'event b', 'analyst', 'note'], history.map((d) => [d.decided_at, d.decision, d.a, d.b, d.analyst ?? '', d.note ?? ''])));
    out.write(`${history.length} decisions\n`);
  });
}
