// End to end on the canonical wire story (shared/spec/seed-article.txt), fact by fact as listed in
// shared/spec/seed-article.expected.md. The article is read from shared/, never copied here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Claim, ConflictEvent } from '../src/domain/types.js';
import { extractReport, type Extraction } from '../src/extract/pipeline.js';

const SEED = join(import.meta.dirname, '..', '..', 'shared', 'spec', 'seed-article.txt');
const PUBLISHED = '2015-02-15';

const killedClaims = (x: Extraction) => x.claims.filter((c) => c.measure === 'killed');
const claimSaying = (x: Extraction, words: RegExp) => killedClaims(x).filter((c) => words.test(c.sentence));
const group = (c: Claim, g: string) => c.fatalities.find((f) => f.group === g);
const eventsOf = (x: Extraction, sub: string) => x.events.filter((e) => e.sub_type === sub);

describe.skipIf(!existsSync(SEED))('seed article (shared/spec/seed-article.txt)', () => {
  let x: Extraction;
  beforeAll(() => {
    x = extractReport(readFileSync(SEED, 'utf8'), { published: PUBLISHED, source: 'Reuters' });
  });

  it('attributes the claims to their claimants and kinds', () => {
    const rebels = claimSaying(x, /More than 50 rebels/)[0];
    expect(rebels.claimant).toMatch(/Syrian Observatory/);
    expect(rebels.claimant_kind).toBe('monitor');
    const sana = claimSaying(x, /SANA/)[0];
    expect(sana.claimant).toMatch(/SANA/);
    expect(sana.claimant_kind).toBe('state-media');
  });

  it('fact 2: more than 50 rebels killed in the past week is a lower bound and a period total', () => {
    const c = claimSaying(x, /More than 50 rebels/)[0];
    const f = group(c, 'opposition')!;
    expect(f.best).toBe(50);
    expect(f.low).toBe(51);
    expect(f.kind).toBe('lower-bound');
    expect(c.scope).toBe('period-total');
  });

  it('fact 3: 43 pro-government dead including 12 officers is 43, not 55', () => {
    const c = claimSaying(x, /43 members/)[0];
    const f = group(c, 'pro-government')!;
    expect(f.best).toBe(43);
    expect(f.includes?.[0].count).toBe(12);
    expect(c.fatalities.reduce((s, g) => s + (g.best ?? 0), 0)).toBe(43);
    expect(c.claimant).toMatch(/Syrian Observatory/);
  });

  it('fact 4: "scores of" fighters is vague, with no invented number', () => {
    const c = claimSaying(x, /scores of/)[0];
    expect(c).toBeDefined();
    for (const f of c.fatalities) {
      expect(f.kind).toBe('vague');
      expect(f.best).toBeNull();
    }
    expect(c.scope).toBe('period-total');
  });

  it('fact 5: SANA claims heavy losses on the armed opposition in Deraa, vague', () => {
    const c = claimSaying(x, /SANA/)[0];
    expect(c.fatalities.every((f) => f.best === null && f.kind === 'vague')).toBe(true);
    expect(c.fatalities.some((f) => f.group === 'opposition')).toBe(true);
    const e = x.events.find((ev) => ev.claims.includes(c.id))!;
    expect(e.location?.admin1).toBe('Daraa');
  });

  it('fact 6: the army captured towns south of Damascus; the aim to encircle is no change', () => {
    const gains = eventsOf(x, 'Government regains territory');
    expect(gains.some((e) => /south of Damascus|Damascus/.test(e.location?.name ?? '') && e.actors.some((a) => a.bloc === 'pro-government'))).toBe(true);
    expect(x.events.some((e) => /territory/.test(e.sub_type) && /Quneitra/.test(e.location?.name ?? ''))).toBe(false);
  });

  it('fact 7: ten government-side fighters executed, coded as 10 pro-government deaths', () => {
    const c = claimSaying(x, /executed/)[0];
    expect(group(c, 'pro-government')?.best).toBe(10);
    expect(c.weapon).toBe('execution');
    const e = x.events.find((ev) => ev.claims.includes(c.id))!;
    expect(e.type).not.toBe('Violence against civilians');
  });

  it('fact 8: Nusra Front dead with an unknown number is a claim with no count', () => {
    const c = claimSaying(x, /Nusra Front fighters had been killed/)[0];
    expect(c).toBeDefined();
    const f = group(c, 'jihadist-opposition')!;
    expect(f.kind).toBe('unknown');
    expect(f.best).toBeNull();
  });

  it('fact 9: four YPG fighters killed, and the YPG took the Tal Baghdaq hilltop', () => {
    const c = claimSaying(x, /Four YPG fighters/)[0];
    expect(group(c, 'kurdish-forces')?.best).toBe(4);
    expect(c.claimant).toMatch(/Syrian Observatory/);
    const taken = eventsOf(x, 'Non-state actor overtakes territory').filter((e) => /hilltop|Baghdaq/.test(e.sentence));
    expect(taken.length).toBeGreaterThan(0);
    expect(taken[0].actors[0].bloc).toBe('kurdish-forces');
  });

  it('fact 11: Kobane recaptured by Kurdish forces on 2015-01-26', () => {
    const e = eventsOf(x, 'Non-state actor overtakes territory').find((ev) => /recaptured/.test(ev.sentence));
    expect(e?.location?.name).toMatch(/Kobane|Kobani|Ayn al/);
    expect(e?.date).toEqual({ start: '2015-01-26', end: '2015-01-26', precision: 'day' });
    expect(e?.actors[0].bloc).toBe('kurdish-forces');
  });

  it('fact 13: US-led coalition air strikes on Sunday with unknown casualties', () => {
    const e = x.events.find((ev) => ev.sub_type === 'Air/drone strike' && ev.actors.some((a) => a.bloc === 'international-coalition'));
    expect(e).toBeDefined();
    expect(e!.date?.start).toBe('2015-02-15');
    expect(e!.fatalities.every((f) => f.best === null)).toBe(true);
  });

  it('fact 14: the 210,000 dead since March 2011 is a cumulative toll', () => {
    const c = claimSaying(x, /210,000/)[0];
    expect(c.scope).toBe('cumulative-toll');
    expect(c.fatalities[0].low).toBe(210_001);
  });

  it('never reads a force size as deaths, and never sums a subset', () => {
    const all = killedClaims(x).flatMap((c) => c.fatalities.map((f) => f.best));
    expect(all).not.toContain(5000);
    expect(all).not.toContain(10000);
    expect(all).not.toContain(55);
  });

  it('has no date after publication', () => {
    const dated: Array<ConflictEvent | Claim> = [...x.events, ...x.claims];
    for (const d of dated) if (d.date) expect(d.date.end <= PUBLISHED).toBe(true);
  });

  it('never places an event in Britain or Beirut', () => {
    for (const e of x.events) {
      expect(e.location?.country).not.toBe('United Kingdom');
      expect(e.location?.name ?? '').not.toMatch(/Beirut|Britain/);
    }
  });

  it('summary: a dated, located headline in Syria with no period or cumulative figure in it', () => {
    expect(x.summary.country).toBe('Syria');
    expect(x.summary.date! <= PUBLISHED).toBe(true);
    expect([50, 43, 93, 210000, 5000, 10000]).not.toContain(x.summary.killed);
  });
});
