// Stage 1. Cleans a report's text without moving any character: every replacement keeps the
// length, so a span in the normalized text is also a span in what the user gave us.

const CURLY_SINGLE = /[\u2018\u2019\u201A\u201B\u2032\u00B4`]/g;
const CURLY_DOUBLE = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g;
const SPACES = /[\u00A0\u2000-\u200B\u202F\u205F\u3000\uFEFF\t\f\v]/g;
// Control characters other than newline: binary junk and stray carriage returns.
const CONTROLS = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g;
// Markup pasted in with the story: tags and entities are blanked, not removed, to keep offsets.
const TAGS = /<\/?[A-Za-z][^<>]{0,500}>|<!--[\s\S]{0,2000}?-->/g;
const ENTITIES = /&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,6});/g;

const blank = (s: string) => ' '.repeat(s.length);

export function normalizeText(raw: string): string {
  // NFC first: the only step that may change length, and only for decomposed input.
  return raw
    .normalize('NFC')
    .replace(CONTROLS, ' ')
    .replace(TAGS, blank)
    .replace(ENTITIES, blank)
    .replace(CURLY_SINGLE, "'")
    .replace(CURLY_DOUBLE, '"')
    .replace(DASHES, '-')
    .replace(SPACES, ' ');
}
