// Where the field-source key comes from: OBSERVATORY_SOURCE_KEY, or a key file (OBSERVATORY_SOURCE_KEY_FILE or
// --key-file) readable by its owner only. Never from the record: whoever holds a copy of the database without
// the key holds ciphertext.
import { readFileSync, statSync } from 'node:fs';
import { parseSourceKey, type SourceKey } from './source-vault.js';

export const NO_KEY = 'no field-source key: set OBSERVATORY_SOURCE_KEY or OBSERVATORY_SOURCE_KEY_FILE (a file of mode 0600); nothing was stored';

/** The key, or null when none is configured. A configured key that is unsafe or malformed is an error, never ignored. */
export function findSourceKey(opts: { keyFile?: string } = {}, env: NodeJS.ProcessEnv = process.env): SourceKey | null {
  const file = opts.keyFile ?? env.OBSERVATORY_SOURCE_KEY_FILE;
  if (file) return readKeyFile(file);
  const inline = env.OBSERVATORY_SOURCE_KEY;
  if (inline) {
    try {
      return parseSourceKey(inline);
    } catch (e) {
      throw new Error(`OBSERVATORY_SOURCE_KEY: ${(e as Error).message}`);
    }
  }
  return null;
}

/** The key, or the one-line reason there is none. */
export function requireSourceKey(opts: { keyFile?: string } = {}, env: NodeJS.ProcessEnv = process.env): SourceKey {
  const key = findSourceKey(opts, env);
  if (!key) throw new Error(NO_KEY);
  return key;
}

export function readKeyFile(path: string): SourceKey {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (e) {
    throw new Error(`${path}: cannot read the field-source key file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  // Like ssh with a private key: a key others can read is refused, not used.
  if (mode & 0o077) throw new Error(`${path}: the field-source key file is readable by others (mode ${(mode & 0o777).toString(8)}); chmod 600 it`);
  try {
    return parseSourceKey(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
}
