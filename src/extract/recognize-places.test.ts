// Where a report's incident happened, read as an analyst reads it: the town in its region, in the report's
// country; never the seat of whoever speaks, nor the city the story was filed from.
import { describe, expect, it } from 'vitest';
import { recognizePlaces } from './recognize-places.js';
import { splitSentences } from './split-sentences.js';
import { tokenize } from './tokenize.js';
import { extractReport } from './pipeline.js';

const read = (text: string) => recognizePlaces(text, splitSentences(text), tokenize(text));
const named = (text: string) => read(text).places.map((p) => p.place.name);
const summary = (text: string) => extractReport(text, { published: '2019-05-02', title: null }).summary;

describe('a town in the region named with it', () => {
  it.each([
    // text, the place's name, its admin1, its country
    ['Gunmen killed two guards in Tula municipality, Hidalgo, on Friday.', 'Tula', 'Hidalgo', 'MX'],
    ['Soldiers found a bomb in a village near Afgooye (Lower Shabelle).', 'Afgooye', 'Lower Shabelle', 'SO'],
    ['A farm in Tikrit district, Saladin, was set on fire.', 'Tikrit', 'Salahuddin', 'IQ'],
    ['Troops cleared Dara-i-Nur district, Nangarhar province, of fighters.', 'Dara-i-Nur', 'Nangarhar', 'AF'],
    ['A checkpoint in Zarghun Shahr district, Paktika, was overrun.', 'Zarghun Shahr', 'Paktika', 'AF'],
  ])('%s', (text, name, admin1, cc) => {
    const p = read(text).places.find((m) => m.place.name === name);
    expect(p, JSON.stringify(named(text))).toBeDefined();
    expect(p!.place.admin1).toBe(admin1);
    expect(p!.place.cc).toBe(cc);
  });

  it('a town the gazetteer lacks in that region is kept by name, at admin1 precision', () => {
    const p = read('Gunmen killed two guards in Tula municipality, Hidalgo.').places.find((m) => m.place.name === 'Tula');
    expect(p?.precision).toBe('admin1');
  });

  it('a list of known places is not a town in a region', () => {
    expect(read('Strikes hit Aleppo, Idlib and Hama.').places.find((m) => m.text === 'Aleppo')?.place.admin1).toBe('Aleppo');
  });

  it('an unknown town named with its region is placed at the region, at admin1 precision', () => {
    const p = read('Militants attacked Qalat-e-Naw district, Nangarhar, overnight.').places.find((m) => m.text === 'Qalat-e-Naw');
    expect(p?.precision).toBe('admin1');
    expect(p?.place.admin1).toBe('Nangarhar');
    expect(p?.place.lat).not.toBeNull();
  });

  it('Dara-i-Nur is never Daraa in Syria', () => {
    const r = read('An airstrike hit Dara-i-Nur district of Nangarhar.');
    expect(r.places.some((p) => p.place.cc === 'SY')).toBe(false);
    expect(r.country).toBe('AF');
  });
});

describe('where someone comes from is not where it happened', () => {
  it('a town in a region named with a direction word', () => {
    expect(read('Six policemen were killed in Nawa district of southern Helmand.').country).toBe('AF');
  });

  it('an attacker from elsewhere', () => {
    expect(read('A man from the West Bank stabbed a guard in Netanya.').country).toBe('IL');
  });
});

describe('an ambiguous name resolves in the report country', () => {
  it.each([
    ['Police in Lahore said a bomb went off in Punjab.', 'PK'],
    ['A blast in Amritsar, Punjab, wounded six.', 'IN'],
  ])('%s', (text, cc) => {
    const r = read(text);
    expect(r.country).toBe(cc);
    expect(r.places.find((p) => p.text === 'Punjab')?.place.cc).toBe(cc);
  });
});

describe('regions and territories the news names', () => {
  it.each([
    ['Clashes broke out in Khyber Pakhtunkhwa.', 'PK'],
    ['A convoy was attacked in KP on Monday.', 'PK'],
    ['Rebels raided a village in North Kivu.', 'CD'],
    ['Shelling was reported along the line in Jammu and Kashmir.', 'IN'],
    ['Gunmen shot a police officer in Dagestan.', 'RU'],
    ['A rally in Chechnya was dispersed.', 'RU'],
    ['Militants attacked a post in Balochistan.', 'PK'],
    ['Troops moved into Mindanao.', 'PH'],
    ['Settlers clashed with villagers in the West Bank.', 'PS'],
    ['A blast hit a market in Borno State.', 'NG'],
    ['The army shelled villages in Sindh.', 'PK'],
    ['Arsonists burned two trucks on a farm in Araucanía.', 'CL'],
    ['Smugglers clashed with soldiers in Guajira.', 'CO'],
  ])('%s', (text, cc) => {
    expect(read(text).country).toBe(cc);
  });
});

