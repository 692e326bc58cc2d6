// The small language of alert conditions, and whether an incident meets an alert. A condition is clauses joined
// by "and": a figure compared to a whole number ("killed >= 10", "civilians killed > 0", "wounded >= 25"), or the
// word "control" (the incident is a change of territorial control). Filters on place, perpetrator and type, and
// "within" (the incident's last day no older than that), narrow it. Pure: parsing gives one clear line on error.
import type { Checked } from './input-rules.js';

export const FIELDS = ['killed', 'civilians killed', 'wounded', 'captured', 'reports', 'claimants'] as const;
export type Field = (typeof FIELDS)[number];
const SYNONYMS: Record<string, Field> = { 'killed civilians': 'civilians killed', civilians: 'civilians killed', deaths: 'killed', dead: 'killed', injured: 'wounded', sources: 'claimants' };

export const OPERATORS = ['>=', '>', '=', '<=', '<'] as const;
export type Operator = (typeof OPERATORS)[number];

export type Clause = { field: Field; op: Operator; value: number } | { control: true };

export interface AlertRule {
  clauses: Clause[];
  /** Case-insensitive, exact. */
  country?: string | null;
  admin1?: string | null;
  /** The perpetrator's bloc, exact. */
  bloc?: string | null;
  /** ACLED event type or sub-type, case-insensitive. */
  type?: string | null;
  /** Only incidents whose last day is no older than this many seconds before now. */
  withinSeconds?: number | null;
}

/** What an alert reads of an incident. A figure no report gives is null, and meets no comparison. */
export interface IncidentFacts {
  figures: Record<Field, number | null>;
  /** A change of territorial control. */
  control: boolean;
  country: string | null;
  admin1: string | null;
  bloc: string | null;
  type: string;
  subType: string;
  /** YYYY-MM-DD */
  dateEnd: string | null;
}

const MAX_VALUE = 10_000_000;

/** "killed >= 10 and civilians killed > 0" as clauses, or the first problem in one line. */
export function parseCondition(text: string): Checked<Clause[]> {
  const src = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!src) return { error: "the condition is empty: give one such as 'killed >= 10' (fields: " + FIELDS.join(', ') + "; or 'control')" };
  const clauses: Clause[] = [];
  for (const part of src.split(/ and /)) {
    const p = part.trim();
    if (p === 'control' || p === 'control change') {
      clauses.push({ control: true });
      continue;
    }
    if (/\b(or|not)\b/.test(p)) return { error: `"${p}": only "and" joins conditions (no "or", no "not"); make two alerts for "or"` };
    const named = /^([a-z]+(?: [a-z]+)*)\s*(.*)$/.exec(p);
    const name = named?.[1] ?? p;
    const field = (FIELDS as readonly string[]).includes(name) ? (name as Field) : SYNONYMS[name];
    if (!field) return { error: `unknown field "${name}" in "${p}" (fields: ${FIELDS.join(', ')}; or "control" for a change of territorial control)` };
    const compared = /^(>=|<=|=>|=<|==|!=|<>|>|<|=)?\s*(.*)$/.exec(named![2])!;
    const op = compared[1];
    if (!op) return { error: `"${p}": expected a comparison after "${name}": one of ${OPERATORS.join(', ')} and a whole number, as in "${name} >= 10"` };
    if (!(OPERATORS as readonly string[]).includes(op)) return { error: `"${p}": "${op}" is not a comparison here; use one of ${OPERATORS.join(', ')}` };
    const raw = compared[2].trim();
    if (!/^\d+$/.test(raw)) return { error: `"${p}": expected a whole number after "${name} ${op}", got ${raw ? `"${raw}"` : 'nothing'}` };
    const value = Number(raw);
    if (value > MAX_VALUE) return { error: `"${p}": ${raw} is over ${MAX_VALUE.toLocaleString('en')}` };
    clauses.push({ field, op: op as Operator, value });
  }
  return clauses;
}

const UNIT_SECONDS: Record<string, number> = { m: 60, h: 3600, d: 86_400, w: 604_800 };

/** "24h", "90m", "7d", "2w" as seconds. */
export function parseWithin(text: string): Checked<number> {
  const m = /^\s*(\d+)\s*(m|min|h|d|w)\s*$/i.exec(text);
  if (!m || Number(m[1]) === 0) return { error: `expected a span such as 90m, 24h, 7d or 2w, got "${text}"` };
  return Number(m[1]) * UNIT_SECONDS[m[2][0].toLowerCase()];
}

const compare = (x: number, op: Operator, y: number) => (op === '>=' ? x >= y : op === '>' ? x > y : op === '=' ? x === y : op === '<=' ? x <= y : x < y);
const same = (a: string | null | undefined, b: string | null) => !a || (b !== null && a.toLowerCase() === b.toLowerCase());

export function meetsRule(rule: AlertRule, f: IncidentFacts, now: Date): boolean {
  if (!same(rule.country, f.country) || !same(rule.admin1, f.admin1)) return false;
  if (rule.bloc && rule.bloc !== f.bloc) return false;
  if (rule.type && rule.type.toLowerCase() !== f.type.toLowerCase() && rule.type.toLowerCase() !== f.subType.toLowerCase()) return false;
  if (rule.withinSeconds) {
    const since = new Date(now.getTime() - rule.withinSeconds * 1000).toISOString().slice(0, 10);
    if (!f.dateEnd || f.dateEnd < since) return false;
  }
  return rule.clauses.every((c) => {
    if ('control' in c) return f.control;
    const v = f.figures[c.field];
    return v !== null && compare(v, c.op, c.value);
  });
}
