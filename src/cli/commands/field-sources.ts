// `observatory field-sources list|show N|reads [N]`: the people on the ground. `list` shows pseudonyms only;
// `show` opens one identity with the field-source key and a reason, and the read is logged before it is shown.
// Whoever runs this holds the database and the key: the log names them by their login.
import { userInfo } from 'node:os';
import type { Writable } from 'node:stream';
import { pseudonym } from '../../domain/field-source.js';
import { openFieldSource } from '../../store/source-vault.js';
import { textTable } from '../text-table.js';
import { UserError } from '../user-error.js';
import { withReadStore, withStore } from '../with-store.js';
import { sourceKeyOption } from './source-key-option.js';

export interface FieldSourcesOpts {
  db?: string;
  reason?: string;
  keyFile?: string;
}

export async function runFieldSources(action: string, n: string | undefined, opts: FieldSourcesOpts, out: Writable = process.stdout): Promise<void> {
  if (action === 'list') {
    await withReadStore(opts.db, async (store) => {
      const rows = await store.listFieldSources();
      if (rows.length === 0) return void out.write('no field sources in the record\n');
      out.write(textTable(['pseudonym', 'reports', 'first seen'], rows.map((r) => [r.pseudonym, String(r.reports), r.created_at.slice(0, 16)]), 40));
    });
  } else if (action === 'show') {
    const number = sourceNumber(n);
    const reason = opts.reason?.trim();
    if (!reason) throw new UserError('--reason is needed: why the identity must be read (it is logged with who and when)', 2);
    const key = sourceKeyOption(opts, true);
    await withStore(opts.db, async (store) => {
      const stored = await store.readFieldSource(number, `cli ${userInfo().username}`, reason);
      if (!stored) throw new UserError(`no ${pseudonym(number)} (observatory field-sources list shows them)`);
      let id;
      try {
        id = openFieldSource(key, stored);
      } catch (e) {
        throw new UserError(`${pseudonym(number)}: ${(e as Error).message}`);
      }
      out.write(`${pseudonym(number)}\n  name: ${id.name}\n  contact: ${id.contact ?? ''}\n  place: ${id.place ?? ''}\n  relation: ${id.relation ?? ''}\n  notes: ${id.notes ?? ''}\n`);
      process.stderr.write('this read is logged (observatory field-sources reads)\n');
    });
  } else if (action === 'reads') {
    const number = n === undefined ? undefined : sourceNumber(n);
    await withReadStore(opts.db, async (store) => {
      const reads = await store.fieldSourceReads(number);
      if (reads.length === 0) return void out.write('no identity has been read\n');
      out.write(textTable(['when', 'source', 'reader', 'reason'], reads.map((r) => [r.read_at.slice(0, 19), r.pseudonym, r.reader, r.reason]), 60));
    });
  } else {
    throw new UserError(`field-sources: the action must be list, show or reads, got "${action}"`, 2);
  }
}

function sourceNumber(n: string | undefined): number {
  const number = Number(n);
  if (!n || !Number.isInteger(number) || number < 1) throw new UserError('give the number of the field source (7 for "field source 7")', 2);
  return number;
}