describe('not the event place', () => {
  it("a speaker's capital", () => {
    const text = "Russia's defence ministry said its jets struck a depot near Idlib.";
    expect(named(text)).not.toContain('Russia');
    expect(read(text).country).toBe('SY');
  });

  it('a speaker in a foreign city', () => {
    expect(named('A car bomb killed four in Kirkuk, a spokesman in Washington said.')).not.toContain('Washington');
    expect(named('In Moscow, officials said the strike on Raqqa killed militants.')).not.toContain('Moscow');
  });

  it('a place the incident happened in stays, even when a speaker follows', () => {
    expect(named('A bomb killed five people in Kabul, police said.')).toContain('Kabul');
  });

  it('an institution is a seat only when it speaks: an embassy that is attacked is the place', () => {
    expect(named('Rockets struck the French embassy in Tripoli overnight.')).toContain('Tripoli');
    expect(named('The foreign ministry in Ankara said two soldiers died near Afrin.')).not.toContain('Ankara');
  });

  it('a dateline city is where the report was filed; its country still tells the report country', () => {
    const text = 'KABUL, Afghanistan (March 3, 2012) - Insurgents killed two soldiers, officials said.';
    const r = read(text);
    expect(r.places.map((p) => p.text)).not.toContain('KABUL');
    expect(r.country).toBe('AF');
    expect(named('BEIRUT (Reuters) - Air strikes killed nine people in Hama.')).toEqual(['Hama']);
  });

  it("an agency's name in a dateline is no place", () => {
    expect(named('HODEIDAH, Yemen, June 3 (Red Sea Reporter) - Air strikes killed six fishermen near the port.')).not.toContain('Red Sea');
  });

  it('an English word that is also a small foreign town', () => {
    expect(named('Hollywood actors visited the camp.')).toEqual([]);
    expect(named('Chase and Reading were the officers on duty in Kandahar.')).toEqual(['Kandahar']);
  });

  it('a small foreign town counts when worded as a place', () => {
    expect(read('Two policemen were shot dead in the village of Ciudad Hidalgo, Chiapas.').country).toBe('MX');
  });
});

describe('summary: country and place', () => {
  it('names the most specific place and its country', () => {
    const s = summary('A roadside bomb killed three soldiers in Tula municipality, Hidalgo.');
    expect(s.country).toBe('Mexico');
    expect(s.location?.name).toBe('Tula');
    expect(s.admin1).toBe('Hidalgo');
  });

  it('gives the country at country precision with its centroid only when nothing finer is named', () => {
    const s = summary('Insurgents ambushed a patrol in Afghanistan, killing four soldiers.');
    expect(s.country).toBe('Afghanistan');
  });

  it('is never empty when a country is only hinted at by a dateline', () => {
    expect(summary('BAGHDAD (Reuters) - A bomb killed seven people near a market on Sunday.').country).toBe('Iraq');
  });

  it('codes the plain English name of the country', () => {
    expect(summary('Rebels attacked a camp near Beni in the Democratic Republic of Congo.').country).toBe('Democratic Republic of the Congo');
  });
});

