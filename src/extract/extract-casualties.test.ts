// Casualty reading as an analyst's table: one sentence of our own, what it must (and must not) yield.
import { describe, expect, it } from 'vitest';
import { extractReport } from './pipeline.js';

const PUB = '2016-03-13'; // a Sunday

function killed(text: string) {
  const x = extractReport(text, { published: PUB });
  return x.claims.filter((c) => c.measure === 'killed');
}
const totals = (text: string) => killed(text).map((c) => c.fatalities.map((f) => [f.group, f.best ?? f.low, f.kind]));

describe('figures read as deaths', () => {
  const cases: Array<[string, Array<Array<[string, number | null, string]>>]> = [
    ['Shelling killed nine civilians in the village on Saturday.', [[['civilians', 9, 'exact']]]],
    ['At least 14 people were killed when a car bomb went off near the market.', [[['people', 14, 'lower-bound']]]],
    ['More than 30 soldiers died in the assault on the airbase near Hama.', [[['pro-government', 30, 'lower-bound']]]],
    ['Eleven Islamic State fighters were killed in the raid.', [[['islamic-state', 11, 'exact']]]],
    ['Five civilians including two children were among at least 17 people killed in the strikes.', [[['people', 17, 'lower-bound']]]],
    ['The blast left 8 dead and 30 wounded.', [[['people', 8, 'exact']]]],
    ['Dozens of civilians were killed in the bombardment.', [[['civilians', 24, 'vague']]]],
    ['Three International Rescue Committee (IRC) workers were killed on the road.', [[['civilians', 3, 'exact']]]],
    ['Five Caritas Relief Mission volunteers were killed near the camp.', [[['unknown', 5, 'exact']]]],
    ['31, including several policemen, were killed in the blast.', [[['people', 31, 'exact']]]],
    ['Six Dutch engineers from the aid agency were ambushed and killed on the highway.', [[['civilians', 6, 'exact']]]],
    ['The militia executed 14 villagers for trying to leave the town.', [[['civilians', 14, 'exact']]]],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(totals(text)).toEqual(expected);
  });

  it('counts named and single people with those they died with', () => {
    expect(killed('A man and his young daughter were killed when the shell hit their house in Homs.')[0].fatalities.reduce((n, f) => n + (f.best ?? 0), 0)).toBe(2);
    expect(killed('Commander Abu Khalid alongside nine of his comrades were killed in an ambush near Daraa.')[0].fatalities.reduce((n, f) => n + (f.best ?? 0), 0)).toBe(10);
    expect(totals('Raids on the market kill 21')).toEqual([[['people', 21, 'exact']]]);
  });

  it('keeps a subset inside its total: 26 including 9 children is 26', () => {
    const [c] = killed('The monitor said 26 people were killed, including nine children.');
    expect(c.fatalities).toHaveLength(1);
    expect(c.fatalities[0].best).toBe(26);
    expect(c.fatalities[0].includes).toEqual([{ what: 'children', count: 9 }]);
  });

  it('reads coordinated groups as separate lines', () => {
    const [c] = killed('The clashes near Idlib killed 12 rebels and seven soldiers.');
    expect(c.fatalities.map((f) => [f.group, f.best])).toEqual([
      ['opposition', 12],
      ['pro-government', 7],
    ]);
  });

  it('scopes period totals and cumulative tolls', () => {
    expect(killed('More than 60 fighters have been killed in the past week.')[0].scope).toBe('period-total');
    expect(killed('Over 300,000 people have been killed since the war began in 2011.')[0].scope).toBe('cumulative-toll');
    expect(killed('Two women were killed by a sniper on Friday.')[0].scope).toBe('incident');
  });

  it('keeps an unknown count unknown', () => {
    const [c] = killed('Several militants were killed, but the exact number was not known.');
    expect(c.fatalities.every((f) => f.best === null)).toBe(true);
  });
});

