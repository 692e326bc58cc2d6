// Who did it, by name: the perpetrator an analyst would write down for a short incident report.
import { describe, expect, it } from 'vitest';
import { extractReport } from './pipeline.js';

const perpetrator = (text: string, published = '2018-06-10') => extractReport(text, { published }).summary.perpetrator;
/** The name, or '' when the report names nobody. */
const named = (text: string) => perpetrator(text) ?? '';

describe('perpetrator by name', () => {
  it.each([
    ['claimed responsibility', 'A roadside bomb killed four soldiers near Kandahar. The Taliban claimed responsibility for the blast.', /^Taliban$/],
    ['claimed by', 'A car bomb killed nine people at a market in Mogadishu in an attack claimed by al-Shabaab.', /al-Shabaab/],
    ['blamed on', 'Two bombs damaged an oil pipeline in Arauca. Officials blamed the attack on ELN guerrillas.', /ELN/],
    ['is blamed', 'A grenade wounded six police officers in Cucuta. The FARC is blamed.', /FARC/],
    ['attributed to', 'Gunmen shot dead a village chief in Narathiwat. Police attributed the killing to BRN insurgents.', /BRN/],
    ['suspected X militants', 'Suspected Boko Haram militants killed 12 farmers near Maiduguri.', /Boko Haram/],
    ['X gunmen', 'Abu Sayyaf gunmen abducted three fishermen off Sulu.', /Abu Sayyaf/],
    ['X fighters attacked', 'ISWAP fighters attacked a military base in Borno, killing five soldiers.', /ISWAP/],
    ['an X suicide bomber', 'An LTTE suicide bomber killed 14 sailors at a naval base.', /LTTE/],
    ['carried out by', 'The ambush on the convoy in Dantewada was carried out by Maoists, killing six policemen.', /CPI-Maoist/],
    ['militants of', 'Militants of Lashkar-e-Taiba stormed an army camp in Uri, killing 17 soldiers.', /Lashkar-e-Taiba/],
    ['by X', 'A soldier was shot dead by NPA rebels in Samar province.', /New People's Army/],
    ['a generic name the actor file keeps', 'Islamist militants killed 30 villagers in an overnight raid.', /^Islamist militants$/],
  ])('%s', (_rule, text, name) => {
    expect(perpetrator(text)).toMatch(name);
  });

  it('names the actor as the actor file spells it, whatever alias the report uses', () => {
    expect(perpetrator('Daesh claimed the bombing of a checkpoint near Kirkuk that killed three policemen.')).toBe('Islamic State (IS/ISIL)');
    expect(perpetrator('Naxalites triggered a landmine that killed two jawans in Sukma.')).toBe('Communist Party of India-Maoist (CPI-Maoist)');
  });

  it('finds nobody behind a partisan label or an unnamed attacker', () => {
    expect(perpetrator('Terrorists killed seven civilians in a village.')).toBeNull();
    expect(perpetrator('Unidentified gunmen shot dead a trader in the market.')).toBeNull();
    expect(perpetrator('Militants stormed a police post, killing two officers.')).toBeNull();
  });

  it('never takes a victim group for the perpetrator', () => {
    expect(named('Security forces killed five Taliban fighters in Helmand.')).not.toMatch(/Taliban/);
    expect(named('Nine al-Shabaab militants were killed in an air strike near Jilib.')).not.toMatch(/Shabaab/);
    expect(named('A bomb targeted a PKK convoy on the border road.')).not.toMatch(/PKK/);
  });

  it('does not take a spokesman speaking of a toll for the author of the attack', () => {
    expect(perpetrator('A Taliban spokesman said 20 soldiers had died in the fighting, a figure officials disputed.')).toBeNull();
  });

  it('does not take a claim that was never made', () => {
    expect(perpetrator('A bomb killed three people on a bus in Quetta. No group claimed responsibility.')).toBeNull();
  });

  it('prefers the author of the headline attack to a group that only claimed something further down', () => {
    const text = [
      'Boko Haram fighters killed 15 villagers in Gwoza on Sunday.',
      'The army said it repelled a separate raid.',
      'In an unrelated statement, ISWAP claimed responsibility for an ambush on a convoy near Damboa last week.',
    ].join(' ');
    expect(perpetrator(text)).toMatch(/Boko Haram/);
  });
});
