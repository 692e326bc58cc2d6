// Events and claims as an analyst's table: each statement becomes a sourced claim, and killings an
// event with its date, place, actors and ACLED type. Sentences written for the project.
import { describe, expect, it } from 'vitest';
import { extractReport } from './pipeline.js';

const PUB = '2014-05-14'; // a Wednesday

function events(text: string) {
  return extractReport(text, { published: PUB }).events;
}

describe('the date of an event', () => {
  const cases: Array<[string, string]> = [
    ['Gunmen killed three farmers near Kunduz on Monday.', '2014-05-12'],
    ['Troops raided a compound in Zabul province on Tuesday. Four insurgents were killed in the raid.', '2014-05-13'],
    ['A roadside bomb killed two policemen in Ghazni.', PUB],
  ];
  it.each(cases)('%s -> %s', (text, date) => {
    expect(events(text).find((e) => e.fatalities.length > 0)?.date?.start).toBe(date);
  });

  it('a date stamp above the story does not date what the body tells', () => {
    const text = 'Ministry press office, 14 May 2014\nCommandos cleared two villages in Wardak on Monday. Six insurgents were killed.';
    expect(events(text).find((e) => e.fatalities.some((f) => f.best === 6))?.date?.start).toBe('2014-05-12');
  });
});

describe('claims keep who said what and where it came from', () => {
  it('cites the sentence and the claimant', () => {
    const x = extractReport('Police said a bomb killed seven people at a bus station in Quetta.', { published: PUB });
    const claim = x.claims.find((c) => c.measure === 'killed')!;
    expect(claim.sentence).toContain('killed seven people');
    expect(claim.claimant_kind).not.toBe('monitor');
    expect(x.events[0].claims).toContain(claim.id);
  });

  it('joins the wounded to the killing of the same sentence', () => {
    const x = extractReport('A suicide car bomb killed nine soldiers and wounded 14 in Mogadishu.', { published: PUB });
    const e = x.events.find((ev) => ev.fatalities.length > 0)!;
    const measures = e.claims.map((id) => x.claims.find((c) => c.id === id)!.measure);
    expect(measures).toEqual(expect.arrayContaining(['killed', 'wounded']));
    expect(e.weapon).toBe('suicide_bomb');
    expect(e.location?.country).toBe('Somalia');
  });
});

describe('no event', () => {
  it('a death sentence kills nobody', () => {
    expect(extractReport('A court in Kabul sentenced three men to death on Sunday for a bombing.', { published: PUB }).claims.filter((c) => c.measure === 'killed')).toEqual([]);
  });

  it('a flood that kills is a disaster, not political violence', () => {
    expect(extractReport('Floods swept through three districts of Sindh, killing 40 people.', { published: PUB }).summary.event_type).toBeNull();
  });
});

describe('one incident, one event', () => {
  it('the wounded told in the next sentence join the killing, not a second event', () => {
    const x = extractReport('Artillery shelled the old market of Idlib on Monday, killing six civilians. At least 12 other people were wounded when shells hit the market.', { published: PUB });
    expect(x.events).toHaveLength(1);
    expect(x.summary.wounded).toBe(12);
  });
});
