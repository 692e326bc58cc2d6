import { describe, it, expect } from 'vitest';
import { loadGazetteer, normalizePlaceName } from './gazetteer.js';
import { findPlaceMentions, isMinorPlace } from './find-place-mentions.js';

const gaz = loadGazetteer();

/** First candidate of every place found in `text`. */
function places(text: string) {
  return findPlaceMentions(text, gaz).map((m) => ({ text: m.text, place: m.candidates[0] }));
}

describe('normalizePlaceName', () => {
  it.each([
    ['Al-Bab', 'bab'],
    ['Ar Raqqah', 'raqqah'],
    ['Dar‘ā', 'dara'],
    ["Dar'a", 'dara'],
    ['Deir ez-Zor', 'deir ez zor'],
    ['Jisr ash Shughūr', 'jisr ash shughur'],
    ['Ḩamāh', 'hamah'],
    ['Şanlıurfa', 'sanliurfa'],
    ['  Khan_Sheikhoun ', 'khan sheikhoun'],
    ['Al', 'al'],
    ['as', 'as'],
  ])('%s -> %s', (input, want) => {
    expect(normalizePlaceName(input)).toBe(want);
  });
});

describe('findPlaceMentions: Syrian places and their governorates', () => {
  it.each([
    ['Shelling hit Deraa city overnight.', 'Deraa', 'Daraa', 'Daraa'],
    ['A convoy reached Dar\'a before dawn.', "Dar'a", 'Daraa', 'Daraa'],
    ['Fighters retook Kobani last year.', 'Kobani', 'Kobane', 'Aleppo'],
    ['Residents of Ayn al-Arab fled north.', 'Ayn al-Arab', 'Kobane', 'Aleppo'],
    ['Jets struck Idleb again.', 'Idleb', 'Idlib', 'Idlib'],
    ['Clashes erupted in Deir al-Zour on Friday.', 'Deir al-Zour', 'Deir ez-Zor', 'Deir ez-Zor'],
    ['A sweep through Deir ez-Zor city.', 'Deir ez-Zor', 'Deir ez-Zor', 'Deir ez-Zor'],
    ['The gas attack on Khan Sheikhoun shocked many.', 'Khan Sheikhoun', 'Khan Sheikhoun', 'Idlib'],
    ['Aid trucks entered Khan Shaykhun.', 'Khan Shaykhun', 'Khan Sheikhoun', 'Idlib'],
    ['Mortars landed in Douma.', 'Douma', 'Douma', 'Rural Damascus'],
    ['Forces advanced on Manbij from the south.', 'Manbij', 'Manbij', 'Aleppo'],
    ['Turkish troops entered al-Bab.', 'al-Bab', 'Al-Bab', 'Aleppo'],
    ['Turkish troops entered Al Bab.', 'Al Bab', 'Al-Bab', 'Aleppo'],
    ['Families returned to Tal Abyad.', 'Tal Abyad', 'Tal Abyad', 'Raqqa'],
    ['A blast shook Qamishli.', 'Qamishli', 'Qamishli', 'Hasakeh'],
    ['The ruins of Palmyra were damaged.', 'Palmyra', 'Palmyra', 'Homs'],
    ['Tadmur was retaken.', 'Tadmur', 'Palmyra', 'Homs'],
    ['A bombing in Ras al-Ain killed two.', 'Ras al-Ain', 'Ras al-Ain', 'Hasakeh'],
    ['Rebels held Jisr al-Shughour for years.', 'Jisr al-Shughour', 'Jisr al-Shughour', 'Idlib'],
    ['The siege of Madaya lasted months.', 'Madaya', 'Madaya', 'Rural Damascus'],
    ['Strikes hit Raqa at night.', 'Raqa', 'Raqqa', 'Raqqa'],
    ['Shells fell on Hasakeh.', 'Hasakeh', 'Hasakeh', 'Hasakeh'],
    ['A market in Maarat al-Numan was hit.', 'Maarat al-Numan', 'Maarat al-Numan', 'Idlib'],
    ['The port of Lattakia was quiet.', 'Lattakia', 'Latakia', 'Lattakia'],
    ['Troops gathered near Sweida.', 'Sweida', 'Suwayda', 'Suwayda'],
    ['Smoke rose over Eastern Ghouta.', 'Eastern Ghouta', 'Eastern Ghouta', 'Rural Damascus'],
    ['Fighting spread to the Yarmouk camp.', 'Yarmouk', 'Yarmouk camp', 'Damascus'],
    ['Fighting in Aleppos east.', 'Aleppos', 'Aleppo', 'Aleppo'],
  ])('%s', (text, span, name, admin1) => {
    const found = places(text).find((p) => p.text === span);
    expect(found, `no place "${span}" in ${JSON.stringify(places(text))}`).toBeDefined();
    expect(found!.place.name).toBe(name);
    expect(found!.place.cc).toBe('SY');
    expect(found!.place.admin1).toBe(admin1);
  });
});

