// `observatory keys generate [--out FILE]` and `observatory keys rotate --new-key-file FILE`: the field-source key.
// Rotation opens every identity with the current key and seals it under the new one in one transaction: all are
// moved or none. A lost key cannot be recovered, and neither can the identities sealed under it.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { readKeyFile } from '../../store/source-key.js';
import { newSourceKeyText, openFieldSource, sealFieldSource } from '../../store/source-vault.js';
import { UserError } from '../user-error.js';
import { withStore } from '../with-store.js';
import { sourceKeyOption } from './source-key-option.js';

export interface KeysOpts {
  db?: string;
  out?: string;
  keyFile?: string;
  newKeyFile?: string;
}

export async function runKeys(action: string, opts: KeysOpts, out: Writable = process.stdout): Promise<void> {
  if (action === 'generate') {
    const key = newSourceKeyText();
    if (!opts.out) return void out.write(`${key}\n`);
    let fd: number;
    try {
      // Created owner-only, and never over an existing file: overwriting a key loses every identity sealed with it.
      fd = openSync(opts.out, 'wx', 0o600);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UserError(code === 'EEXIST' ? `${opts.out}: exists already; a key file is never overwritten` : `${opts.out}: cannot create (${code})`);
    }
    writeSync(fd, `${key}\n`);
    closeSync(fd);
    process.stderr.write(`wrote a new field-source key to ${opts.out} (mode 600); keep a copy somewhere safe: without it no identity can be read\n`);
  } else if (action === 'rotate') {
    if (!opts.newKeyFile) throw new UserError('--new-key-file is needed (observatory keys generate --out FILE makes one)', 2);
    const current = sourceKeyOption(opts, true);
    let next;
    try {
      next = readKeyFile(opts.newKeyFile);
    } catch (e) {
      throw new UserError((e as Error).message);
    }
    if (next.id === current.id) throw new UserError('the new key is the current key');
    await withStore(opts.db, async (store) => {
      let n: number;
      try {
        n = await store.resealFieldSources((stored) => sealFieldSource(next, openFieldSource(current, stored)));
      } catch (e) {
        throw new UserError(`nothing was changed: ${(e as Error).message}`);
      }
      out.write(`resealed ${n} field source${n === 1 ? '' : 's'} under the key ${next.id}; use the new key from now on\n`);
    });
  } else {
    throw new UserError(`keys: the action must be generate or rotate, got "${action}"`, 2);
  }
}
