import { describe, expect, it } from 'vitest';
import { meetsRule, parseCondition, parseWithin, type IncidentFacts } from './alert-condition.js';
import { failed } from './input-rules.js';

describe('parseCondition', () => {
  const good: [string, unknown][] = [
    ['killed >= 10', [{ field: 'killed', op: '>=', value: 10 }]],
    ['  Killed  >=10 ', [{ field: 'killed', op: '>=', value: 10 }]],
    ['civilians killed > 0 and wounded >= 25', [{ field: 'civilians killed', op: '>', value: 0 }, { field: 'wounded', op: '>=', value: 25 }]],
    ['killed civilians = 3', [{ field: 'civilians killed', op: '=', value: 3 }]],
    ['captured <= 5 and reports < 2', [{ field: 'captured', op: '<=', value: 5 }, { field: 'reports', op: '<', value: 2 }]],
    ['control', [{ control: true }]],
    ['control and killed >= 1', [{ control: true }, { field: 'killed', op: '>=', value: 1 }]],
  ];
  for (const [text, want] of good) it(`reads "${text}"`, () => expect(parseCondition(text)).toEqual(want));

  const bad: [string, RegExp][] = [
    ['', /^the condition is empty/],
    ['kiled >= 10', /^unknown field "kiled" in "kiled >= 10" \(fields: killed, civilians killed/],
    ['killed >= ten', /expected a whole number after "killed >=", got "ten"$/],
    ['killed >=', /expected a whole number after "killed >=", got nothing$/],
    ['killed => 10', /"=>" is not a comparison here; use one of >=, >, =, <=, <$/],
    ['killed 10', /expected a comparison after "killed"/],
    ['killed >= 1.5', /expected a whole number/],
    ['killed >= 10 or wounded > 1', /only "and" joins conditions/],
    ['killed >= 99999999', /is over 10,000,000$/],
  ];
  for (const [text, error] of bad) {
    it(`refuses "${text}" in one line`, () => {
      const r = parseCondition(text);
      expect(failed(r) && r.error).toMatch(error);
      expect(failed(r) && r.error.includes('\n')).toBe(false);
    });
  }
});

describe('parseWithin', () => {
  it('reads minutes, hours, days and weeks', () => {
    expect([parseWithin('90m'), parseWithin('24h'), parseWithin('7d'), parseWithin('2w')]).toEqual([5400, 86_400, 604_800, 1_209_600]);
  });
  it('refuses anything else', () => {
    for (const t of ['', '24', 'soon', '0h', '-3d', '1y']) expect(failed(parseWithin(t))).toBe(true);
  });
});

describe('meetsRule', () => {
  const facts: IncidentFacts = {
    figures: { killed: 12, 'civilians killed': 12, wounded: null, captured: null, reports: 2, claimants: 1 },
    control: false,
    country: 'Syria',
    admin1: 'Idlib',
    bloc: 'pro-government',
    type: 'Explosions/Remote violence',
    subType: 'Air/drone strike',
    dateEnd: '2017-03-06',
  };
  const now = new Date('2017-03-07T12:00:00Z');
  const rule = (when: string, more = {}) => ({ clauses: parseCondition(when) as Exclude<ReturnType<typeof parseCondition>, { error: string }>, ...more });
  // Rows: the alert, whether the incident above meets it.
  const rows: [string, object, boolean][] = [
    ['killed >= 10', {}, true],
    ['killed > 12', {}, false],
    ['killed = 12 and civilians killed >= 1', {}, true],
    ['wounded >= 0', {}, false],
    ['reports >= 2', {}, true],
    ['control', {}, false],
    ['killed >= 10', { country: 'syria', admin1: 'IDLIB' }, true],
    ['killed >= 10', { admin1: 'Aleppo' }, false],
    ['killed >= 10', { bloc: 'pro-government' }, true],
    ['killed >= 10', { bloc: 'opposition' }, false],
    ['killed >= 10', { type: 'air/drone strike' }, true],
    ['killed >= 10', { type: 'Explosions/Remote violence' }, true],
    ['killed >= 10', { type: 'Battles' }, false],
    ['killed >= 10', { withinSeconds: 86_400 }, true],
    ['killed >= 10', { withinSeconds: 3600 }, false],
  ];
  for (const [when, more, meets] of rows) it(`${meets ? 'meets' : 'does not meet'} "${when}" ${JSON.stringify(more)}`, () => expect(meetsRule(rule(when, more), facts, now)).toBe(meets));

  it('meets "control" on a change of control only', () => {
    expect(meetsRule(rule('control'), { ...facts, control: true }, now)).toBe(true);
  });
  it('meets no "within" alert when the incident has no date', () => {
    expect(meetsRule(rule('killed >= 1', { withinSeconds: 604_800 }), { ...facts, dateEnd: null }, now)).toBe(false);
  });
});
