// Integrity checks for the knowledge data: data/actors/actors.json, data/actors/claimants.json,
// data/lexicon/triggers.json. These test the data, not the extractor.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const readJson = (rel: string): any => JSON.parse(readFileSync(resolve(ROOT, rel), 'utf8'));

interface ActorRow {
  id: string;
  name: string;
  aliases: string[];
  bloc: string;
  parent: string | null;
  type: string;
  countries: string[];
  blocIn?: Record<string, string>;
  generic?: boolean;
}

interface ClaimantRow {
  id: string;
  name: string;
  aliases: string[];
  kind: string;
  bloc: string | null;
  countries: string[];
  blocIn?: Record<string, string>;
  sourceIds?: string[];
  generic?: boolean;
}

const actors: ActorRow[] = readJson('data/actors/actors.json').actors;
const claimants: ClaimantRow[] = readJson('data/actors/claimants.json').claimants;
const triggers: any = readJson('data/lexicon/triggers.json');

const ACTOR_TYPES = ['state-force', 'foreign-force', 'militia', 'armed-group', 'coalition', 'civilians', 'political', 'generic'];
const CLAIMANT_KINDS = ['monitor', 'state-media', 'party-media', 'official', 'armed-group', 'wire', 'witness', 'unknown'];
const WEAPONS = [
  'air_strike', 'drone_strike', 'shelling', 'missile', 'rocket', 'barrel_bomb', 'cluster_munition', 'ied', 'car_bomb',
  'suicide_bomb', 'landmine', 'explosion', 'chemical', 'gunfire', 'sniper', 'clash', 'execution', 'torture', 'bomb', 'grenade',
  'artillery', 'shooting', 'arson', 'stabbing', 'beating', 'vehicle_ramming', 'unknown',
];
const SYRIA_GOLD_BLOCS = [
  'pro-government', 'opposition', 'jihadist-opposition', 'islamic-state', 'kurdish-forces', 'international-coalition', 'unknown',
];
const ISO2 = /^[A-Z]{2}$/;
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Aliases written all in capitals (IS, US, SDF) are matched case-sensitively; the rest case-insensitively. */
const allCaps = (s: string) => /[A-Za-z]/.test(s) && s === s.toUpperCase();
const aliasKey = (s: string) => (allCaps(s) ? s : s.toLowerCase());

/** Countries two rows share; an empty list means "any country". */
function sharedCountries(a: string[], b: string[]): string[] {
  if (a.length === 0 && b.length === 0) return ['*'];
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return a.filter((c) => b.includes(c));
}
const blocInCountry = (row: { bloc: string | null; blocIn?: Record<string, string> }, cc: string) =>
  row.blocIn?.[cc] ?? row.bloc;

