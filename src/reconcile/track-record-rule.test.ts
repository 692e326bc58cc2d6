// The track-record rule (off by default): a claimant proven right on verified incidents sets the best ahead of
// the claimant kinds. Reports written for the project; places and dates are real, events invented.
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extract/pipeline.js';
import { casualtyRange, type RangeRules } from './casualty-range.js';
import { observationsFrom } from './from-extraction.js';
import { linkIncidents } from './link-incidents.js';
import type { TrackRecord } from './track-record.js';

const reports = [
  { id: 'm', source: 'AFP', text: 'Shelling killed 9 civilians in Maarat al-Numan on Tuesday, the Syrian Observatory for Human Rights said.' },
  { id: 'w', source: 'Reuters', text: 'Shelling killed 13 civilians in Maarat al-Numan on Tuesday, a local medic said.' },
];
const [incident] = linkIncidents(reports.flatMap((r) => observationsFrom(extractReport(r.text, { published: '2019-07-24', source: r.source }), r.id, r.source)));
const civilians = (rules?: RangeRules) => casualtyRange(incident, 'killed', rules).groups.find((g) => g.group === 'civilians')!;
const claimantOf = (kind: string) => incident.observations.flatMap((o) => o.claims).find((c) => c.claimantKind === kind)!.claimant;

function rules(claimant: string, incidents: number, agreed: number, minIncidents = 5, minAgreement = 0.8): RangeRules {
  const record: TrackRecord = { claimant, incidents, agreed, first: 0, agreement: agreed / incidents };
  return { trackRecord: { records: new Map([[claimant, record]]), minIncidents, minAgreement } };
}

describe('best figure with and without the track-record rule', () => {
  it('reads the two reports as one incident: a monitor and a witness disagree', () => {
    expect(incident.observations).toHaveLength(2);
    expect(claimantOf('monitor')).toMatch(/Observatory/);
    expect(claimantOf('witness')).toBeTruthy();
  });

  it('off (no rules): the monitor, the most reliable kind, sets the best', () => {
    expect(civilians().best.value).toBe(9);
    expect(civilians({}).reasoning.join(' ')).toMatch(/most reliable kind/);
  });

  it('on: the witness, right in 9 of 10 verified incidents, sets the best, and the reasoning says why', () => {
    const g = civilians(rules(claimantOf('witness'), 10, 9));
    expect(g.best.value).toBe(13);
    expect(g.reasoning.join(' ')).toMatch(/agreed with 9 of 10 verified incidents \(track-record rule\)/);
    // low and high are still every credible figure's.
    expect([g.low.value, g.high.value]).toEqual([9, 13]);
  });

  it('on, but the record is too short or too poor: the kinds decide as before', () => {
    expect(civilians(rules(claimantOf('witness'), 3, 3)).best.value).toBe(9);
    expect(civilians(rules(claimantOf('witness'), 10, 6)).best.value).toBe(9);
  });

  it('two proven claimants: the one with the better agreement', () => {
    const both: RangeRules = {
      trackRecord: {
        records: new Map([
          [claimantOf('monitor'), { claimant: claimantOf('monitor'), incidents: 20, agreed: 19, first: 0, agreement: 0.95 }],
          [claimantOf('witness'), { claimant: claimantOf('witness'), incidents: 10, agreed: 9, first: 0, agreement: 0.9 }],
        ]),
        minIncidents: 5,
        minAgreement: 0.8,
      },
    };
    expect(civilians(both).best.value).toBe(9);
  });
});