describe("the report's country when its places are few or ambiguous", () => {
  it.each([
    // text, the report's country (null: nothing says it)
    ['A bomb went off in a market in the north Cameroonian town of Bodo, near the Nigerian border.', 'CM'],
    ['Gunmen attacked a camp near the border with Nigeria in northern Cameroon.', 'CM'],
    ['Militants crossed from Niger and raided a village in Mali.', 'ML'],
    ['A mine struck a truck in the Koro area of the Malian Mopti region.', 'ML'],
    ['Two Iraqi policemen were shot dead at a checkpoint.', 'IQ'],
    ['Gunmen fired on a Malian gendarmerie post.', 'ML'],
    ['British troops came under fire as two Iraqi policemen were wounded.', 'IQ'],
    ['Shells hit several villages of the Latakia Governorate in Northwest Syria.', 'SY'],
    ['A parcel bomb exploded near the defence ministry in Tel Aviv.', 'IL'],
    ['Al-Shabaab ambushed a convoy near Balad, some 30 km northeast of Mogadishu.', 'SO'],
    ['A US-led coalition air strike hit a house in Mosul.', 'IQ'],
    ['A Saudi-led coalition strike hit a wedding in Hajjah.', 'YE'],
    ['In Donetsk, pro-Russian gunmen seized a police station.', 'UA'],
    ['The Bali bombings killed more than two hundred people.', 'ID'],
    ['A grenade was thrown into a market in the Somalian capital.', 'SO'],
    ['A bomb hit the offices of the Patriotic Union of Kurdistan in Jalawla, Diyala.', 'IQ'],
    ['Rebels of the Communist Party of Nepal hurled bombs at a bus.', 'NP'],
    ['Rebels attacked a village in the Democratic Republic of the Congo.', 'CD'],
    ['Two border guards were killed in the Iranian province of Western Azerbaijan.', 'IR'],
    ['Insurgents overran a post in the Nawa-I-Barakzayi district of Helmand.', 'AF'],
    ['A village sarpanch was shot dead by militants.', 'IN'],
    ['Gunmen killed five farmers in a village of the local LGA.', 'NG'],
    ['Rebels ambushed an army patrol in Barangay San Jose.', 'PH'],
    ['Al-Shabaab fighters from neighbouring Somalia beheaded nine villagers in Lamu County.', 'KE'],
    ['Two Chechen policemen were killed by a suicide bomber.', 'RU'],
    // negatives: who serves abroad, and a neighbour's border, do not say where
    ['A car bomb exploded outside a police station close to the border with Syria.', null],
    ['A mine killed an officer near the common borders with Saudi Arabia.', null],
    ['Three Chadian peacekeepers were killed by a roadside bomb.', null],
    ['Gunmen killed four people near the Nigerian border.', null],
  ])('%s', (text, cc) => {
    expect(read(text).country).toBe(cc);
  });

  it('a spokesman at the ministry in a capital is a seat, a bomb near it is a place', () => {
    expect(named('A spokesman at the ministry in Kabul said three soldiers died in Ghazni.')).toEqual(['Ghazni']);
    expect(named('A car bomb exploded outside the interior ministry in Kabul.')).toEqual(['Kabul']);
  });

  it('a town measured from another lies in that one\'s country', () => {
    const p = read('Gunmen attacked Balad, 80 km north of Baghdad.').places.find((m) => m.text === 'Balad');
    expect(p?.place.cc).toBe('IQ');
    expect(read('An Iranian-backed militia shelled a base in Syria.').country).toBe('SY');
  });

  it('a place in an organisation\'s name is not a place of the incident', () => {
    expect(named('Fighters of the Democratic Forces for the Liberation of Rwanda raided a village near Goma.')).toEqual(['Goma']);
    expect(read('Fighters of the Democratic Forces for the Liberation of Rwanda raided a village near Goma.').country).toBe('CD');
    expect(named('Gunmen attacked a school in Jere Local Government Council of Borno State.')).toContain('Borno');
  });

  it('a word of local administration only hints: a place named elsewhere wins', () => {
    expect(read('A panchayat member from Nepal was killed in Kathmandu.').country).toBe('NP');
    expect(read('The barangay captain fled.').places).toEqual([]);
  });

  it('a small town abroad is not kept when the report is about another country', () => {
    expect(named('A bomb went off in a market in the north Cameroonian town of Bodo.')).toEqual([]);
    expect(named('Gunmen shot a man in the town of Bodo.')).toEqual(['Bodo']);
  });

  it('a region of a country named as such (Northwest Region), not a compass word', () => {
    expect(read('Separatists burned a school in the Northwest Region.').country).toBe('CM');
    expect(read('Fighting spread across the Northwest.').country).toBeNull();
  });
});

describe('a town in the name of an incident, a landmark or a police force', () => {
  it.each([
    // text, the report's country
    ['The 2014 Leipzig bombings: two devices went off at a tram stop.', 'DE'],
    ['A Lyon nightclub shooting left three people dead.', 'FR'],
    ['Arsonists set fire to the Nantes Museum of Natural History.', 'FR'],
    ['Five officers of the Pattani police were hurt by a bomb.', 'TH'],
    ['Rebels shot a soldier in the province Negros Oriental.', 'PH'],
  ])('%s', (text, cc) => {
    expect(read(text).country).toBe(cc);
  });

  it("a speaker's capital stays a seat next to an incident named for its town", () => {
    expect(named('A spokesman in Berlin said the Leipzig attack wounded four.')).toEqual(['Leipzig']);
  });

  it('a dateline city is not the incident named for another town', () => {
    expect(named('PARIS (Reuters) - The Lyon nightclub shooting left three dead.')).toEqual(['Lyon']);
  });
});

