// Which side a name means, as an analyst codes it: by the report's country and by its date.
import { describe, expect, it } from 'vitest';
import { analyze } from './pipeline.js';

/** The actor (id and bloc) named first in a sentence read in `country` on `date`. */
function first(text: string, date: string, country: string | null = null): { id: string; bloc: string } | undefined {
  const m = analyze(text, { published: date, source: null, title: null }, country).actors[0];
  return m && { id: m.actor.id, bloc: m.bloc };
}

describe('recognizing actors', () => {
  it.each([
    // one line per group family: the words of a report, the group it names
    ['Taliban fighters overran a checkpoint.', 'AF', 'taliban'],
    ['The Pakistani Taliban attacked a police post.', 'PK', 'ttp'],
    ['Fighters of the Haqqani network stormed the compound.', 'AF', 'haqqani-network'],
    ['ISIS-K gunmen raided a hospital.', 'AF', 'iskp'],
    ['Daesh fighters set fire to the fields.', 'IQ', 'islamic-state'],
    ['ISWAP fighters overran the base.', 'NG', 'iswap'],
    ['AQIM kidnapped two engineers.', 'ML', 'aqim'],
    ['JNIM fighters ambushed the convoy.', 'BF', 'jnim'],
    ['Al-Shabaab militants stormed the hotel.', 'SO', 'al-shabab'],
    ['Boko Haram gunmen burned the village.', 'NG', 'boko-haram'],
    ['ADF rebels raided the town at night.', 'CD', 'adf'],
    ['M23 rebels shelled the camp.', 'CD', 'm23'],
    ['CODECO militiamen attacked a displacement site.', 'CD', 'codeco'],
    ['Ansar Allah fired a drone at a tanker.', 'YE', 'houthis'],
    ['Hezbollah fired rockets across the border.', 'LB', 'hezbollah'],
    ["The al-Aqsa Martyrs' Brigades opened fire on a bus.", 'PS', 'al-aqsa-martyrs-brigades'],
    ['PKK militants ambushed a patrol.', 'TR', 'pkk'],
    ['NPA guerrillas torched a construction site.', 'PH', 'npa'],
    ['Abu Sayyaf gunmen abducted three fishermen.', 'PH', 'abu-sayyaf'],
    ['BIFF gunmen harassed an army detachment.', 'PH', 'biff'],
    ['Naxals blew up a road-building truck.', 'IN', 'cpi-maoist'],
    ['Jaish-e-Mohammed claimed the car bombing.', 'IN', 'jaish-e-mohammed'],
    ['Lashkar-e-Jhangvi gunmen shot a cleric.', 'PK', 'lashkar-e-jhangvi'],
    ['The Baloch Liberation Army attacked a train.', 'PK', 'bla'],
    ['ELN guerrillas bombed the pipeline.', 'CO', 'eln'],
    ['The Shining Path ambushed soldiers.', 'PE', 'shining-path'],
    ['CJNG hitmen killed a mayor.', 'MX', 'cjng'],
    ['Ambazonian separatists torched a school.', 'CM', 'ambazonian-separatists'],
    ['BRN insurgents bombed a railway.', 'TH', 'brn'],
    ['The Real IRA planted a bomb.', 'GB', 'real-ira'],
    ['The RSF shelled El Fasher.', 'SD', 'rsf'],
  ])('%s (%s) names %s', (text, cc, id) => {
    expect(first(text, '2019-05-01', cc)?.id).toBe(id);
  });

  it('reads the Taliban as insurgents before 15 August 2021 and as the government of Afghanistan after', () => {
    expect(first('Taliban forces detained a journalist.', '2020-03-01', 'AF')?.bloc).toBe('insurgents');
    expect(first('Taliban forces detained a journalist.', '2023-03-01', 'AF')?.bloc).toBe('government');
  });

  it('reads HTS as a jihadist faction of the war before December 2024 and as the Syrian authorities after', () => {
    expect(first('HTS fighters shelled the village.', '2019-06-01', 'SY')?.bloc).toBe('jihadist-opposition');
    expect(first('HTS fighters shelled the village.', '2025-02-01', 'SY')?.bloc).toBe('transitional-government');
  });

  it('keeps the Syrian sides of the war unchanged', () => {
    expect(first('Hezbollah fighters advanced.', '2016-01-01', 'SY')?.bloc).toBe('pro-government');
    expect(first('The YPG shelled the town.', '2016-01-01', 'SY')?.bloc).toBe('kurdish-forces');
  });

  it('reads a name two groups share by the country, then by the years each was active', () => {
    expect(first('Ansar al-Sunna claimed the attack.', '2005-01-01', 'IQ')?.id).toBe('ansar-al-sunna-iraq');
    expect(first('Ansar al-Sunna beheaded villagers.', '2019-01-01', 'MZ')?.id).toBe('ansar-al-sunna-mozambique');
    expect(first('Ansar al-Sunna beheaded villagers.', '2019-01-01')?.id).toBe('ansar-al-sunna-mozambique');
  });

  it('gives Mozambique\'s insurgents the Islamic State bloc from mid-2019', () => {
    expect(first('Ansar al-Sunna raided a village.', '2018-01-01', 'MZ')?.bloc).toBe('insurgents');
    expect(first('Ansar al-Sunna raided a village.', '2021-01-01', 'MZ')?.bloc).toBe('islamic-state');
  });

  it('reads a local word only in its own country', () => {
    expect(first('Herdsmen attacked the farming village.', '2018-01-01', 'NG')?.id).toBe('fulani-militias');
    expect(first('Herdsmen attacked the farming village.', '2018-01-01', 'KE')).toBeUndefined();
    expect(first('Al-Shabaab attacked the village.', '2020-01-01', 'MZ')?.id).toBe('ansar-al-sunna-mozambique');
    expect(first('Al-Shabaab attacked the village.', '2020-01-01', 'KE')?.id).toBe('al-shabab');
    expect(first('Al-Shabaab attacked the village.', '2020-01-01')?.id).toBe('al-shabab');
  });
});
