// One incident as the list and the exports show it, from short reports written for the project.
import { describe, expect, it } from 'vitest';
import { extractReport } from '../extract/pipeline.js';
import { observationsFrom } from './from-extraction.js';
import { linkIncidents } from './link-incidents.js';
import { summarizeIncident } from './summarize-incident.js';

const told = (id: string, source: string, published: string, text: string) => observationsFrom(extractReport(text, { published, source }), id, source);

describe('an incident as one record', () => {
  const obs = [
    ...told('r1', 'AFP', '2016-05-08', 'Air strikes on the town of Atareb killed 14 civilians on Saturday, the Syrian Observatory for Human Rights said.'),
    ...told('r2', 'Reuters', '2016-05-08', 'Residents said warplanes struck a market in Atareb on Saturday, killing 15 civilians.'),
    ...told('r3', 'dpa', '2016-05-09', 'Civil defence workers said 16 civilians died when jets bombed Atareb on Saturday.'),
  ];
  const incidents = linkIncidents(obs);

  it('is one record for three outlets, with the best figure once and the range around it', () => {
    expect(incidents).toHaveLength(1);
    const s = summarizeIncident(incidents[0]);
    expect(s).toMatchObject({ dateStart: '2016-05-07', location: 'Atarib', country: 'Syria', reports: 3, subType: 'Air/drone strike' });
    expect(s.deaths).toMatchObject({ low: 14, best: 14, high: 16 });
    expect(s.groups).toEqual([{ group: 'civilians', low: 14, best: 14, high: 16, vague: false }]);
    expect(s.claimants).toHaveLength(3);
    expect(s.status).toBe('corroborated');
  });

  it('is single-source when one report tells it', () => {
    const [one] = linkIncidents(told('r4', 'AFP', '2016-06-02', 'A car bomb killed 9 people in Azaz on Wednesday, the Syrian Observatory for Human Rights said.'));
    expect(summarizeIncident(one)).toMatchObject({ status: 'single-source', reports: 1, location: 'Azaz' });
  });
});
