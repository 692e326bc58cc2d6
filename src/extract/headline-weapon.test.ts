// The means of the headline incident, read as an analyst reads a short incident note.
import { describe, expect, it } from 'vitest';
import { weaponClassOf } from '../evaluate/score-fields.js';
import { extractReport } from './pipeline.js';

const weapon = (text: string, title?: string) => extractReport(text, { published: '2017-05-04', title: title ?? null }).summary.weapon;

describe('headline weapon: the cue words', () => {
  const table: Array<[string, string]> = [
    ['A gunman opened fire at a wedding party, killing four guests.', 'shooting'],
    ['Two shopkeepers were shot dead outside the market by men on a motorbike.', 'shooting'],
    ['Attackers armed with assault rifles killed six workers at a quarry.', 'shooting'],
    ['A teacher was hacked to death with a machete on his way to school.', 'stabbing'],
    ['A man with a knife wounded three passengers at the station.', 'stabbing'],
    ['A crowd beat a preacher to death after the sermon; he was lynched near the mosque.', 'beating'],
    ['Villagers said the raiders burned two farmers alive in their hut.', 'arson'],
    ['Youths threw Molotov cocktails at the police post, injuring two officers.', 'arson'],
    ['A hand grenade thrown into a bar wounded eleven people.', 'grenade'],
    ['A pipe bomb exploded in a bus shelter, killing one commuter.', 'bomb'],
    ['A suicide bomber blows himself up at a checkpoint, killing five soldiers.', 'suicide_bomb'],
    ['A roadside bomb struck an army patrol, killing three soldiers.', 'ied'],
    ['A truck rammed into a crowd at the fair, killing nine.', 'vehicle_ramming'],
    ['Howitzer fire hit the village, killing two farmers.', 'artillery'],
  ];
  for (const [text, code] of table) it(text, () => expect(weapon(text)).toBe(code));
});

describe('headline weapon: the attack, not the response', () => {
  it('a stabbing whose attacker is then shot is a stabbing', () => {
    expect(weapon('A man stabbed two women near the gate. The attacker was shot dead by police.')).toBe('stabbing');
  });
  it('police firing on bombers after the blast leaves the bomb the means', () => {
    expect(weapon('A bomb went off at the bus station, wounding 12. Police opened fire on the attackers, killing two of them.')).toBe('bomb');
  });
  it('a grenade thrown before the gunfire of the guards', () => {
    expect(weapon('An assailant threw a grenade at the checkpoint, wounding two soldiers. Guards returned fire.')).toBe('grenade');
  });
  it('gunfire alone stays the means', () => {
    expect(weapon('Police opened fire on the crowd, killing three.')).toBe('shooting');
  });
});

describe('headline weapon: sentences that name no means', () => {
  it('a short note names the means in another sentence', () => {
    expect(weapon('Three policemen were killed on Monday in the northern district. Militants attacked their post with grenades.')).toBe('grenade');
  });
  it('an armed attack that names no means is read as gunfire', () => {
    expect(weaponClassOf(weapon('Militants attacked a police checkpoint, killing two officers.'))).toBe('firearms');
  });
  it('a killing with no attack word gives no means', () => {
    expect(weapon('Two men were found dead in a field outside the town.')).toBeNull();
  });
  it('fire set to property with nobody hurt is the means of an arson attack', () => {
    expect(weapon('Unknown assailants set fire to a prayer hall overnight; nobody was hurt.')).toBe('arson');
  });
  it('a raid that kills and burns huts is read as gunfire, not as arson', () => {
    expect(weaponClassOf(weapon('Militants attacked the village, killing two farmers, and burned several huts.'))).toBe('firearms');
  });
  it('fire set to houses beside a shooting is no means of the killing', () => {
    expect(weapon('Gunmen shot dead seven villagers and torched their houses.')).toBe('shooting');
  });
});