describe('findPlaceMentions: other conflicts', () => {
  it.each([
    ['Iraqi forces entered Mosul.', 'Mosul', 'IQ', 'Nineveh'],
    ['Marines patrolled Lashkar Gah.', 'Lashkar Gah', 'AF', 'Helmand'],
    ['The battle for Fallujah began.', 'Fallujah', 'IQ', 'Anbar'],
    ['Air raids on Sana\'a resumed.', "Sana'a", 'YE', 'Sanaa'],
    ['Ships docked at Hodeidah.', 'Hodeidah', 'YE', 'Hodeidah'],
    ['Shelling of Mariupol intensified.', 'Mariupol', 'UA', 'Donetsk'],
    ['Troops withdrew from Avdiivka.', 'Avdiivka', 'UA', 'Donetsk'],
  ])('%s', (text, span, cc, admin1) => {
    const found = places(text).find((p) => p.text === span);
    expect(found, JSON.stringify(places(text))).toBeDefined();
    expect(found!.place.cc).toBe(cc);
    expect(found!.place.admin1).toBe(admin1);
  });
});

describe('findPlaceMentions: region phrases give the region', () => {
  it.each([
    ['Raids across Raqa province continued.', 'Raqa province', 'Raqqa', 'SY'],
    ['Strikes in Idlib province killed five.', 'Idlib province', 'Idlib', 'SY'],
    ['Villages in the Aleppo governorate emptied.', 'Aleppo governorate', 'Aleppo', 'SY'],
    ['He fled the province of Raqa in 2015.', 'province of Raqa', 'Raqqa', 'SY'],
    ['Shells hit towns in Hama\'s northern countryside.', "Hama's northern countryside", 'Hama', 'SY'],
    ['Clashes in rural Idlib went on.', 'rural Idlib', 'Idlib', 'SY'],
    ['Raids on the Damascus countryside continued.', 'Damascus countryside', 'Rural Damascus', 'SY'],
    ['Aid reached Rif Dimashq.', 'Rif Dimashq', 'Rural Damascus', 'SY'],
    ['Farmers in Helmand protested.', 'Helmand', 'Helmand', 'AF'],
    ['Displaced people in Nineveh province waited.', 'Nineveh province', 'Nineveh', 'IQ'],
    ['Gunmen attacked a village in Borno State.', 'Borno State', 'Borno', 'NG'],
  ])('%s', (text, span, name, cc) => {
    const found = places(text).find((p) => p.text === span);
    expect(found, JSON.stringify(places(text))).toBeDefined();
    expect(found!.place.kind).toBe('region');
    expect(found!.place.name).toBe(name);
    expect(found!.place.cc).toBe(cc);
    expect(found!.place.admin1).toBe(name);
  });

  it('a bare governorate name that is also its capital gives the city first', () => {
    const [m] = findPlaceMentions('Shells fell on Aleppo.', gaz);
    expect(m.candidates[0].kind).toBe('city');
    expect(m.candidates.some((c) => c.kind === 'region' && c.name === 'Aleppo')).toBe(true);
  });
});

describe('findPlaceMentions: words that are not places here', () => {
  it.each([
    'The army said it had advanced.',
    'Police said three men were held.',
    'The talks opened in March and closed in May.',
    'The Free Syrian Army denied it.',
    'Of the dead, nine were children.',
    'Man killed as mercy appeals go unheard.',
    'SANA reported the attack; the SDF and YPG did not comment.',
    'Islamic State fighters withdrew on Sunday.',
    'Hamas said it was not involved.',
    'The Union and the Center Party voted.',
  ])('%s', (text) => {
    expect(places(text)).toEqual([]);
  });

  it('"at", "as" and "an" before a name are English, not an Arabic article', () => {
    const [m] = findPlaceMentions('They met at Aleppo airport.', gaz);
    expect(m.text).toBe('Aleppo');
  });

  it('small foreign towns are found but not worded as places', () => {
    // Hollywood, Florida, and the like: recognize-places believes them only "in X" or in the report's country.
    const m = findPlaceMentions('Hollywood actors visited.', gaz);
    expect(m.every((x) => !x.cued && x.candidates.every((p) => isMinorPlace(gaz, p)))).toBe(true);
    expect(findPlaceMentions('A bomb went off in Hollywood.', gaz)[0].cued).toBe(true);
  });

  it('a Persian name joined by -i- is not its first part', () => {
    expect(places('Dara-i-Nur district').map((p) => p.place.cc)).not.toContain('SY');
  });

  it('a region name glued into an organisation name is not the region', () => {
    expect(places('Kurdistan Freedom Falcons claimed it.')).toEqual([]);
  });
});

describe('findPlaceMentions: foreign places and countries', () => {
  it('Britain-based gives the United Kingdom', () => {
    const found = places('The Britain-based monitor said so.');
    expect(found[0].text).toBe('Britain');
    expect(found[0].place.kind).toBe('country');
    expect(found[0].place.cc).toBe('GB');
  });

  it.each([
    ['Officials in Washington said nothing.', 'Washington', 'US'],
    ['Diplomats met in London.', 'London', 'GB'],
    ['Talks resumed in Paris.', 'Paris', 'FR'],
    ['Moscow denied it.', 'Moscow', 'RU'],
    ['The Syrian war entered its eighth year in Syria.', 'Syria', 'SY'],
  ])('%s', (text, span, cc) => {
    const found = places(text).find((p) => p.text === span);
    expect(found, JSON.stringify(places(text))).toBeDefined();
    expect(found!.place.cc).toBe(cc);
  });
});

