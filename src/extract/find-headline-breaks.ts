// Stage 2a. Web copy often runs the headline and a date line into the first sentence
// ("Seven dead in blast AFP Sunday 1 Feb 2015 At least seven people were killed ...").
// This finds where the headline and such a date line end, so the splitter can break there.
import { readDataJson } from './data-dir.js';

let dateLine: RegExp | null = null;
const PREPOSITION_BEFORE = /(?<![A-Za-z])(?:on|in|of|since|from|until|till|by|before|after|to|between|and)\s*$/i;

/** The first full date within the top of the text (a label or weekday before it stays on the headline's side). */
function getDateLine(): RegExp {
  if (dateLine) return dateLine;
  const { monthWords } = readDataJson<{ monthWords: Record<string, number> }>('lexicon/dates.json');
  const month = `(?:${Object.keys(monthWords).sort((a, b) => b.length - a.length).join('|')})[a-z]*\\.?`;
  const date = `(?:\\d{1,2}\\s+${month},?\\s+\\d{4}|${month}\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}[-./]\\d{1,2}[-./]\\d{4})`;
  return (dateLine = new RegExp(`^([\\s\\S]{0,160}?)${date}(?:\\s+\\d{1,2}:\\d{2}(?:\\s*[AP]M)?)?`, 'i'));
}

export function findHeadlineBreaks(text: string, title: string | null): number[] {
  const breaks: number[] = [];
  if (title && title.trim().length >= 12) {
    const at = text.slice(0, 400).toLowerCase().indexOf(title.trim().toLowerCase());
    if (at >= 0) breaks.push(at + title.trim().length);
  }
  const m = getDateLine().exec(text);
  // "On 4 June 2021, gunmen ...", "killed on 4 June 2021 in ...": a sentence's own date is no date line.
  const inSentence = m && (PREPOSITION_BEFORE.test(m[1]) || /^\s*,?\s*[a-z]/.test(text.slice(m[0].length, m[0].length + 4)));
  if (m && !inSentence) breaks.push(m[0].length);
  return [...new Set(breaks)].sort((x, y) => x - y);
}
