// Control changes as each side words them: a monitor's plain report, state media's formulas for a
// recapture, a group's claim to have liberated a town. Aims and advances are never a change.
import { describe, expect, it } from 'vitest';
import { extractReport } from './pipeline.js';

/** The control changes of a report, as "sub-type @ place". */
const changes = (text: string) =>
  extractReport(text, { published: '2019-08-20' })
    .events.filter((e) => /territory/.test(e.sub_type))
    .map((e) => `${e.sub_type} @ ${e.location?.name ?? '?'}`);

describe('control changes: what is a change and who gained', () => {
  const table: Array<[string, string]> = [
    // A monitor's wording
    ['The monitor said Islamic State fighters took full control of the town of Sukhnah on Tuesday.', 'Non-state actor overtakes territory @ Sukhnah'],
    ['Rebels seized the village of Morek after a night of fighting.', 'Non-state actor overtakes territory @ Morek'],
    ['The town of Manbij was captured by Kurdish fighters on Friday.', 'Non-state actor overtakes territory @ Manbij'],
    // State media's formulas for a recapture
    ['Army units restored security and stability to the town of Khan Shaykhun after destroying the last terrorist positions.', 'Government regains territory @ Khan Sheikhoun'],
    ['Our armed forces liberated the village of Tal Rifaat from terrorists.', 'Government regains territory @ Tal Rifaat'],
    ['The village of Hamam was cleared of terrorists by units of the Syrian Arab Army.', 'Government regains territory @ Hamam'],
    ['Government forces regained control of the town of Palmyra on Sunday.', 'Government regains territory @ Palmyra'],
    // A group's claim
    ['Hayat Tahrir al-Sham said its fighters had liberated the town of Kafr Nabudah.', 'Non-state actor overtakes territory @ Kafr Nbudah'],
    ['Rebels freed the town of Jisr al-Shughur from regime forces.', 'Non-state actor overtakes territory @ Jisr al-Shughour'],
  ];
  for (const [text, expected] of table) it(text, () => expect(changes(text)).toEqual([expected]));
});

describe('control changes: aims, advances and sieges are none', () => {
  const none = [
    'The army is advancing towards the town of Maarat al-Numan.',
    'Government forces are aiming to encircle the town of Khan Shaykhun.',
    'Army units are working to liberate the town of Palmyra.',
    'Rebels launched a counter-offensive to recapture the village of Morek.',
    'Kurdish fighters besieged the town of Manbij for a week.',
    'Rebels captured 20 soldiers near the town of Morek.',
  ];
  for (const text of none) it(text, () => expect(changes(text)).toEqual([]));
});
