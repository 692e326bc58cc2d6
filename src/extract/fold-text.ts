// The one fold of the pipeline: the key under which a word is looked up in every dictionary
// (actors, claimants, triggers, quantities, places), so a word folds the same way in all of them.

const MARKS = /\p{M}/gu;
/** Letters that NFD does not decompose into a base letter and a mark. */
const SPECIAL_LETTERS: Record<string, string> = {
  ı: 'i', ł: 'l', ø: 'o', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ð: 'd', ħ: 'h', ŧ: 't', ŀ: 'l', ĸ: 'k',
};
const SPECIAL = /[ıłøđßæœþðħŧŀĸ]/g;
/** Apostrophe-like marks, all read as the ASCII apostrophe. */
const APOSTROPHES = /[‘’ʿʾʻʼ`´′]/g;

/** Lowercased, diacritics removed, apostrophes made ASCII. */
export function foldKey(s: string): string {
  const lower = s.toLowerCase();
  // Fast path: plain ASCII needs no Unicode work.
  if (/^[\x00-\x7f]*$/.test(lower)) return lower;
  return lower.normalize('NFD').replace(MARKS, '').replace(SPECIAL, (c) => SPECIAL_LETTERS[c] ?? c).replace(APOSTROPHES, "'");
}