describe('Gazetteer API', () => {
  it('region(cc, admin1) accepts the English name or the GeoNames code', () => {
    expect(gaz.region('SY', 'Idlib')?.kind).toBe('region');
    expect(gaz.region('SY', '12')?.name).toBe('Idlib');
    expect(gaz.region('SY', 'Deir ezzor')?.name).toBe('Deir ez-Zor');
    expect(gaz.region('SY', 'Lattakia')?.admin1).toBe('Lattakia');
  });

  it('country and countryByName', () => {
    expect(gaz.country('SY')?.name).toBe('Syria');
    expect(gaz.countryByName('Syrian')?.cc).toBe('SY');
    expect(gaz.countryByName('U.S.')?.cc).toBe('US');
    expect(gaz.countryByName('American')?.cc).toBe('US');
    expect(gaz.countryByName('British')?.cc).toBe('GB');
    expect(gaz.countryByName('Britain')?.cc).toBe('GB');
    expect(gaz.countryByName('UK')?.cc).toBe('GB');
    expect(gaz.countryByName('Afghan')?.cc).toBe('AF');
    expect(gaz.countryByName('Lebanese')?.cc).toBe('LB');
  });

  it.each([
    ['DR Congo', 'CD'], ['DRC', 'CD'], ['Democratic Republic of the Congo', 'CD'], ['Congolese', 'CD'],
    ['Ivory Coast', 'CI'], ["Côte d'Ivoire", 'CI'], ['Burma', 'MM'], ['the Philippines', 'PH'], ['Filipino', 'PH'],
    ['US', 'US'], ['USA', 'US'], ['United States', 'US'], ['UK', 'GB'], ['Britain', 'GB'], ['West Bank', 'PS'],
    ['Gaza Strip', 'PS'], ['Republic of Macedonia', 'MK'], ['Sri Lanka', 'LK'], ['Colombia', 'CO'], ['Kosovo', 'XK'],
    ['East Timor', 'TL'], ['Swaziland', 'SZ'], ['Czechia', 'CZ'],
  ])('countryByName(%s) is %s', (name, cc) => {
    expect(gaz.countryByName(name)?.cc).toBe(cc);
  });

  it('knows every country of the world by its plain English name', () => {
    expect(gaz.country('CO')?.name).toBe('Colombia');
    expect(gaz.country('BS')?.name).toBe('Bahamas');
    expect(gaz.country('CD')?.name).toBe('Democratic Republic of the Congo');
    expect(gaz.country('ZW')?.lat).not.toBeNull();
  });

  it('knows first-level regions of every country, with their GeoNames towns', () => {
    expect(gaz.region('MX', 'Hidalgo')?.kind).toBe('region');
    expect(gaz.region('PK', 'Khyber Pakhtunkhwa')?.cc).toBe('PK');
    const monterrey = gaz.lookup('monterrey').find((p) => p.cc === 'MX');
    expect(monterrey?.admin1).toBe(gaz.region('MX', 'Nuevo León')?.name);
    expect(monterrey?.admin1).toBeTruthy();
    const peshawar = gaz.lookup('peshawar').find((p) => p.cc === 'PK');
    expect(peshawar?.admin1).toBe('Khyber Pakhtunkhwa');
  });

  it('a region named like a people is not matched on its own (Somali Region of Ethiopia)', () => {
    expect(places('Somali troops advanced.').filter((p) => p.place.cc === 'ET')).toEqual([]);
  });

  it('lookup returns candidates best first', () => {
    const c = gaz.lookup(normalizePlaceName('Hims'));
    expect(c[0].name).toBe('Homs');
    expect(gaz.lookup('no such place here')).toEqual([]);
    expect(gaz.maxTokens).toBeGreaterThanOrEqual(3);
  });

  it('every Syrian governorate resolves, with 14 in all', () => {
    const names = ['Aleppo', 'Damascus', 'Rural Damascus', 'Idlib', 'Homs', 'Hama', 'Lattakia', 'Tartus', 'Daraa',
      'Quneitra', 'Suwayda', 'Raqqa', 'Deir ez-Zor', 'Hasakeh'];
    for (const n of names) expect(gaz.region('SY', n)?.name, n).toBe(n);
  });

  // Speed is measured by `npm run bench`, never asserted in a test.
  it('loads once', () => {
    expect(loadGazetteer()).toBe(gaz);
  });
});

describe('first-level regions are shown by their short names, as analysts write them', () => {
  it.each([
    ['Fighting spread across the Amhara Region.', 'ET', 'Amhara'],
    ['Insurgents attacked a village in Cabo Delgado province.', 'MZ', 'Cabo Delgado'],
    ['Troops deployed to Kachin State.', 'MM', 'Kachin'],
  ])('%s -> %s %s', (text, cc, admin1) => {
    const found = places(text).find((p) => p.place.cc === cc);
    expect(found?.place.admin1).toBe(admin1);
  });
});
