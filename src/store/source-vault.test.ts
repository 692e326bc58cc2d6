// Sealing identities: what opens, what does not, and what the record can tell without the name.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findSourceKey, NO_KEY, readKeyFile, requireSourceKey } from './source-key.js';
import { blindName, newSourceKeyText, openFieldSource, parseSourceKey, sealFieldSource } from './source-vault.js';

const key = parseSourceKey(newSourceKeyText());
const other = parseSourceKey(newSourceKeyText());
const nadia = { name: 'Nadia Haddad', contact: '+000 555 0101', place: 'a village near the river', relation: 'nurse at the clinic', notes: null };
const dir = mkdtempSync(join(tmpdir(), 'observatory-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sealing a field source', () => {
  it('opens with the key it was sealed under', () => {
    const s = sealFieldSource(key, nadia);
    expect(openFieldSource(key, { sealed: s.sealed, key_id: s.keyId })).toEqual(nadia);
  });

  it('holds nothing of the identity in clear', () => {
    const s = sealFieldSource(key, nadia);
    const stored = JSON.stringify(s);
    for (const part of ['Nadia', 'Haddad', '555', 'clinic', 'river']) expect(stored).not.toContain(part);
  });

  it('seals the same identity differently each time (a fresh nonce), while the name hash stays the same', () => {
    const a = sealFieldSource(key, nadia);
    const b = sealFieldSource(key, nadia);
    expect(a.sealed).not.toBe(b.sealed);
    expect(a.blind).toBe(b.blind);
  });

  it('knows the same person whatever the case, accents or spacing of the name', () => {
    expect(blindName(key, 'nadia  haddad')).toBe(blindName(key, 'Nadia Haddad'));
    expect(blindName(key, 'Nádia Haddad')).toBe(blindName(key, 'Nadia Haddad'));
    expect(blindName(key, 'Nadia Hadad')).not.toBe(blindName(key, 'Nadia Haddad'));
  });

  it('gives another name hash under another key: the hash alone does not link records kept under different keys', () => {
    expect(blindName(other, 'Nadia Haddad')).not.toBe(blindName(key, 'Nadia Haddad'));
  });

  it('says a wrong key is a wrong key', () => {
    const s = sealFieldSource(key, nadia);
    expect(() => openFieldSource(other, { sealed: s.sealed, key_id: s.keyId })).toThrow(/sealed under another key/);
  });

  it('refuses altered bytes rather than decrypting them to something else', () => {
    const s = sealFieldSource(key, nadia);
    const bytes = Buffer.from(s.sealed.slice(3), 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => openFieldSource(key, { sealed: `v1:${bytes.toString('base64')}`, key_id: s.keyId })).toThrow(/altered/);
  });
});

describe('the field-source key', () => {
  it('reads 64 hex digits or base64 of 32 bytes, and nothing shorter', () => {
    const hex = newSourceKeyText();
    expect(parseSourceKey(hex).id).toBe(parseSourceKey(Buffer.from(hex, 'hex').toString('base64')).id);
    expect(() => parseSourceKey('secret')).toThrow(/32 bytes/);
    expect(() => parseSourceKey(hex.slice(0, 62))).toThrow(/32 bytes/);
  });

  it('is refused from a file others can read, as ssh refuses a private key', () => {
    const file = join(dir, 'open.key');
    writeFileSync(file, newSourceKeyText());
    chmodSync(file, 0o644);
    expect(() => readKeyFile(file)).toThrow(/readable by others \(mode 644\); chmod 600/);
    chmodSync(file, 0o600);
    expect(readKeyFile(file).id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('comes from the environment, a file first; none configured is null, and required it is one clear line', () => {
    const file = join(dir, 'env.key');
    const text = newSourceKeyText();
    writeFileSync(file, text, { mode: 0o600 });
    expect(findSourceKey({}, {})).toBeNull();
    expect(findSourceKey({}, { OBSERVATORY_SOURCE_KEY: text })!.id).toBe(parseSourceKey(text).id);
    expect(findSourceKey({}, { OBSERVATORY_SOURCE_KEY_FILE: file, OBSERVATORY_SOURCE_KEY: newSourceKeyText() })!.id).toBe(parseSourceKey(text).id);
    expect(() => findSourceKey({}, { OBSERVATORY_SOURCE_KEY: 'short' })).toThrow(/^OBSERVATORY_SOURCE_KEY: /);
    expect(() => requireSourceKey({}, {})).toThrow(NO_KEY);
  });
});
