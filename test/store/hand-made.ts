// A ReportInput made by hand, so store tests do not depend on the extraction engine's current output.
import type { ReportInput } from '../../src/store/store.js';

export function handMadeReport(text: string, opts: { published?: string; fatalities?: number; admin1?: string; actor?: string; claimant?: string } = {}): ReportInput {
  const published = opts.published ?? '2015-02-16';
  const date = { start: '2015-02-15', end: '2015-02-15', precision: 'day' as const };
  const fatalities = [{ group: 'opposition', low: opts.fatalities ?? 12, best: opts.fatalities ?? 12, high: opts.fatalities ?? 12, kind: 'exact' as const }];
  const span = { start: 0, end: Math.min(text.length, 20) };
  const sentence = text;
  return {
    text,
    meta: { published, source: 'Reuters', title: null },
    extraction: {
      summary: { killed: 12, killed_civilians: 0, captured: null, date: '2015-02-15', country: 'Syria', admin1: opts.admin1 ?? 'Rural Damascus', location: null, perpetrator_bloc: 'pro-government', event_type: 'Battles', sub_event_type: 'Armed clash', weapon: null },
      claims: [{ id: 'c1', claimant: opts.claimant ?? 'Syrian Observatory for Human Rights', claimant_kind: 'monitor', publisher: 'Reuters', scope: 'incident', measure: 'killed', fatalities, date, weapon: null, span, sentence, rule: 'test:hand-made' }],
      events: [
        {
          id: 'e1', type: 'Battles', sub_type: 'Armed clash', date,
          location: { name: 'south of Damascus', admin1: opts.admin1 ?? 'Rural Damascus', country: 'Syria', lat: 33.41, lon: 36.3, precision: 'near' },
          actors: [{ name: opts.actor ?? 'Syrian army', bloc: 'pro-government', role: 'perpetrator' }, { name: 'rebels', bloc: 'opposition', role: 'victim' }],
          fatalities, weapon: null, claims: ['c1'], scope: 'incident', sentence, span,
        },
      ],
    },
  };
}
