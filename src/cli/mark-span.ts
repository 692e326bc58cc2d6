// Shows the sentence a span sits in, with the span marked: ANSI underline on a terminal, [[ ]] elsewhere.
import type { Span } from '../domain/types.js';

/** The sentence around `span` in `text`, the span marked. Falls back to the span's own words when the sentence is not found. */
export function markSpan(text: string, sentence: string, span: Span, tty: boolean): string {
  const [open, close] = tty ? ['\x1b[4m', '\x1b[24m'] : ['[[', ']]'];
  const valid = span.end > span.start && span.end <= text.length;
  // The sentence whose occurrence holds the span: a sentence can repeat, so search back from the span.
  let at = valid ? text.lastIndexOf(sentence, span.start) : -1;
  if (at >= 0 && at + sentence.length < span.end) at = -1;
  if (at < 0 || !sentence) {
    if (!valid) return sentence;
    return `${open}${text.slice(span.start, span.end)}${close}`;
  }
  const s = span.start - at;
  const e = span.end - at;
  return `${sentence.slice(0, s)}${open}${sentence.slice(s, e)}${close}${sentence.slice(e)}`;
}
