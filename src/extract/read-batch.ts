// Batch input: one JSON object a line, {"id", "text", "published"?, "source"?, "title"?, "url"?}.
// Every line yields an item or an error naming the line; nothing is dropped silently.
import { cleanText } from '../domain/input-rules.js';

export const MAX_ITEM_CHARS = 1_000_000;

export interface BatchItem {
  line: number;
  id: string;
  text: string;
  published: string | null;
  source: string | null;
  title: string | null;
  /** The page the text was read from (ingest keeps it as the report's sighting; extraction does not read it). */
  url: string | null;
}

export interface BatchError {
  line: number;
  id: string | null;
  error: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseBatchLine(raw: string, line: number): BatchItem | BatchError | null {
  if (raw.trim() === '') return null;
  let obj: unknown;
  try {
    obj = JSON.parse(raw);
  } catch (e) {
    return { line, id: null, error: `line ${line}: not valid JSON (${(e as Error).message})` };
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return { line, id: null, error: `line ${line}: expected a JSON object` };
  const o = obj as Record<string, unknown>;
  // The id names the item in messages and in the record: a string or a number, cleaned as text is; else the line's number.
  const given = o.id === undefined || o.id === null ? '' : typeof o.id === 'string' || typeof o.id === 'number' ? cleanText(String(o.id)).trim() : null;
  if (given === null) return { line, id: null, error: `line ${line}: "id" must be a string or a number` };
  const id = given || String(line);
  if (typeof o.text !== 'string') return { line, id, error: `line ${line}: "text" is missing or not a string` };
  if (o.text.trim() === '') return { line, id, error: `line ${line}: "text" is empty` };
  if (o.text.length > MAX_ITEM_CHARS) return { line, id, error: `line ${line}: "text" is ${o.text.length} characters, over the limit of ${MAX_ITEM_CHARS}` };
  if (o.published !== undefined && o.published !== null && (typeof o.published !== 'string' || !DATE.test(o.published)))
    return { line, id, error: `line ${line}: "published" must be YYYY-MM-DD` };
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);
  return { line, id, text: o.text, published: str(o.published), source: str(o.source), title: str(o.title), url: str(o.url) };
}

export function isBatchError(x: BatchItem | BatchError): x is BatchError {
  return 'error' in x;
}
