// What the record keeps of a report's wording to recognise the same story told again (syndicated wire copy,
// a republished article): a similarity sketch over its word shingles, and where its figures and dates stand.
// Made by src/extract/sketch-text.ts, compared by src/reconcile/same-story.ts, stored by src/store/sightings.ts.

/** Words per shingle: five, so that one changed word disturbs five shingles and a common phrase rarely repeats across stories. */
export const SHINGLE_WORDS = 5;
/** MinHash values per report. */
export const MINHASHES = 100;
/** LSH banding: BANDS bands of ROWS values. A pair at Jaccard 0.8 shares a band with probability 1 - (1 - 0.8^5)^20 = 0.9997;
 * at 0.5, 0.47; at 0.3, 0.05: near-duplicates are found, and few others are looked at. */
export const BANDS = 20;
export const ROWS = MINHASHES / BANDS;

export interface TextSketch {
  /** Words read (boilerplate lines left out). */
  words: number;
  /** MINHASHES minima, one per hash function, of the shingles' hashes (unsigned 32-bit). */
  minhash: Uint32Array;
  /** Every distinct shingle's 32-bit hash, ascending: the exact Jaccard of two reports is computed on these. */
  shingles: Uint32Array;
  /** Figures and dates by where they stand: the two words before and the two after (joined by "|") and the figure
   * words there ("10", "monday", "march 4"); one pair per distinct place and figure. */
  figures: [string, string][];
}

/** MurmurHash3's finalizer: a bijection on 32 bits that mixes every input bit into every output bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The LSH band keys of a sketch: band number and 64 bits of its ROWS values, as text. Reports sharing a key are candidates. */
export function bandKeys(minhash: Uint32Array): string[] {
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h1 = 0x9747b28c ^ b;
    let h2 = 0x1b873593 ^ b;
    for (let r = 0; r < ROWS; r++) {
      const v = minhash[b * ROWS + r];
      h1 = fmix32(Math.imul(h1, 0x01000193) ^ v);
      h2 = fmix32(Math.imul(h2 ^ v, 0x85ebca6b) + 0x2f);
    }
    keys.push(`${b}:${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`);
  }
  return keys;
}
