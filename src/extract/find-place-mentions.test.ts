// Which names the matcher finds, and which it finds worded as a place ("cued"): a small foreign town is believed
// only when cued, so the wording around a name decides whether it counts.
import { describe, expect, it } from 'vitest';
import { findPlaceMentions } from './find-place-mentions.js';
import { loadGazetteer } from './gazetteer.js';

const found = (text: string) => findPlaceMentions(text, loadGazetteer()).map((m) => `${m.text}${m.cued ? ' (cued)' : ''}`);

describe('a town named in the name of an incident or a landmark', () => {
  it.each([
    // text, what is found
    ['The 2014 Leipzig bombings: two devices went off at a tram stop.', ['Leipzig (cued)']],
    ['A Lyon nightclub shooting left three people dead.', ['Lyon (cued)']],
    ['The Mandalay Bombings wounded nine people.', ['Mandalay (cued)']],
    ['Arsonists set fire to the Nantes Museum of Natural History.', ['Nantes (cued)']],
    ['A man opened fire at Nantes airport.', ['Nantes (cued)']],
    ['Five officers of the Pattani police were hurt by a bomb.', ['Pattani (cued)']],
    ['Rebels shot a soldier in the province Negros Oriental.', ['Negros Oriental (cued)']],
    ['The Potsdam train crash: saboteurs had loosened the rails.', ['Potsdam (cued)']],
    ['A man stabbed the mayor of Hamm at a market stall.', ['Hamm (cued)']],
    // negatives: a town after a comma is not a region, a town's name used as an adjective with no word of violence or landmark, and a person named like a town
    ['Leipzig talks on the ceasefire ended without agreement.', ['Leipzig']],
    ['Lyon said the talks had failed.', ['Lyon']],
    ["Smith, Leipzig's coach, resigned.", ['Leipzig']],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('a region after a town and a comma is where the town lies', () => {
    expect(found('Two deputies were shot at a ranch near Springville, California.')).toContain('California (cued)');
  });

  it('a town glued to an unknown capitalized word is still a piece of a longer name', () => {
    expect(found('Fighters shelled Bustan al-Qasr overnight.')).not.toContain('Qasr');
  });
});
