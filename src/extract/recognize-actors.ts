// Stage 3c. Finds the armed forces, groups and victim categories a report names, and gives each
// mention its bloc in the report's country and at the report's date ("Hezbollah" is pro-government
// in Syria, its own bloc in Lebanon; the Taliban are insurgents until August 2021, then the government).
import type { ActorMention } from '../domain/types.js';
import type { Located } from './analysis.js';
import { loadLexicon, type ActorEntry } from './lexicon.js';
import type { PhraseMatch } from './phrase-matcher.js';
import type { Token } from './tokenize.js';

export function recognizeActors(
  tokens: Token[],
  sentenceTokens: Array<[number, number]>,
  country: string | null,
  date: string | null = null,
): Array<ActorMention & Located> {
  const { actors } = loadLexicon();
  const out: Array<ActorMention & Located> = [];
  sentenceTokens.forEach(([from, to], sentence) => {
    const matches = actors.findAll(tokens, from, to);
    for (let i = 0; i < matches.length; ) {
      let j = i;
      while (j < matches.length && matches[j].start === matches[i].start) j++;
      const m = matches[i];
      const entry = pickEntry(withoutForeignLocal(tokens, matches.slice(i, j), country), country, date);
      i = j;
      if (!entry) continue;
      out.push({
        start: m.start,
        end: m.end,
        from: m.from,
        to: m.to,
        text: tokens.slice(m.from, m.to).map((t) => t.text).join(' '),
        sentence,
        actor: { id: entry.id, name: entry.name, bloc: entry.bloc, parent: entry.parent, type: entry.type },
        bloc: blocIn(entry, country, date),
      });
    }
    out.push(...demonymForces(tokens, from, to, sentence, country, date, out));
  });
  return out.sort((x, y) => x.start - y.start);
}

/** "Russian missile strike", "Saudi jets": a country's adjective before a military noun is its forces. */
function demonymForces(
  tokens: Token[],
  from: number,
  to: number,
  sentence: number,
  country: string | null,
  date: string | null,
  found: Array<ActorMention & Located>,
): Array<ActorMention & Located> {
  const { demonyms, militaryNouns, actorsById } = loadLexicon();
  const out: Array<ActorMention & Located> = [];
  for (let i = from; i < to - 1; i++) {
    const id = demonyms.get(tokens[i].text);
    if (!id || found.some((m) => m.from <= i && m.to > i)) continue;
    if (militaryNouns.matchAt(tokens, i + 1, to).length === 0) continue;
    const entry = actorsById.get(id);
    if (!entry) continue;
    out.push({
      start: tokens[i].start,
      end: tokens[i].end,
      from: i,
      to: i + 1,
      text: tokens[i].text,
      sentence,
      actor: { id: entry.id, name: entry.name, bloc: entry.bloc, parent: entry.parent, type: entry.type },
      bloc: blocIn(entry, country, date),
    });
  }
  return out;
}

/** The actor's side in a country on a date: a period's bloc first, then the country's, then the default. */
export function blocIn(entry: ActorEntry, country: string | null, date: string | null = null): string {
  if (date && entry.blocs) {
    for (const p of entry.blocs) {
      if (p.countries && !(country && p.countries.includes(country))) continue;
      if ((!p.from || date >= p.from) && (!p.until || date < p.until)) return p.bloc;
    }
  }
  return (country && entry.blocIn?.[country]) || entry.bloc;
}

/**
 * "herdsmen" names the Fulani militias in Nigeria, not in a report from elsewhere; "al-Shabaab" is the
 * Mozambican insurgency only in Mozambique. A local alias counts in its own countries, or, when the
 * report's country is unknown, if no actor has the words as an alias of its own.
 */
function withoutForeignLocal(tokens: Token[], same: PhraseMatch<ActorEntry>[], country: string | null): PhraseMatch<ActorEntry>[] {
  const { localAliasKeys } = loadLexicon();
  const isLocal = (m: PhraseMatch<ActorEntry>) => localAliasKeys.get(m.value.id)?.has(tokens.slice(m.from, m.to).map((t) => t.key).join(' ')) ?? false;
  const home = (m: PhraseMatch<ActorEntry>) => !!country && !!m.value.countries?.includes(country);
  const kept = same.filter((m) => !isLocal(m) || home(m));
  return kept.length || country ? kept : same;
}

/**
 * An alias shared by several entries ("the army", "Ansar al-Sunna") is read as the one that belongs to
 * the report's country, then as the one active at the report's date.
 */
function pickEntry(same: PhraseMatch<ActorEntry>[], country: string | null, date: string | null): ActorEntry | null {
  if (same.length === 0) return null;
  const local = country ? same.filter((m) => m.value.countries?.includes(country)) : [];
  const pool = local.length ? local : same.filter((m) => !m.value.countries?.length).length ? same.filter((m) => !m.value.countries?.length) : same;
  const year = date?.slice(0, 4);
  if (!year) return pool[0].value;
  // Active that year first, then groups with no known span, then groups that had ceased or not yet begun.
  const rank = (e: ActorEntry) => (!e.active ? 1 : (!e.active.from || year >= e.active.from) && (!e.active.until || year <= e.active.until) ? 0 : 2);
  return pool.reduce((best, m) => (rank(m.value) < rank(best.value) ? m : best)).value;
}
