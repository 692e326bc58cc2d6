// Reads a report file for the command line, refusing what is not a text report with one clear line.
import { readFileSync, statSync } from 'node:fs';
import { UserError } from './user-error.js';

export function readReportFile(path: string, maxChars: number): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new UserError(`${path}: no such file`);
  }
  if (size === 0) throw new UserError(`${path}: the file is empty`);
  if (size > maxChars * 4) throw new UserError(`${path}: ${size} bytes, over the limit of ${maxChars} characters for one report`);
  const buf = readFileSync(path);
  const problem = textProblem(buf);
  if (problem) throw new UserError(`${path}: ${problem}`);
  const text = buf.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new UserError(`${path}: the file holds only blank space`);
  return text;
}

/** Why a byte buffer is not a UTF-8 text report, or null when it is one. */
export function textProblem(buf: Buffer): string | null {
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) return 'looks like a binary file (it contains NUL bytes), not a text report';
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) return 'is UTF-16; save it as UTF-8';
  const line = firstBadLine(buf);
  return line === null ? null : `is not valid UTF-8 (first bad byte on line ${line}); convert it, e.g. iconv -f latin1 -t utf-8`;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The line of the first byte that is not UTF-8, or null. A U+FFFD written in the text is a character like any
 * other (a page saved with one is still UTF-8); only bytes that do not decode count. */
function firstBadLine(buf: Buffer): number | null {
  try {
    UTF8.decode(buf);
    return null;
  } catch {
    // No UTF-8 sequence holds a line feed byte, so each line decodes on its own.
    for (let line = 1, start = 0; start <= buf.length; line++) {
      const nl = buf.indexOf(10, start);
      const end = nl < 0 ? buf.length : nl;
      try {
        UTF8.decode(buf.subarray(start, end));
      } catch {
        return line;
      }
      start = end + 1;
    }
    return null;
  }
}
