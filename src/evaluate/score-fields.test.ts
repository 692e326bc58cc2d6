// The scorer compares each field the way shared/eval/README.md says; these cases pin that reading.
import { describe, expect, it } from 'vitest';
import type { ReportSummary } from '../domain/types.js';
import { sameName, scoreAll, scoreOne, weaponClassOf } from './score-fields.js';

function summary(over: Partial<ReportSummary>): ReportSummary {
  return {
    killed: 0, killed_low: 0, killed_civilians: 0, wounded: null, wounded_low: null, captured: null, captured_low: null,
    date: null, country: null, admin1: null, location: null, perpetrator_bloc: 'unknown', perpetrator: null,
    event_type: null, sub_event_type: null, weapon: null, ...over,
  };
}

describe('names compared once stop words are set aside', () => {
  const cases: Array<[string | null, string, boolean]> = [
    ['Taliban', 'Taliban (suspected)', true],
    ['Islamic State', 'Islamic State of Iraq and the Levant', true],
    ['al-Shabaab', 'Al-Shabaab', true],
    ["New People's Army", 'New Peoples Army', true],
    ['Boko Haram', 'Islamic State', false],
    ['forces', 'Taliban', false],
    [null, 'Hamas', false],
    ['Kandahar', 'Kandahar city', true],
    ['Kabul', 'Kandahar', false],
  ];
  it.each(cases)('%s ~ %s: %s', (pred, gold, expected) => expect(sameName(pred, gold)).toBe(expected));
});

describe('weapon classes', () => {
  const cases: Array<[ReportSummary['weapon'], string | null]> = [
    ['car_bomb', 'explosives'], ['grenade', 'explosives'], ['air_strike', 'explosives'],
    ['shooting', 'firearms'], ['sniper', 'firearms'], ['stabbing', 'melee'], ['arson', 'incendiary'],
    ['chemical', 'chemical'], ['clash', null], ['vehicle_ramming', null], [null, null],
  ];
  it.each(cases)('%s -> %s', (weapon, cls) => expect(weaponClassOf(weapon)).toBe(cls));
});

describe('fields scored', () => {
  it('counts a missing wounded figure as zero, and a missing perpetrator as a miss', () => {
    const s = scoreOne(summary({ wounded: null }), { wounded: 0, perpetrator: 'Hamas' });
    expect(s).toEqual({ wounded: true, perpetrator: false });
  });
  it('takes one country however it is spelled', () => {
    expect(scoreOne(summary({ country: 'Democratic Republic of the Congo' }), { country: 'DR Congo' }).country).toBe(true);
    expect(scoreOne(summary({ country: 'Iraq' }), { country: 'Iran' }).country).toBe(false);
  });
  it('takes a null event type as the answer for a report coded none', () => {
    expect(scoreOne(summary({ event_type: null }), { event_type: 'none' }).event_type).toBe(true);
    expect(scoreOne(summary({ event_type: 'Battles' }), { event_type: 'none' }).event_type).toBe(false);
    expect(scoreOne(summary({ event_type: null }), { event_type: 'Battles' }).event_type).toBe(false);
  });
  it('compares the place by name words', () => {
    expect(scoreOne(summary({ location: { name: 'Baqubah', lat: null, lon: null } }), { place: 'Baqubah' }).place).toBe(true);
    expect(scoreOne(summary({ location: null }), { place: 'Baqubah' }).place).toBe(false);
  });
  it('splits killed into reports with deaths and without', () => {
    const rows = scoreAll([
      { pred: summary({ killed: 3 }), gold: { killed: 3 } },
      { pred: summary({ killed: 0 }), gold: { killed: 5 } },
      { pred: summary({ killed: 0 }), gold: { killed: 0 } },
    ]);
    expect(rows.find((r) => r.field === 'killed (where deaths)')).toEqual({ field: 'killed (where deaths)', hits: 1, total: 2 });
    expect(rows.find((r) => r.field === 'killed (where none)')).toEqual({ field: 'killed (where none)', hits: 1, total: 1 });
  });
});
