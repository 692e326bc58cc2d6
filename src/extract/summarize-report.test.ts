// The headline incident, read as an analyst reads a lead: one figure, its update, its whole.
import { describe, expect, it } from 'vitest';
import { extractReport } from './pipeline.js';

const PUB = '2016-10-17';
const killed = (text: string, title?: string) => extractReport(text, { published: PUB, title: title ?? null }).summary.killed;

describe('headline incident', () => {
  it('takes the lead figure, not a later detail', () => {
    expect(killed('Air strikes killed 12 civilians in Idlib on Monday, a monitor said. Four of them were children. A separate blast killed two people in Hama.')).toBe(12);
  });

  it('takes a later, larger toll of the same attack', () => {
    expect(killed('Rockets killed 12 civilians in Aleppo on Monday. State television said the death toll rose to 40.')).toBe(40);
  });

  it('takes the whole when the lead figure is part of it', () => {
    expect(killed('Strikes on two clinics in Idlib on Monday left 10 people dead. They were among 19 people killed in strikes across the province on Monday, the monitor said.')).toBe(19);
  });

  it('takes a headline total that the body confirms over a lead that gives only its first part', () => {
    const text = 'Rockets killed 12 civilians in the Sheikh Maqsoud district of Aleppo on Saturday. Later in the day 28 more civilians were killed in rocket fire on the Hamdaniyeh district of Aleppo.';
    expect(killed(text, '40 civilians killed in rocket attacks on Aleppo')).toBe(40);
  });

  it('never counts a period total or a cumulative toll into the headline', () => {
    expect(killed('Shelling killed 5 people in Hama on Sunday. More than 300,000 people have been killed since the war began in 2011.')).toBe(5);
  });

  it('prefers a figure the text gives over one person named in passing', () => {
    expect(killed('The army killed a notorious commander in the hills on Monday. In the town, 40 people were killed by shelling.')).toBe(40);
  });
});

describe('the attackers in the toll', () => {
  const s = (text: string) => extractReport(text, { published: PUB }).summary;

  it('adds the attackers killed to an incident summary, once', () => {
    expect(s('Three gunmen attacked the checkpoint, killing two guards. All three attackers were killed.').killed).toBe(5);
    expect(s('Militants stormed the post and killed 15 soldiers. Several Taliban were also killed in the clashes.').killed_low).toBe(18);
  });

  it("keeps a news report's toll to the victims, the bomber on a line of his own", () => {
    const text = [
      'A suicide bomber blew himself up outside the shrine on Friday, killing 20 people, a monitor said.',
      'The monitor said at least 30 people were wounded in the blast.',
      'The shrine had been attacked twice before this year.',
      'Security around religious sites was stepped up after the attack.',
    ].join(' ');
    const x = extractReport(text, { published: PUB });
    expect(x.summary.killed).toBe(20);
    expect(x.events[0].fatalities).toContainEqual(expect.objectContaining({ group: 'attackers', best: 1 }));
  });

  it.each([
    ['A suicide car bomber struck an army base near the border, killing 9 soldiers.', 10],
    ['Two suicide bombers attacked a crowded bus station, killing 14 people.', 16],
    ['A suicide attack on a police post killed 6 officers, including the bomber.', 6],
    ['A would-be suicide bomber was arrested before he could reach the market.', 0],
    ['A roadside bomb struck a convoy, killing 9 soldiers.', 9],
    ['A suicide car bomber struck an army base near the border, killing 9 soldiers, officials said.', 9],
    ['Twin suicide bombings killed 10 people at a bus station.', 12],
    ['Suicide bombers killed two people at a camp for displaced families.', 4],
  ])('an incident summary counts its suicide bomber among the dead: %s -> %i', (text, n) => {
    expect(s(text).killed).toBe(n);
  });

  it.each([
    ['Gunmen stormed the hotel lobby, killing 5 guests. The attackers were killed in the shootout.', 7],
    ['Gunmen stormed the hotel lobby, killing 5 guests. Both gunmen were shot dead by guards.', 7],
    ['Gunmen stormed the hotel lobby, killing 5 guests. The attackers were wounded in the shootout.', 5],
    ['Gunmen stormed the hotel lobby, killing 5 guests. The attackers were arrested after the shootout.', 5],
    ['Gunmen stormed the hotel lobby, threatening to kill the guests. The attackers surrendered.', 0],
  ])('plural attackers killed without a figure are at least two: %s -> %i', (text, n) => {
    expect(s(text).killed).toBe(n);
  });

  it.each([
    ['A district governor and four of his guards were killed when their car hit a mine.', 5],
    ['Eight pupils and a teacher were killed when a shell struck the school.', 9],
    ['A farmer and two of his sons were shot dead in their orchard.', 3],
    ['Nine soldiers and a civilian were wounded in the ambush.', 0],
    ['Two guards were killed and nine others received injuries in the blast.', 2],
    ['Three officers were killed and three others were left wounded in the ambush.', 3],
    ['Two guards were killed and ten people including four pupils were injured in the blast.', 2],
    ['A village headman was abducted and later killed by rebels in the district.', 1],
  ])('one person coordinated with a figure counts one more: %s -> %i', (text, n) => {
    expect(s(text).killed).toBe(n);
  });

  it('a news report under a headline keeps its toll to the victims', () => {
    const text = 'Car bomb kills nine soldiers at border base\n\nA suicide car bomber struck an army base near the border on Sunday, killing 9 soldiers, the ministry said.';
    expect(killed(text)).toBe(9);
  });

  it('reads the wounded from their own sentence when the deaths are told apart', () => {
    const x = s('Two soldiers were killed in the ambush near the pass. Eleven others were wounded.');
    expect([x.killed, x.wounded]).toEqual([2, 11]);
  });
});

describe("a report that names no place is coded in the named group's home country", () => {
  const country = (text: string) => extractReport(text, { published: PUB, title: null }).summary.country;
  it.each([
    // text, country (null: nothing says it)
    ['Armed naxals torched three trucks at a road site.', 'India'],
    ['Naxalite cadres shot dead a village headman.', 'India'],
    // negatives: a word that names no group, and a group at home in many countries
    ['Armed rebels torched three trucks at a road site.', null],
    ['Fulani herdsmen attacked a farming village at night.', null],
  ])('%s', (text, expected) => {
    expect(country(text)).toBe(expected);
  });
});