describe('figures that are not deaths', () => {
  const negatives = [
    'About 4,000 troops were taking part in the offensive.',
    'The army plans to deploy 2,000 more soldiers to the front.',
    'A 12-year-old boy was among the wounded.',
    'Twenty people were wounded in the shelling.',
    'The war, now in its 6th year, has displaced 11 million people.',
    'The 40-page report was published in 2015.',
    'He was sentenced to death by a court in 2014.',
    'Call the hotline on 555 0199 for information.',
    'A nurse at the clinic said most of the dead were farmers.',
    'At least 25 air strikes hit the district overnight.',
    'Rebels captured 15 soldiers near the base.',
    // No toll: a fraction of a person, and more dead than any event holds (nor the databases' integer columns).
    '2.5 people were killed in the shelling.',
    '10,000,001 civilians were killed in the village on Saturday.',
    '100000000000000000000 people were killed in the blast.',
    'Three billion people died in the bombardment.',
  ];
  it.each(negatives)('%s', (text) => {
    expect(killed(text).flatMap((c) => c.fatalities.filter((f) => f.best !== null))).toEqual([]);
  });

  it('counts wounded and captured apart from the dead', () => {
    const x = extractReport('The raid killed four people and wounded 23 others.', { published: PUB });
    expect(x.claims.map((c) => [c.measure, c.fatalities[0]?.best])).toEqual([
      ['killed', 4],
      ['wounded', 23],
    ]);
  });
});

const summary = (text: string) => extractReport(text, { published: PUB }).summary;

describe('single victims and named people', () => {
  const cases: Array<[string, number]> = [
    ['Gunmen shot dead a district judge outside his home in Kunduz.', 1],
    ['The army said it killed the commander, Mullah Rahmatullah, in a raid near the river.', 1],
    ['Hamid Karimov was killed by a roadside bomb on his way to the office.', 1],
    ['The driver and his son were killed when their truck hit a mine.', 2],
    ['One militia member died in the exchange of fire.', 1],
    ['A policeman was killed and two civilians were wounded in the blast.', 1],
    ['Militants ambushed the convoy, killing a soldier and an interpreter.', 2],
    ['An Iraqi soldier was killed and three others were injured by a mine.', 1],
    ['A Sufi cleric was hacked to death by men on motorbikes.', 1],
    ['A young farmer was beaten to death by the mob.', 1],
    ['A tailor from the Ahmadi community was shot dead outside his shop.', 1],
    ['A guard working at the consulate was killed in the grenade attack.', 1],
    ['A trader who was kidnapped in March was killed by his captors.', 1],
    ['A 52-year-old nurse and a police officer were killed in the shooting.', 2],
    ['A grenade hit the minibus, killing one of its passengers.', 1],
    ['Two blasts went off in the market on 4 June, killing one and injuring six.', 1],
    ['Fighters overran the hamlet, slaughtering seven herders.', 7],
    ['Raiders shot a village guard in the chest. Hours later he died of his wounds.', 1],
    ['The gunman was shot and later died in hospital.', 1],
    ['Both teachers were killed when the bomb went off.', 2],
  ];
  it.each(cases)('%s', (text, n) => {
    expect(summary(text).killed).toBe(n);
  });

  it('counts no one where nobody died, nobody is named, or a thing was destroyed', () => {
    expect(summary('No one was killed in the attack on the depot.').killed).toBe(0);
    expect(summary('A mosque was also destroyed by the strikes.').killed).toBe(0);
    expect(summary('A shopkeeper from the Hindu community was wounded in the attack.').killed).toBe(0);
    expect(summary('A trader who was kidnapped in March was released unharmed.').killed).toBe(0);
    expect(summary('A 30-year-old man was sentenced to death by the court.').killed).toBe(0);
    expect(summary('A teacher from the village survived the attack.').killed).toBe(0);
    expect(summary('Six Dutch engineers from the aid agency were ambushed and wounded on the highway.').killed).toBe(0);
    expect(summary('Gunmen threatened to kill 14 villagers for trying to leave the town.').killed).toBe(0);
    expect(summary('Eight guards were killed or injured in the raid.').killed).toBe(0);
    expect(summary('A grenade hit the minibus, wounding one of its passengers.').killed).toBe(0);
    expect(summary('Two blasts went off in the market on 4 June, injuring six.').killed).toBe(0);
    expect(summary('Raiders shot a village guard in the chest. He survived his wounds.').killed).toBe(0);
    expect(summary('Both teachers were wounded when the bomb went off.').killed).toBe(0);
    expect(summary('Three car bombings near the stadium killed one guard and wounded five.').killed).toBe(1);
  });

  it('counts a pronoun once, and never again for someone already counted', () => {
    expect(summary('A man stabbed two guards at the gate. He was shot dead by police.').killed).toBe(1);
    expect(summary('A pilot was killed by the rebels on Friday. He was killed after he ejected over the hills.').killed).toBe(1);
  });
});