describe('actors.json', () => {
  it('has a useful number of actors', () => {
    expect(actors.length).toBeGreaterThanOrEqual(150);
  });

  it('every actor has id, name, bloc, type, aliases and countries', () => {
    for (const a of actors) {
      expect(a.id, JSON.stringify(a)).toMatch(ID);
      expect(typeof a.name).toBe('string');
      expect(a.name.length).toBeGreaterThan(0);
      expect(typeof a.bloc).toBe('string');
      expect(a.bloc.length).toBeGreaterThan(0);
      expect(ACTOR_TYPES, `${a.id} type ${a.type}`).toContain(a.type);
      expect(Array.isArray(a.aliases) && a.aliases.length > 0, `${a.id} aliases`).toBe(true);
      expect(Array.isArray(a.countries), `${a.id} countries`).toBe(true);
      for (const cc of a.countries) expect(cc, a.id).toMatch(ISO2);
      for (const cc of Object.keys(a.blocIn ?? {})) expect(cc, a.id).toMatch(ISO2);
      expect(a.parent === null || typeof a.parent === 'string', `${a.id} parent`).toBe(true);
    }
  });

  it('ids are unique', () => {
    const seen = new Set<string>();
    for (const a of actors) {
      expect(seen.has(a.id), `duplicate id ${a.id}`).toBe(false);
      seen.add(a.id);
    }
  });

  it('every parent is an existing actor and there are no parent cycles', () => {
    const byId = new Map(actors.map((a) => [a.id, a]));
    for (const a of actors) {
      if (a.parent === null) continue;
      expect(byId.has(a.parent), `${a.id} -> missing parent ${a.parent}`).toBe(true);
      const path = new Set<string>([a.id]);
      let p: ActorRow | undefined = byId.get(a.parent);
      while (p) {
        expect(path.has(p.id), `cycle through ${a.id}`).toBe(false);
        path.add(p.id);
        p = p.parent ? byId.get(p.parent) : undefined;
      }
    }
  });

  it('aliases are non-empty, trimmed and not repeated within an actor', () => {
    for (const a of actors) {
      const keys = new Set<string>();
      for (const al of a.aliases) {
        expect(al.trim(), `${a.id}: "${al}"`).toBe(al);
        expect(al.length).toBeGreaterThan(0);
        const k = aliasKey(al);
        expect(keys.has(k), `${a.id}: alias repeated "${al}"`).toBe(false);
        keys.add(k);
      }
    }
  });

  it('no alias names two sides in the same country unless one of the actors is generic', () => {
    const byAlias = new Map<string, ActorRow[]>();
    for (const a of actors)
      for (const al of a.aliases) {
        const k = aliasKey(al);
        byAlias.set(k, [...(byAlias.get(k) ?? []), a]);
      }
    const conflicts: string[] = [];
    for (const [al, rows] of byAlias) {
      for (let i = 0; i < rows.length; i++)
        for (let j = i + 1; j < rows.length; j++) {
          const x = rows[i];
          const y = rows[j];
          if (x.generic || y.generic) continue;
          for (const cc of sharedCountries(x.countries, y.countries)) {
            const bx = blocInCountry(x, cc);
            const by = blocInCountry(y, cc);
            if (bx !== by) conflicts.push(`"${al}" in ${cc}: ${x.id}=${bx} vs ${y.id}=${by}`);
          }
        }
    }
    expect(conflicts).toEqual([]);
  });

  it('Syrian actors use the Syria blocs (or a declared extra bloc) in Syria', () => {
    const allowed = [...SYRIA_GOLD_BLOCS, 'civilians', 'foreign-state', 'peacekeepers', 'transitional-government'];
    for (const a of actors) {
      // An empty country list means the actor applies everywhere, Syria included.
      if (a.countries.length > 0 && !a.countries.includes('SY')) continue;
      const b = blocInCountry(a, 'SY');
      expect(allowed, `${a.id} in SY -> ${b}`).toContain(b);
    }
  });

  it('period blocs, active years and local aliases are well formed', () => {
    const DATE = /^\d{4}-\d{2}-\d{2}$/;
    const YEAR = /^\d{4}$/;
    for (const a of actors as Array<ActorRow & { blocs?: any[]; active?: any; localAliases?: string[] }>) {
      for (const p of a.blocs ?? []) {
        expect(p.from ?? p.until, `${a.id}: a period needs a start or an end`).toBeDefined();
        if (p.from) expect(p.from, a.id).toMatch(DATE);
        if (p.until) expect(p.until, a.id).toMatch(DATE);
        if (p.from && p.until) expect(p.from < p.until, a.id).toBe(true);
        expect(typeof p.bloc, a.id).toBe('string');
        for (const cc of p.countries ?? []) expect(cc, a.id).toMatch(ISO2);
      }
      if (a.active?.from) expect(a.active.from, a.id).toMatch(YEAR);
      if (a.active?.until) expect(a.active.until, a.id).toMatch(YEAR);
      if (a.localAliases) expect(a.countries.length, `${a.id}: local aliases need countries`).toBeGreaterThan(0);
      for (const al of a.localAliases ?? []) expect(a.aliases.map(aliasKey), `${a.id}: "${al}" is both local and ordinary`).not.toContain(aliasKey(al));
    }
  });

  it('knows the sides of the seed report', () => {
    const find = (alias: string, cc = 'SY') => {
      const k = aliasKey(alias);
      const rows = actors.filter((a) => a.aliases.some((al) => aliasKey(al) === k));
      const specific = rows.filter((a) => !a.generic && (a.countries.length === 0 || a.countries.includes(cc)));
      const pick = specific[0] ?? rows[0];
      expect(pick, alias).toBeDefined();
      return blocInCountry(pick, cc);
    };
    expect(find('Hezbollah')).toBe('pro-government');
    expect(find('Hezbollah', 'LB')).toBe('hezbollah');
    expect(find('Nusra Front')).toBe('jihadist-opposition');
    expect(find('Southern Front')).toBe('opposition');
    expect(find('Alwiyat Seif al-Sham')).toBe('opposition');
    expect(find('YPG')).toBe('kurdish-forces');
    expect(find('IS')).toBe('islamic-state');
    expect(find('US-led coalition')).toBe('international-coalition');
    expect(find('Russian warplanes')).toBe('pro-government');
    expect(find('Russian forces', 'UA')).toBe('russia');
    expect(find('Ahrar al-Sham')).toBe('opposition');
    expect(find('terrorist groups')).toBe('opposition');
    expect(find('Taliban', 'AF')).toBe('insurgents');
  });
});

