// Where a claim sits in its report: the sentence around its span, found the way the CLI's markSpan finds it
// (a sentence can repeat, so the occurrence holding the span is the one searched back from the span).
import type { Mark } from './dom.js';

export function sentenceAround(text: string, sentence: string, span: { start: number; end: number }): { start: number; end: number } | null {
  if (!sentence) return null;
  const at = text.lastIndexOf(sentence, span.start);
  if (at < 0 || at + sentence.length < span.end) {
    const first = text.indexOf(sentence);
    return first >= 0 ? { start: first, end: first + sentence.length } : null;
  }
  return { start: at, end: at + sentence.length };
}

export function claimMarks(text: string, claim: { id: string; sentence: string; span: { start: number; end: number }; claimant: string }, kind: string): Mark[] {
  const marks: Mark[] = [];
  const s = sentenceAround(text, claim.sentence, claim.span);
  if (s) marks.push({ ...s, kind: `sentence ${kind}`, title: `claim by ${claim.claimant}`, id: `s-${claim.id}` });
  if (claim.span.end > claim.span.start) marks.push({ ...claim.span, kind: `span ${kind}`, title: `claim by ${claim.claimant}` });
  return marks;
}