describe('each figure belongs to its own verb', () => {
  it('never adds the wounded to the dead', () => {
    const s = summary('Five people were killed and nine injured when the bomb went off.');
    expect([s.killed, s.wounded]).toEqual([5, 9]);
  });

  it('reads a wounded-only report as no deaths', () => {
    const s = summary('A grenade attack wounded at least 12 shoppers in the market on Friday.');
    expect([s.killed, s.wounded, s.wounded_low]).toEqual([0, 12, 12]);
  });

  it('gives no death count for "killed or injured" or casualties', () => {
    expect(summary('The bombing killed or injured 40 people at the bus station.').killed).toBe(0);
    expect(summary('The shelling caused 30 casualties in the old town.').killed).toBe(0);
  });

  it('never reads the displaced as dead', () => {
    expect(summary('Hundreds of thousands have been killed and 11 million displaced since the war began.').killed).toBe(0);
  });

  it('never reads a force size, a death sentence or the attackers as dead', () => {
    expect(summary('Around 5,000 troops were taking part in the offensive on the town.').killed).toBe(0);
    expect(summary('The court sentenced the two men to death for the bombing.').killed).toBe(0);
    expect(summary('A nurse was killed by 3 gunmen near the clinic.').killed).toBe(1);
    expect(summary('Four gunmen killed eight police officers at the checkpoint.').killed).toBe(8);
  });

  it('reads written-out numbers', () => {
    expect(summary('Twenty-three villagers were killed in the raid.').killed).toBe(23);
    expect(summary('The attack killed eighty-seven people.').killed).toBe(87);
  });
});

describe('attackers who die are dead too, in their own group', () => {
  const lines = (text: string) => killed(text).flatMap((c) => c.fatalities.map((f) => [f.group, f.best]));

  it('adds a bomber who blew himself up, beside the victims', () => {
    expect(summary('A suicide bomber blew himself up at a checkpoint, killing four policemen.').killed).toBe(5);
    expect(lines('A suicide bomber blew himself up at a checkpoint, killing four policemen.')).toContainEqual(['attackers', 1]);
    expect(summary('Two suicide bombers blew themselves up at the gate of the base, killing six guards.').killed).toBe(8);
  });

  it('counts the bomber alone when no one else died', () => {
    expect(summary('A suicide bomber blew himself up near a police patrol; no one else was hurt.').killed).toBe(1);
  });

  it('never adds the bomber twice, nor one who was stopped', () => {
    expect(summary('A suicide bomber blew himself up at the shrine, killing 8 people including the bomber.').killed).toBe(8);
    expect(summary('A would-be suicide bomber was arrested before he blew himself up.').killed).toBe(0);
  });

  it('adds a gunman shot dead by the police', () => {
    expect(summary('A gunman killed two worshippers at the mosque. The gunman was shot dead by police.').killed).toBe(3);
  });
});

describe('detentions and captures', () => {
  it('counts people detained, arrested or abducted, summed over the operations of a release', () => {
    const text = 'Afghan and coalition forces detained two suspected insurgents in Kandahar province. In Helmand province, the security force detained one insurgent during a search of a compound.';
    expect(summary(text).captured).toBe(3);
    expect(summary('A network leader was arrested in Ghazni city.').captured).toBe(1);
    expect(summary('Gunmen abducted a district official and two of his guards.').captured).toBe(3);
  });

  it('gives at least three for "several", and no best figure', () => {
    const s = summary('The patrol detained several suspects near the border.');
    expect([s.captured, s.captured_low]).toEqual([null, 3]);
  });

  it('counts nobody for a captured cache of weapons', () => {
    expect(summary('Police captured a weapons cache in the village.').captured).toBeNull();
  });
});

describe('lower bounds beside the best figure', () => {
  const cases: Array<[string, number | null, number]> = [
    ['At least 20 people were killed in the attack.', 20, 20],
    ['Several soldiers were killed in the ambush.', null, 3],
    ['Dozens of people were killed in the raids.', null, 24],
    ['Multiple civilians were killed when the shell hit.', null, 2],
  ];
  it.each(cases)('%s', (text, best, low) => {
    const s = summary(text);
    expect([s.killed, s.killed_low]).toEqual([best, low]);
  });
});
