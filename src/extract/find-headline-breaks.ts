// Stage 2a. Web copy often runs the headline and a date line into the first sentence
// ("Seven dead in blast AFP Sunday 1 Feb 2015 At least seven people were killed ...").
// This finds where the headline and such a date line end, so the splitter can break there.

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';
const WEEKDAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\\.?,?';
const DATE = `(?:\\d{1,2}\\s+${MONTH},?\\s+\\d{4}|${MONTH}\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}[-./]\\d{1,2}[-./]\\d{4})`;
const DATE_LINE = new RegExp(
  `^[\\s\\S]{0,160}?(?:\\b(?:Date of publication|Published(?: on)?|Posted on|Updated)\\s*:?\\s*)?(?:${WEEKDAY}\\s+)?${DATE}(?:\\s+\\d{1,2}:\\d{2}(?:\\s*[AP]M)?)?`,
  'i',
);

export function findHeadlineBreaks(text: string, title: string | null): number[] {
  const breaks: number[] = [];
  if (title && title.trim().length >= 12) {
    const at = text.slice(0, 400).toLowerCase().indexOf(title.trim().toLowerCase());
    if (at >= 0) breaks.push(at + title.trim().length);
  }
  const m = DATE_LINE.exec(text);
  if (m) breaks.push(m[0].length);
  return [...new Set(breaks)].sort((x, y) => x - y);
}
