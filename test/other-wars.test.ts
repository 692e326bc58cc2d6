// The same engine on other wars: reports written for the project in the style of wire copy from
// Afghanistan, Yemen, Ukraine, Somalia and Iraq. Blocs, regions and means must come out as an
// analyst of each war would code them.
import { describe, expect, it } from 'vitest';
import { extractReport } from '../src/extract/pipeline.js';

const cases: Array<[string, Record<string, unknown>]> = [
  [
    'A Taliban suicide bomber killed 12 policemen in Lashkar Gah, the capital of Helmand province, officials said on Tuesday.',
    { killed: 12, country: 'Afghanistan', admin1: 'Helmand', perpetrator_bloc: 'insurgents', weapon: 'suicide_bomb' },
  ],
  [
    'Air strikes by the Saudi-led coalition killed nine civilians in the port city of Hodeidah on Monday, residents said.',
    { killed: 9, killed_civilians: 9, country: 'Yemen', perpetrator_bloc: 'saudi-led-coalition', weapon: 'air_strike' },
  ],
  [
    'A Russian missile strike on an apartment block in Kharkiv killed seven people, including two children, the regional governor said on Sunday.',
    { killed: 7, country: 'Ukraine', admin1: 'Kharkiv', perpetrator_bloc: 'russia', weapon: 'missile' },
  ],
  [
    'Gunmen from al-Shabaab stormed a hotel in Mogadishu, killing at least 15 people, police said.',
    { killed: 15, country: 'Somalia', perpetrator_bloc: 'jihadist' },
  ],
  [
    "An Islamic State car bomb killed 23 people at a market in Baghdad's Sadr City district on Thursday, police and medical sources said.",
    { killed: 23, country: 'Iraq', admin1: 'Baghdad', perpetrator_bloc: 'islamic-state', weapon: 'car_bomb' },
  ],
];

describe('other wars', () => {
  it.each(cases)('%s', (text, expected) => {
    const { summary } = extractReport(text, { published: '2019-06-16' });
    expect(summary).toMatchObject(expected);
  });
});
