// Reconciliation scenarios, each told as the short reports an analyst would receive. Reports are
// written for the project; places and dates are real, events are invented.
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extract/pipeline.js';
import { casualtyRange } from './casualty-range.js';
import { controlAt, controlTimeline } from './control-timeline.js';
import { observationsFrom } from './from-extraction.js';
import { linkIncidents } from './link-incidents.js';
import type { Observation } from '../domain/observation.js';
import { checkPeriodTotals, reckon, tally } from './tally.js';

interface Report {
  id: string;
  source: string;
  published: string;
  text: string;
}

function observe(reports: Report[]): Observation[] {
  return reports.flatMap((r) => observationsFrom(extractReport(r.text, { published: r.published, source: r.source }), r.id, r.source));
}

const killingIncidents = (obs: Observation[]) => linkIncidents(obs).filter((i) => casualtyRange(i).status !== 'no-figures');

describe('one incident told by three outlets', () => {
  const reports: Report[] = [
    { id: 'r1', source: 'AFP', published: '2016-05-08', text: 'Air strikes on the town of Atareb killed 14 civilians on Saturday, the Syrian Observatory for Human Rights said.' },
    { id: 'r2', source: 'Reuters', published: '2016-05-08', text: 'Residents said warplanes struck a market in Atareb on Saturday, killing 17 people.' },
    { id: 'r3', source: 'SANA', published: '2016-05-08', text: 'State news agency SANA said the army killed 40 terrorists in Atareb on Saturday.' },
  ];
  const incidents = killingIncidents(observe(reports));

  it('links them into one incident and says why', () => {
    expect(incidents).toHaveLength(1);
    expect(incidents[0].observations.map((o) => o.reportId).sort()).toEqual(['r1', 'r2', 'r3']);
    expect(incidents[0].links.every((l) => /same date/.test(l.why) && /Atar[ei]b/.test(l.why))).toBe(true);
  });

  it('keeps each figure and reads the partisan count of enemy dead as widening high only', () => {
    const f = casualtyRange(incidents[0]);
    const civ = f.groups.find((g) => g.group === 'civilians')!;
    expect(civ.best.value).toBe(14);
    const enemy = f.groups.find((g) => g.group === 'opposition')!;
    expect(enemy.best.value).toBeNull();
    expect(enemy.high.value).toBe(40);
    expect(enemy.reasoning.join(' ')).toMatch(/widens high only/);
    expect(f.claimants).toHaveLength(3);
  });
});

describe('a quote repeated by two wires', () => {
  const reports: Report[] = [
    { id: 'w1', source: 'AFP', published: '2017-03-12', text: 'A car bomb killed 9 people in Azaz on Saturday, the Syrian Observatory for Human Rights said.' },
    { id: 'w2', source: 'dpa', published: '2017-03-12', text: 'The Syrian Observatory for Human Rights said a car bomb killed 9 people in Azaz on Saturday.' },
  ];
  it('counts the same claimant and figure once', () => {
    const [inc] = killingIncidents(observe(reports));
    const f = casualtyRange(inc);
    expect(f.repeats).toHaveLength(1);
    expect(f.status).toBe('single-source');
    expect(f.total.best).toBe(9);
  });
});

describe('two incidents on the same day in neighbouring towns', () => {
  const reports: Report[] = [
    { id: 'n1', source: 'AFP', published: '2016-02-14', text: 'Shelling killed 6 civilians in Douma on Sunday, the Syrian Observatory for Human Rights said.' },
    { id: 'n2', source: 'AFP', published: '2016-02-14', text: 'Shelling killed 4 civilians in Harasta on Sunday, the Syrian Observatory for Human Rights said.' },
    { id: 'n3', source: 'Reuters', published: '2016-02-14', text: 'Shelling on Sunday killed civilians in Rural Damascus, activists said, without giving a number.' },
  ];
  it('keeps them apart even when a vaguer report could chain them', () => {
    const incidents = linkIncidents(observe(reports));
    const withDouma = incidents.find((i) => i.observations.some((o) => o.location?.name === 'Douma'))!;
    expect(withDouma.observations.some((o) => o.location?.name === 'Harasta')).toBe(false);
  });
});

