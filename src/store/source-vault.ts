// Sealing field-source identities: AES-256-GCM (authenticated: a changed byte fails to open, never decrypts to
// something else) under a key derived from the field-source key, and an HMAC of the name under a second derived
// key, so the record can tell "the same person" without holding the name. The key itself never enters the record.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { fieldSourceKey, type FieldSourceIdentity, type SealedFieldSource } from '../domain/field-source.js';

export interface SourceKey {
  /** Key for the identities' ciphertext. */
  seal: Buffer;
  /** Key for the blind index of names. */
  blind: Buffer;
  /** Fingerprint of the key (not the key): stored beside each identity. */
  id: string;
}

const VERSION = 'v1';

/** A 32-byte key written as 64 hex digits or as base64; anything else is refused with the reason. */
export function parseSourceKey(text: string): SourceKey {
  const t = text.trim();
  let raw: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(t)) raw = Buffer.from(t, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) raw = Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64');
  if (!raw || raw.length !== 32) throw new Error('the field-source key must be 32 bytes written as 64 hex digits or base64 (observatory keys generate makes one)');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', raw, Buffer.alloc(0), info, 32));
  return { seal: derive('observatory field-source identity'), blind: derive('observatory field-source name'), id: createHash('sha256').update(raw).digest('hex').slice(0, 16) };
}

/** A fresh key, as written in a key file or OBSERVATORY_SOURCE_KEY. */
export const newSourceKeyText = (): string => randomBytes(32).toString('hex');

export function sealFieldSource(key: SourceKey, identity: FieldSourceIdentity): SealedFieldSource {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.seal, nonce);
  const body = Buffer.concat([cipher.update(JSON.stringify(identity), 'utf8'), cipher.final()]);
  return {
    sealed: `${VERSION}:${Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64')}`,
    blind: blindName(key, identity.name),
    keyId: key.id,
  };
}

export function blindName(key: SourceKey, name: string): string {
  return createHmac('sha256', key.blind).update(fieldSourceKey(name), 'utf8').digest('hex');
}

/** The identity, or an error that says whether the key is the wrong one or the data was altered. */
export function openFieldSource(key: SourceKey, stored: { sealed: string; key_id: string }): FieldSourceIdentity {
  if (stored.key_id !== key.id) throw new Error(`this identity was sealed under another key (fingerprint ${stored.key_id}; the key given is ${key.id})`);
  const [version, b64] = stored.sealed.split(':');
  if (version !== VERSION || !b64) throw new Error('this identity is not in a format this version reads');
  const buf = Buffer.from(b64, 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.seal, buf.subarray(0, 12));
    decipher.setAuthTag(buf.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8')) as FieldSourceIdentity;
  } catch {
    throw new Error('this identity does not open: its stored bytes were altered');
  }
}