describe('claimants.json', () => {
  it('every claimant has id, name, an allowed kind, bloc and aliases', () => {
    const seen = new Set<string>();
    for (const c of claimants) {
      expect(c.id).toMatch(ID);
      expect(seen.has(c.id), `duplicate id ${c.id}`).toBe(false);
      seen.add(c.id);
      expect(c.name.length).toBeGreaterThan(0);
      expect(CLAIMANT_KINDS, `${c.id} kind ${c.kind}`).toContain(c.kind);
      expect(c.bloc === null || typeof c.bloc === 'string', `${c.id} bloc`).toBe(true);
      expect(c.aliases.length, `${c.id} aliases`).toBeGreaterThan(0);
      for (const cc of c.countries) expect(cc, c.id).toMatch(ISO2);
      for (const cc of Object.keys(c.blocIn ?? {})) expect(cc, c.id).toMatch(ISO2);
    }
  });

  it('no alias names two different claimants (kind or bloc) in the same country unless one is generic', () => {
    const byAlias = new Map<string, ClaimantRow[]>();
    for (const c of claimants)
      for (const al of c.aliases) {
        const k = aliasKey(al);
        byAlias.set(k, [...(byAlias.get(k) ?? []), c]);
      }
    const conflicts: string[] = [];
    for (const [al, rows] of byAlias)
      for (let i = 0; i < rows.length; i++)
        for (let j = i + 1; j < rows.length; j++) {
          const x = rows[i];
          const y = rows[j];
          if (x.id === y.id) conflicts.push(`"${al}" repeated in ${x.id}`);
          if (x.generic || y.generic) continue;
          for (const cc of sharedCountries(x.countries, y.countries))
            if (x.kind !== y.kind || blocInCountry(x, cc) !== blocInCountry(y, cc))
              conflicts.push(`"${al}" in ${cc}: ${x.id} vs ${y.id}`);
        }
    expect(conflicts).toEqual([]);
  });

  it('grades the seed report claimants as an analyst would', () => {
    const byAlias = (alias: string) => claimants.find((c) => c.aliases.some((a) => aliasKey(a) === aliasKey(alias)));
    expect(byAlias('Syrian Observatory for Human Rights')?.kind).toBe('monitor');
    expect(byAlias('the Observatory')?.id).toBe('sohr');
    expect(byAlias('Rami Abdulrahman')?.id).toBe('sohr');
    expect(byAlias('SANA')?.kind).toBe('state-media');
    expect(byAlias('SANA')?.bloc).toBe('pro-government');
    expect(byAlias('al-Manar')?.kind).toBe('party-media');
    expect(byAlias('Syrian officials')?.kind).toBe('official');
    expect(byAlias('rebel spokesman')?.kind).toBe('armed-group');
    expect(byAlias('Reuters')?.kind).toBe('wire');
    expect(byAlias('Amaq')?.bloc).toBe('islamic-state');
  });
});

