// The field-source key for a command: --key-file, else OBSERVATORY_SOURCE_KEY_FILE or OBSERVATORY_SOURCE_KEY.
import { findSourceKey, NO_KEY } from '../../store/source-key.js';
import type { SourceKey } from '../../store/source-vault.js';
import { UserError } from '../user-error.js';

export function sourceKeyOption(opts: { keyFile?: string }, required: true): SourceKey;
export function sourceKeyOption(opts: { keyFile?: string }, required: false): SourceKey | null;
export function sourceKeyOption(opts: { keyFile?: string }, required: boolean): SourceKey | null {
  let key: SourceKey | null;
  try {
    key = findSourceKey({ keyFile: opts.keyFile });
  } catch (e) {
    throw new UserError((e as Error).message);
  }
  if (!key && required) throw new UserError(NO_KEY);
  return key;
}
