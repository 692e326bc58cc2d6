// ACLED event types and sub-event types of a report's main event, as a coder at a monitoring group
// would assign them. One line per case; the negatives are reports of no political violence.
import { describe, expect, it } from 'vitest';
import { extractReport } from './pipeline.js';

const typed = (text: string) => {
  const s = extractReport(text, { published: '2021-03-14' }).summary;
  return s.event_type === null ? null : `${s.event_type} / ${s.sub_event_type}`;
};

const table: Array<[string, string]> = [
  // Protests
  ['Several hundred teachers held a rally outside the education ministry to demand unpaid salaries.', 'Protests / Peaceful protest'],
  ['Residents staged a sit-in on the main road to protest against power cuts.', 'Protests / Peaceful protest'],
  ['Nurses at the two public hospitals went on strike over unpaid allowances.', 'Protests / Peaceful protest'],
  ['Police fired tear gas to disperse students demonstrating against the fee increase.', 'Protests / Protest with intervention'],
  ['Riot police broke up the rally and detained several protesters in the capital.', 'Protests / Protest with intervention'],
  ['Security forces opened fire on protesters in the city centre, killing four people.', 'Protests / Excessive force against protesters'],
  // Riots
  ['Rioters threw stones at police and set fire to a bank in the old town.', 'Riots / Violent demonstration'],
  ['Demonstrators burned tyres and pelted the governor\u2019s office with stones.', 'Riots / Violent demonstration'],
  ['An angry mob lynched a man accused of stealing a motorbike in the market.', 'Riots / Mob violence'],
  // Violence against civilians
  ['Gunmen stormed a village and shot dead eleven farmers on Saturday.', 'Violence against civilians / Attack'],
  ['Militants hacked three villagers to death with machetes near the river.', 'Violence against civilians / Attack'],
  ['Armed men abducted nine passengers from a bus on the highway, officials said.', 'Violence against civilians / Abduction/forced disappearance'],
  ['Fighters of the armed group raped two women at a checkpoint, a rights group said.', 'Violence against civilians / Sexual violence'],
  // Battles
  ['Troops and insurgents exchanged fire for two hours near the border post; three soldiers and five insurgents were killed.', 'Battles / Armed clash'],
  ['Rebels attacked an army position at dawn, killing two soldiers.', 'Battles / Armed clash'],
  ['The army recaptured the town of Kafr Nabudah from rebel fighters.', 'Battles / Government regains territory'],
  // Explosions/Remote violence
  ['Government jets struck a market in the rebel-held town, killing 12 civilians.', 'Explosions/Remote violence / Air/drone strike'],
  ['Mortar rounds landed on a residential district, killing two children.', 'Explosions/Remote violence / Shelling/artillery/missile attack'],
  ['A roadside bomb hit a police patrol, killing three officers.', 'Explosions/Remote violence / Remote explosive/landmine/IED'],
  ['A suicide bomber blew himself up at a wedding, killing 20 guests.', 'Explosions/Remote violence / Suicide bomb'],
  ['An attacker threw a hand grenade into a crowded bar, wounding seven people.', 'Explosions/Remote violence / Grenade'],
  ['Doctors said dozens of people showed symptoms of suffocation after a chlorine attack on the town.', 'Explosions/Remote violence / Chemical weapon'],
  // Strategic developments
  ['The two sides signed a ceasefire agreement in the provincial capital on Monday.', 'Strategic developments / Agreement'],
  ['Police arrested three suspected members of the cell in a dawn raid.', 'Strategic developments / Arrests'],
  ['The two factions announced the formation of a new coalition.', 'Strategic developments / Change to group/activity'],
  ['Army engineers defused an IED planted under a bridge on the main road.', 'Strategic developments / Disrupted weapons use'],
  ['Soldiers found a cache of weapons and explosives in an abandoned house.', 'Strategic developments / Disrupted weapons use'],
  ['The militia set up a base in the abandoned school north of the town.', 'Strategic developments / Headquarters or base established'],
  ['Fighters looted shops and ransacked the clinic before leaving the village.', 'Strategic developments / Looting/property destruction'],
  ['Rebel fighters handed over the town to government forces without a fight under the deal.', 'Strategic developments / Non-violent transfer of territory'],
  ['Authorities imposed a curfew on the city after the unrest.', 'Strategic developments / Other'],
];

describe('ACLED event type of the main event', () => {
  for (const [text, expected] of table) it(text, () => expect(typed(text)).toBe(expected));
});

describe('reports of no political violence or demonstration give no event', () => {
  const none = [
    'Floods swept through three villages after days of heavy rain, killing 14 people.',
    'A bus collided with a lorry on the coastal highway, killing nine passengers.',
    'Armed robbers shot dead a shopkeeper and stole the day\u2019s takings in the market.',
    'The foreign minister said on Tuesday that talks with the neighbouring country would resume next month.',
    'An earthquake of magnitude 6.1 struck the province, killing at least 30 people.',
  ];
  for (const text of none) it(text, () => expect(typed(text)).toBeNull());
});

describe('what decides between close sub-types', () => {
  it('fighters killed by gunmen is a clash, civilians killed by them an attack', () => {
    expect(typed('Gunmen killed four policemen at a checkpoint.')).toBe('Battles / Armed clash');
    expect(typed('Gunmen killed four traders at a market.')).toBe('Violence against civilians / Attack');
  });
  it('people seized by state forces are arrested; by a rebel group, abducted', () => {
    expect(typed('Soldiers detained five men in a raid on the village.')).toBe('Strategic developments / Arrests');
    expect(typed('Al-Shabaab militants kidnapped five aid workers.')).toBe('Violence against civilians / Abduction/forced disappearance');
  });
  it('a killing whose sentence names no means takes the blast the report names', () => {
    expect(typed('Three policemen were killed on Monday in the northern district. Militants had attacked their post with grenades.')).toBe('Explosions/Remote violence / Grenade');
  });
  it('people taken in a raid, nobody hurt: the arrest is the event, not the raid', () => {
    expect(typed('Troops detained eleven men in overnight raids on two villages.')).toBe('Strategic developments / Arrests');
  });
  it('bodies found with no weapon and no side named are a discovery, not a battle', () => {
    expect(typed('Farmers found the bodies of four men near the dam.')).toBe('Strategic developments / Other');
  });
  it('a bomb that went off is an explosion; one defused is a disrupted weapon', () => {
    expect(typed('A bomb exploded outside the courthouse, wounding two guards.')).toBe('Explosions/Remote violence / Remote explosive/landmine/IED');
    expect(typed('Police defused a bomb found outside the courthouse.')).toBe('Strategic developments / Disrupted weapons use');
  });
});