describe('nationality is not the place', () => {
  it.each([
    // text, the report's country (null: nothing says it)
    ['Pirates seized a Vietnamese cargo ship and abducted its crew.', null],
    ['The US ambassador was wounded by a bomb at a cafe in the town of Hamm.', 'DE'],
    ['Gunmen ambushed Moroccan UN peacekeepers escorting a convoy.', null],
    ['An Iranian-American student drove a car into a crowd.', 'US'],
    ['Fighters of the Islamic State of Iraq and the Levant stabbed two men in the town of Hamm.', 'DE'],
    // a demonym still counts where nothing else is said
    ['A Saudi citizen was killed in an attack on a bus.', 'SA'],
  ])('%s', (text, cc) => {
    expect(read(text).country).toBe(cc);
  });

  it('a neighbour across the border is no place of the incident', () => {
    expect(named('Militants stormed a base near the border with Kenya.')).toEqual([]);
  });
});

describe('a report that names no place', () => {
  it.each([
    ['Rebels ambushed a convoy, killing two policemen, a police source said.', null],
    ['The Ministry of Defense said two soldiers died in a mine blast.', null],
    ['Two men were killed in shelling, the Syrian Observatory for Human Rights said.', 'Syria'],
    ['UNAMA said four children died when a mortar round hit a house.', 'Afghanistan'],
    ['al-Shabab fighters stormed a hotel, killing nine.', 'Somalia'],
  ])('%s', (text, country) => {
    expect(summary(text).country).toBe(country);
  });
});

describe('places as the news spells them', () => {
  it.each([
    // text, the place's name, its country
    ['A car bomb went off near a checkpoint in Grozny.', 'Grozny', 'RU'],
    ['A bomb killed a man in the village of Avtury, south-east of the Chechen capital.', 'Avtury', 'RU'],
    ['Militants ambushed a convoy in the Sinai Peninsula.', 'Sinai', 'EG'],
    ['Maoists set fire to two trucks in Sukma district.', 'Sukma', 'IN'],
    ['A stabbing at a bus stop in Petah Tikwa wounded one man.', 'Petah Tikva', 'IL'],
    ['Insurgents burned houses in a village of the Macomia district.', 'Macomia', 'MZ'],
    ['Gunmen kidnapped two engineers in the municipality of Caldono, Cauca.', 'Caldono', 'CO'],
    ['Rebels held two surveyors in a hamlet of the municipality of Caldono, Cauca.', 'Caldono', 'CO'],
    ['Militants blew up a checkpoint at the entrance to Rafah, killing three Egyptian conscripts.', 'Rafah', 'EG'],
    ['An air strike hit a house in Rafah in the southern Gaza Strip.', 'Rafah', 'PS'],
    ['A suicide bomber struck the market of Kolofata at dawn.', 'Kolofata', 'CM'],
    ['Two soldiers died when their truck hit a mine near Hombori.', 'Hombori', 'ML'],
    ['A car bomb went off in Yusifiyah, south of the capital.', 'Yusufiyah', 'IQ'],
    ['Gunmen shot a shopkeeper in the Swat valley.', 'Swat', 'PK'],
    ['A grenade was thrown at a bus stand in Bandipore.', 'Bandipora', 'IN'],
    ['A man stabbed two shoppers in Kiryat Ata.', 'Kiryat Ata', 'IL'],
  ])('%s', (text, name, cc) => {
    const p = read(text).places.find((m) => m.place.name === name);
    expect(p, JSON.stringify(named(text))).toBeDefined();
    expect(p!.place.cc).toBe(cc);
  });

  it('an acronym is not an area, a people is not a town, and a suburb of Beirut is not a town of Sinai', () => {
    expect(named('SWAT officers stormed the house after a standoff.')).toEqual([]);
    expect(read('A Moro armed group set off a bomb on a road in Maguindanao.').country).toBe('PH');
    expect(read('A car bomb exploded in Bir el-Abed, in the southern suburbs of Beirut.').country).toBe('LB');
  });

  it('a district town of one country is not taken for a better-known namesake', () => {
    expect(read('A grenade was thrown at a shop in Bijapur, Karnataka.').country).toBe('IN');
    expect(named('Police in Palma de Mallorca arrested two men.')).not.toContain('Macomia');
  });
});
