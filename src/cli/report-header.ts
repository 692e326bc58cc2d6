// A report file may start with a small header (Title:, Published:, Source:) ended by a blank line;
// the header gives the report's metadata and is not part of its text.
import type { ReportMeta } from '../domain/types.js';

const KEYS: Record<string, 'title' | 'published' | 'source'> = { title: 'title', published: 'published', date: 'published', source: 'source' };

export interface HeaderSplit {
  meta: Partial<Pick<ReportMeta, 'title' | 'published' | 'source'>>;
  body: string;
  /** Lines the header took, so a problem in it can name its line. */
  lines: number;
}

export function splitReportHeader(text: string): HeaderSplit {
  const lines = text.split(/\r?\n/);
  const meta: Partial<ReportMeta> = {};
  let i = 0;
  for (; i < lines.length; i++) {
    const m = /^([A-Za-z]+):\s*(.*)$/.exec(lines[i]);
    const key = m ? KEYS[m[1].toLowerCase()] : undefined;
    if (!m || !key) break;
    meta[key] = m[2].trim() || null;
  }
  // Only "Key: value" lines followed by a blank line make a header; anything else is the report itself.
  if (i === 0 || i >= lines.length || lines[i].trim() !== '') return { meta: {}, body: text, lines: 0 };
  return { meta, body: lines.slice(i + 1).join('\n'), lines: i + 1 };
}
