// Stage 3c. Finds the armed forces, groups and victim categories a report names, and gives each
// mention its bloc in the report's country ("Hezbollah" is pro-government in Syria, its own bloc in Lebanon).
import type { ActorMention } from '../domain/types.js';
import type { Located } from './analysis.js';
import { loadLexicon, type ActorEntry } from './lexicon.js';
import type { PhraseMatch } from './phrase-matcher.js';
import type { Token } from './tokenize.js';

export function recognizeActors(
  tokens: Token[],
  sentenceTokens: Array<[number, number]>,
  country: string | null,
): Array<ActorMention & Located> {
  const { actors } = loadLexicon();
  const out: Array<ActorMention & Located> = [];
  sentenceTokens.forEach(([from, to], sentence) => {
    const matches = actors.findAll(tokens, from, to);
    for (let i = 0; i < matches.length; ) {
      let j = i;
      while (j < matches.length && matches[j].start === matches[i].start) j++;
      const entry = pickEntry(matches.slice(i, j), country);
      const m = matches[i];
      out.push({
        start: m.start,
        end: m.end,
        from: m.from,
        to: m.to,
        text: tokens.slice(m.from, m.to).map((t) => t.text).join(' '),
        sentence,
        actor: { id: entry.id, name: entry.name, bloc: entry.bloc, parent: entry.parent, type: entry.type },
        bloc: blocIn(entry, country),
      });
      i = j;
    }
    out.push(...demonymForces(tokens, from, to, sentence, country, out));
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
      bloc: blocIn(entry, country),
    });
  }
  return out;
}

export function blocIn(entry: ActorEntry, country: string | null): string {
  return (country && entry.blocIn?.[country]) || entry.bloc;
}

/** An alias shared by several entries ("the army") is read as the one that belongs to the report's country. */
function pickEntry(same: PhraseMatch<ActorEntry>[], country: string | null): ActorEntry {
  if (country) {
    const local = same.find((m) => m.value.countries?.includes(country));
    if (local) return local.value;
  }
  const general = same.find((m) => !m.value.countries?.length);
  return (general ?? same[0]).value;
}