describe('corroborated and contested', () => {
  it('marks agreeing independent claimants corroborated, and lists a disagreement', () => {
    const agree = killingIncidents(
      observe([
        { id: 'a1', source: 'AFP', published: '2016-08-06', text: 'An air strike killed 11 people in Saraqeb on Saturday, the Syrian Observatory for Human Rights said.' },
        { id: 'a2', source: 'Reuters', published: '2016-08-06', text: 'An air strike killed 12 people in Saraqeb on Saturday, local civil defence workers said.' },
      ]),
    );
    expect(casualtyRange(agree[0]).status).toBe('corroborated');
    const disagree = killingIncidents(
      observe([
        { id: 'd1', source: 'AFP', published: '2016-08-06', text: 'An air strike killed 11 people in Saraqeb on Saturday, the Syrian Observatory for Human Rights said.' },
        { id: 'd2', source: 'Reuters', published: '2016-08-06', text: 'An air strike killed 60 people in Saraqeb on Saturday, local civil defence workers said.' },
      ]),
    );
    const f = casualtyRange(disagree[0]);
    expect(f.status).toBe('contested');
    expect(f.disagreements[0]).toMatchObject({ a: { low: 11 }, b: { low: 60 } });
    expect(f.total).toMatchObject({ low: 11, best: 11, high: 60 });
  });
});

describe("a partisan count far above a monitor's", () => {
  const monitor = { id: 'm1', source: 'AFP', published: '2016-10-13', text: 'Clashes with the army killed 9 rebels near Morek on Thursday, the Syrian Observatory for Human Rights said.' };
  it('is contested, listed with both claimants and figures, and moves only high', () => {
    const [inc] = killingIncidents(
      observe([monitor, { id: 'm2', source: 'SANA', published: '2016-10-13', text: 'The army killed 90 terrorists near Morek on Thursday, state news agency SANA said.' }]),
    );
    const f = casualtyRange(inc);
    expect(f.status).toBe('contested');
    const [d] = f.disagreements;
    expect(d.group).toBe('opposition');
    expect([d.a, d.b].map((s) => [s.claimantKind, s.low, s.high]).sort()).toEqual([
      ['monitor', 9, 9],
      ['state-media', 90, 90],
    ]);
    expect(f.groups.find((g) => g.group === 'opposition')).toMatchObject({ low: { value: 9 }, best: { value: 9 }, high: { value: 90 } });
  });

  it('is contested when the partisan claim is only vague words ("scores of")', () => {
    const [inc] = killingIncidents(
      observe([monitor, { id: 'm3', source: 'SANA', published: '2016-10-13', text: 'The army killed scores of terrorists near Morek on Thursday, state news agency SANA said.' }]),
    );
    const f = casualtyRange(inc);
    expect(f.status).toBe('contested');
    expect(f.disagreements.map((d) => [d.a.kind, d.b.kind].sort())).toEqual([['exact', 'vague']]);
    expect(f.total).toMatchObject({ low: 9, best: 9 });
  });

  it('stays corroborated when the ranges overlap, and single-source when one claimant speaks', () => {
    const overlapping = killingIncidents(
      observe([
        { id: 'o1', source: 'AFP', published: '2016-10-13', text: 'Dozens of civilians were killed in shelling on Morek on Thursday, activists said.' },
        { id: 'o2', source: 'Reuters', published: '2016-10-13', text: 'Shelling killed 30 civilians in Morek on Thursday, the Syrian Observatory for Human Rights said.' },
      ]),
    );
    expect(casualtyRange(overlapping[0])).toMatchObject({ status: 'corroborated', disagreements: [] });
    const [alone] = killingIncidents(observe([monitor]));
    expect(casualtyRange(alone)).toMatchObject({ status: 'single-source', disagreements: [] });
  });
});

