// A field source: a person on the ground who sends reports. Who they are is kept encrypted and shown only to
// source handlers; everyone else sees a stable pseudonym, so a source's reliability can still be judged.

/** What a handler records about a field source. Only `name` is required. */
export interface FieldSourceIdentity {
  name: string;
  contact: string | null;
  place: string | null;
  relation: string | null;
  notes: string | null;
}

/** The identity as stored: sealed under the field-source key, never readable without it. */
export interface SealedFieldSource {
  /** Authenticated ciphertext of the identity ("v1:" + base64 of nonce, tag and ciphertext). */
  sealed: string;
  /** Keyed hash of the normalized name: the same person gets the same pseudonym without the name being stored. */
  blind: string;
  /** Which key sealed it (a fingerprint, not the key): a wrong key is named as such, not as corrupt data. */
  keyId: string;
}

/** The name everyone but a handler sees. */
export const pseudonym = (n: number): string => `field source ${n}`;

const LIMITS: Record<keyof FieldSourceIdentity, number> = { name: 200, contact: 500, place: 200, relation: 200, notes: 4000 };

/**
 * The identity cleaned for storage, or why it cannot be stored. Messages never repeat what was given:
 * an error can end up in a log, and the identity must not.
 */
export function checkFieldSource(input: Partial<Record<keyof FieldSourceIdentity, unknown>>): FieldSourceIdentity | { error: string } {
  const out = { name: '', contact: null, place: null, relation: null, notes: null } as FieldSourceIdentity;
  for (const k of Object.keys(LIMITS) as (keyof FieldSourceIdentity)[]) {
    const v = input[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') return { error: `field source: ${k} must be text` };
    // Control characters never belong in a name or a note; whitespace is folded.
    const clean = v.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
    if (clean.length > LIMITS[k]) return { error: `field source: ${k} is longer than ${LIMITS[k]} characters` };
    (out as unknown as Record<string, string | null>)[k] = clean === '' ? null : clean;
  }
  if (!out.name) return { error: 'field source: a name is needed (the handler\'s name for the person, kept encrypted)' };
  return out;
}

/** How a name is compared for "the same person": case, accents and spacing aside. */
export function fieldSourceKey(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
