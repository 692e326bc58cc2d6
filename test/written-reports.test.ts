// The written development set (test/fixtures/written-reports.jsonl) is measured, not asserted:
// `node dist/cli/main.js eval test/fixtures/written-reports.jsonl`. This test only keeps the file
// well-formed, so that every line is read and every gold field is one the scorer compares.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SYRIA_BLOCS } from '../src/domain/types.js';
import { FIELDS } from '../src/evaluate/score-fields.js';
import { readDataJson } from '../src/extract/data-dir.js';
import { isBatchError, parseBatchLine } from '../src/extract/read-batch.js';

const FILE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'written-reports.jsonl');
const GENRES = ['pr', 'acled', 'gtd', 'news', 'syria'];

// The scorer compares coordinates as one field from two gold keys.
const GOLD_KEYS = new Set<string>([...FIELDS.filter((f) => f !== 'coordinates'), 'latitude', 'longitude']);
const COUNTS = ['killed', 'killed_civilians', 'wounded', 'captured'];
const TEXT_FIELDS = ['admin1', 'country', 'place', 'perpetrator'];
// The values the eval README lists for these fields.
const CAUSES = new Set(['shelling', 'explosion', 'chemical', 'shooting', 'execution', 'unknown']);
const WEAPON_CLASSES = new Set(['explosives', 'firearms', 'incendiary', 'melee', 'chemical']);

interface Line {
  id: string;
  text: string;
  published: string;
  source: string;
  gold: Record<string, unknown>;
}

const lines: Line[] = readFileSync(FILE, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Line);

const subTypes = new Map<string, string[]>(
  readDataJson<{ acled: { eventTypes: Array<{ event_type: string; sub_event_types: string[] }> } }>('lexicon/triggers.json').acled.eventTypes.map(
    (e) => [e.event_type, e.sub_event_types],
  ),
);

function isRealDate(s: unknown): boolean {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(s + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** What is wrong with one line's gold, as short messages; empty when it is well-formed. */
function goldProblems(line: Line): string[] {
  const g = line.gold;
  const out: string[] = [];
  for (const k of Object.keys(g)) if (!GOLD_KEYS.has(k)) out.push(`unknown gold field ${k}`);
  for (const k of COUNTS) if (k in g && !(Number.isInteger(g[k]) && (g[k] as number) >= 0)) out.push(`${k} is not a count`);
  for (const k of TEXT_FIELDS) if (k in g && !(typeof g[k] === 'string' && (g[k] as string).trim())) out.push(`${k} is empty`);
  if ('date' in g && !isRealDate(g.date)) out.push(`date ${String(g.date)} is not a calendar date`);
  if ('date' in g && isRealDate(g.date) && (g.date as string) > line.published) out.push('event date after publication');
  if ('killed_civilians' in g && (g.killed_civilians as number) > ((g.killed as number | undefined) ?? Infinity)) out.push('more civilians than dead');
  if ('cause' in g && !CAUSES.has(g.cause as string)) out.push(`cause ${String(g.cause)}`);
  if ('weapon_class' in g && !WEAPON_CLASSES.has(g.weapon_class as string)) out.push(`weapon_class ${String(g.weapon_class)}`);
  if ('perpetrator_bloc' in g && !(SYRIA_BLOCS as readonly string[]).includes(g.perpetrator_bloc as string)) out.push(`bloc ${String(g.perpetrator_bloc)}`);
  if ('event_type' in g) {
    const et = g.event_type as string;
    const subs = subTypes.get(et);
    if (et === 'none') {
      if ('sub_event_type' in g) out.push('a report of no event has no sub-event type');
    } else if (!subs) out.push(`event type ${et}`);
    else if ('sub_event_type' in g && !subs.includes(g.sub_event_type as string)) out.push(`${String(g.sub_event_type)} is not a sub-event of ${et}`);
  } else if ('sub_event_type' in g) out.push('sub-event type without its event type');
  if (('latitude' in g) !== ('longitude' in g)) out.push('one coordinate without the other');
  if ('latitude' in g && !(typeof g.latitude === 'number' && Math.abs(g.latitude) <= 90)) out.push('latitude out of range');
  if ('longitude' in g && !(typeof g.longitude === 'number' && Math.abs(g.longitude) <= 180)) out.push('longitude out of range');
  return out;
}

describe('written development set', () => {
  it('reads every line as a report the eval command accepts', () => {
    const raw = readFileSync(FILE, 'utf8').split('\n');
    const errors = raw.map((l, i) => parseBatchLine(l, i + 1)).filter((x) => x !== null && isBatchError(x));
    expect(errors).toEqual([]);
    for (const l of lines) {
      expect(isRealDate(l.published), `${l.id} published`).toBe(true);
      expect(typeof l.source === 'string' && l.source.trim() !== '', `${l.id} source`).toBe(true);
    }
  });

  it('gives every report a unique id whose prefix names its genre', () => {
    const ids = lines.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(GENRES, id).toContain(id.split(':')[0]);
  });

  it.each(lines.map((l) => [l.id, l] as const))('%s: gold fields are ones the scorer knows, with valid values', (_id, line) => {
    expect(Object.keys(line.gold).length).toBeGreaterThan(0);
    expect(goldProblems(line)).toEqual([]);
  });

  it('sees a malformed gold line as malformed', () => {
    const bad: Line = {
      id: 'x:1',
      text: 'x',
      published: '2020-01-31',
      source: 'x',
      gold: { killed: -1, date: '2020-02-30', event_type: 'Battles', sub_event_type: 'Arrests', latitude: 95, deaths: 3 },
    };
    expect(goldProblems(bad)).toEqual([
      'unknown gold field deaths',
      'killed is not a count',
      'date 2020-02-30 is not a calendar date',
      'Arrests is not a sub-event of Battles',
      'one coordinate without the other',
      'latitude out of range',
    ]);
  });
});