describe('triggers.json', () => {
  it('declares exactly the project weapon codes', () => {
    expect([...triggers.weaponCodes].sort()).toEqual([...WEAPONS].sort());
  });

  it('every weapon cue uses an allowed code, a numeric priority and non-empty phrases', () => {
    for (const w of triggers.weapons) {
      expect(WEAPONS, JSON.stringify(w.weapon)).toContain(w.weapon);
      expect(typeof w.priority).toBe('number');
      expect(w.phrases.length).toBeGreaterThan(0);
    }
    for (const o of triggers.weaponOverrides) expect(WEAPONS).toContain(o.weapon);
  });

  it('a phrase belongs to one weapon only', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const w of triggers.weapons)
      for (const p of w.phrases as string[]) {
        const k = p.toLowerCase();
        const prev = owner.get(k);
        if (prev && prev !== w.weapon) clashes.push(`${p}: ${prev} / ${w.weapon}`);
        owner.set(k, w.weapon);
      }
    expect(clashes).toEqual([]);
  });

  it('keeps those who answer an attack apart from its attackers', () => {
    const { responders, attackers } = triggers.weaponResponse;
    expect(responders).toContain('police');
    expect(attackers).toContain('assailant');
    expect(responders.filter((w: string) => attackers.includes(w))).toEqual([]);
  });

  it('specific weapons outrank generic ones', () => {
    const prio = (code: string) => triggers.weapons.find((w: any) => w.weapon === code).priority as number;
    expect(prio('suicide_bomb')).toBeGreaterThan(prio('car_bomb'));
    expect(prio('car_bomb')).toBeGreaterThan(prio('explosion'));
    expect(prio('barrel_bomb')).toBeGreaterThan(prio('air_strike'));
    expect(prio('chemical')).toBeGreaterThan(prio('air_strike'));
    expect(prio('chemical')).toBeGreaterThan(prio('barrel_bomb'));
    expect(prio('clash')).toBeLessThan(prio('gunfire'));
    expect(prio('grenade')).toBeGreaterThan(prio('explosion'));
    expect(prio('stabbing')).toBeGreaterThan(prio('shooting'));
  });

  it('every ACLED sub-event type belongs to exactly one event type, and every mapping agrees', () => {
    const parentOf = new Map<string, string>();
    for (const e of triggers.acled.eventTypes)
      for (const s of e.sub_event_types) {
        expect(parentOf.has(s), `sub-type listed twice: ${s}`).toBe(false);
        parentOf.set(s, e.event_type);
      }
    for (const [weapon, m] of Object.entries<any>(triggers.acled.weaponToEvent)) {
      expect(WEAPONS).toContain(weapon);
      expect(parentOf.get(m.sub_event_type), `${weapon} -> ${m.sub_event_type}`).toBe(m.event_type);
      if (m.ifOnlyCiviliansTargeted)
        expect(parentOf.get(m.ifOnlyCiviliansTargeted.sub_event_type)).toBe(m.ifOnlyCiviliansTargeted.event_type);
    }
    for (const w of WEAPONS.filter((x) => x !== 'unknown')) expect(triggers.acled.weaponToEvent[w], w).toBeDefined();
    for (const cue of triggers.acled.subEventCues) {
      expect(parentOf.has(cue.sub_event_type), cue.sub_event_type).toBe(true);
      expect(cue.phrases.length).toBeGreaterThan(0);
    }
  });

  it('a sub-event cue phrase points to one ACLED sub-type only, and every sub-type has cues', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const cue of triggers.acled.subEventCues)
      for (const p of cue.phrases as string[]) {
        const prev = owner.get(p.toLowerCase());
        if (prev && prev !== cue.sub_event_type) clashes.push(`${p}: ${prev} / ${cue.sub_event_type}`);
        owner.set(p.toLowerCase(), cue.sub_event_type);
      }
    expect(clashes).toEqual([]);
    const cued = new Set(triggers.acled.subEventCues.map((c: any) => c.sub_event_type));
    for (const e of triggers.acled.eventTypes) for (const s of e.sub_event_types) expect(cued.has(s) || /territory/.test(s), s).toBe(true);
  });

  it('lists the words of disasters, accidents and common crime, none of them a weapon', () => {
    const weaponPhrases = new Set(triggers.weapons.flatMap((w: any) => w.phrases.map((p: string) => p.toLowerCase())));
    for (const kind of ['disaster', 'accident', 'crime']) {
      expect(triggers.acled.notPolitical[kind].length, kind).toBeGreaterThan(0);
      for (const p of triggers.acled.notPolitical[kind]) expect(weaponPhrases.has(p.toLowerCase()), p).toBe(false);
    }
  });

  it('has the measure, territory, victim, force-size and attribution lists', () => {
    for (const m of ['killed', 'wounded', 'captured']) {
      expect(triggers.measures[m].verbs.length, m).toBeGreaterThan(0);
      expect(triggers.measures[m].nouns.length, m).toBeGreaterThan(0);
    }
    expect(triggers.measures.ambiguous.map((a: any) => a.phrase)).toContain('casualties');
    expect(triggers.measures.killed.nouns).not.toContain('casualties');
    for (const k of ['gain', 'loss', 'aim', 'transfer']) expect(triggers.territory[k].length, k).toBeGreaterThan(0);
    for (const p of triggers.territory.patterns) expect(['gain', 'loss', 'aim', 'transfer']).toContain(p.change);
    expect(triggers.territory.aim).toContain('encircle');
    expect(triggers.territory.gain).not.toContain('encircle');
    expect(triggers.victims.civilianNouns).not.toContain('people');
    expect(triggers.victims.unknownGroupNouns).toContain('people');
    expect(triggers.forceSize.patterns.length).toBeGreaterThan(0);
    expect(triggers.attribution.speechVerbs).toContain('said');
    expect(triggers.attribution.prepositional).toContain('according to');
  });
});