describe('a tally over reports with vague figures', () => {
  const reports: Report[] = [
    { id: 'v1', source: 'Reuters', published: '2017-04-03', text: 'Dozens of civilians were killed in shelling on Kafr Nabl on Monday, activists said.' },
    { id: 'v2', source: 'AFP', published: '2017-04-03', text: 'An air strike killed 8 civilians in Maarat al-Numan on Monday, the Syrian Observatory for Human Rights said.' },
    { id: 'v3', source: 'AFP', published: '2017-04-04', text: 'Shelling killed several people in Khan Sheikhoun on Tuesday, residents said.' },
    { id: 'v4', source: 'AFP', published: '2017-04-05', text: 'More than 30 people were killed by a car bomb in Jarablus on Wednesday, the Syrian Observatory for Human Rights said.' },
  ];
  const reckoned = reckon(linkIncidents(observe(reports)));

  it('counts the least the vague words say as best, and says how many incidents did so', () => {
    const rows = tally(reckoned, 'bloc');
    // "dozens" reads 24 to 99; "several" 3 to 9; "more than 30" at least 30.
    expect(rows.find((r) => r.key === 'civilians')).toMatchObject({ low: 32, best: 32, high: 107, incidents: 2, vague: 1 });
    expect(rows.find((r) => r.key === 'people')).toMatchObject({ low: 33, best: 33, incidents: 2, vague: 1 });
  });

  it('keeps low <= best <= high in every row, whatever a row is', () => {
    for (const by of ['bloc', 'admin1', 'country', 'actor', 'month'] as const) {
      for (const r of tally(reckoned, by)) expect(r.low <= r.best && r.best <= r.high, `${by} ${r.key}: ${r.low} / ${r.best} / ${r.high}`).toBe(true);
    }
    const [month] = tally(reckoned, 'month');
    expect(month).toMatchObject({ key: '2017-04', incidents: 4, vague: 2 });
  });
});

describe('a period total against its incidents', () => {
  const reports: Report[] = [
    { id: 'p1', source: 'AFP', published: '2016-03-06', text: 'Clashes killed 7 rebels near Daraa on Tuesday, the Syrian Observatory for Human Rights said.' },
    { id: 'p2', source: 'AFP', published: '2016-03-06', text: 'Fighting killed 5 rebels in Daraa on Thursday, the Syrian Observatory for Human Rights said.' },
    { id: 'p3', source: 'AFP', published: '2016-03-06', text: 'More than 30 rebels have been killed in Daraa province in the past week, the Syrian Observatory for Human Rights said.' },
  ];
  it('shows the gap between the stated total and the sum of incidents', () => {
    const obs = observe(reports);
    const reckoned = reckon(linkIncidents(obs));
    const [check] = checkPeriodTotals(obs, reckoned);
    expect(check.stated.best).toBe(30);
    expect(check.sumOfIncidents).toBe(12);
    expect(check.gap).toBe(18);
    // The period total itself is no incident: the tally holds 12, not 42.
    const [row] = tally(reckoned, 'bloc').filter((r) => r.key === 'opposition');
    expect(row.best).toBe(12);
    expect(row.claims.length).toBeGreaterThan(0);
  });
});

describe('territorial control', () => {
  const reports: Report[] = [
    { id: 't1', source: 'AFP', published: '2016-02-07', text: 'Government forces captured the town of Atman on Saturday, the Syrian Observatory for Human Rights said.' },
    { id: 't2', source: 'AFP', published: '2016-02-21', text: 'Rebels recaptured the town of Atman on Saturday, the Syrian Observatory for Human Rights said.' },
    { id: 't3', source: 'AFP', published: '2016-02-28', text: 'The army is aiming to encircle the town of Nawa, a commander said.' },
  ];
  it('records a change and its reversal, and knows the holder on each date', () => {
    const timeline = controlTimeline(linkIncidents(observe(reports)));
    const [atman] = [...timeline.values()];
    expect(atman.map((c) => [c.date, c.takerBloc, c.from])).toEqual([
      ['2016-02-06', 'pro-government', null],
      ['2016-02-20', 'opposition', 'pro-government'],
    ]);
    expect(controlAt(timeline, '2016-02-10')[0].takerBloc).toBe('pro-government');
    expect(controlAt(timeline, '2016-02-25')[0].takerBloc).toBe('opposition');
    expect([...timeline.keys()].some((k) => /Nawa/.test(k))).toBe(false);
  });
});

describe('analyst decisions', () => {
  it('unlink separates what the rules joined; link joins what they kept apart', () => {
    const obs = observe([
      { id: 'x1', source: 'AFP', published: '2016-05-08', text: 'Air strikes killed 14 civilians in Atareb on Saturday, the Syrian Observatory for Human Rights said.' },
      { id: 'x2', source: 'Reuters', published: '2016-05-08', text: 'Warplanes killed 17 people in Atareb on Saturday, residents said.' },
    ]);
    const [a, b] = obs.filter((o) => o.claims.some((c) => c.measure === 'killed'));
    expect(linkIncidents(obs).find((i) => i.observations.includes(a))!.observations).toContain(b);
    const apart = linkIncidents(obs, [{ a: a.id, b: b.id, decision: 'unlink' }]);
    expect(apart.find((i) => i.observations.includes(a))!.observations).not.toContain(b);
  });
});
