// Stage 4. Says who says each sentence: a named outlet or monitor ("the Observatory said"),
// a spokesman of a group ("said X, a spokesman for Y"), or a pronoun resolved to the last named
// speaker ("he said"). A sentence nobody claims belongs to the publisher.
import type { Attribution, Claimant, ClaimantKind } from '../domain/types.js';
import type { Analysis, CueMention } from './analysis.js';
import { inSentence } from './analysis.js';
import type { PhraseMatch } from './phrase-matcher.js';
import { loadLexicon, type ClaimantEntry } from './lexicon.js';
import type { Token } from './tokenize.js';

const PERSON_PRONOUNS = new Set(['he', 'she']);
const ORG_PRONOUNS = new Set(['it', 'they']);
const ORG_BACKREFS = new Set(['group', 'monitor', 'observatory', 'agency', 'organisation', 'organization', 'statement', 'network', 'ministry', 'channel', 'coalition']);
const ROLE_WORDS = new Set(['spokesman', 'spokeswoman', 'spokesperson', 'commander', 'head', 'chief', 'director', 'leader', 'official', 'member', 'founder', 'chairman', 'activist', 'correspondent', 'officer', 'general', 'minister']);
const NAME_PARTICLES = new Set(['al', 'el', 'abu', 'bin', 'ibn', 'abdel', 'abdul', 'de', 'van', 'von']);

interface Speaker {
  claimant: Claimant;
  person: string | null;
}

export function attributeClaimants(a: Analysis): Attribution[] {
  const lex = loadLexicon();
  const publisher = publisherClaimant(a.meta.source, a.meta.publisher_kind ?? 'unknown');
  const out: Attribution[] = [];
  let lastPerson: Speaker | null = null;
  let lastOrg: Speaker | null = null;

  a.sentences.forEach((_sentence, i) => {
    const [from, to] = a.sentenceTokens[i];
    const speech = inSentence(a.cues, i).filter((c) => c.cue.kind === 'speech');
    const named = lex.claimants.findAll(a.tokens, from, to);
    let found: { speaker: Speaker; cue: string; rule: string } | null = null;

    if (speech.length) {
      // A pronoun subject right at the verb wins: in "He also said Nusra fighters were killed", the group is content.
      found = pronoun(a.tokens, speech, from, to, lastPerson, lastOrg);
      // "said Abu X, a spokesman for the Y group" is the group's man, not a generic "spokesman" entry.
      if (!found) {
        const byName = namedSpeaker(a, named, speech);
        found = byName && !isGeneric(byName.speaker.claimant) ? byName : (spokesman(a, i, from, to, speech[0].from) ?? byName);
      }
    }
    if (found) {
      const { speaker } = found;
      if (speaker.person) lastPerson = speaker;
      if (speaker.claimant.kind !== 'unknown' || !lastOrg) lastOrg = speaker;
      out.push({ sentence: i, claimant: speaker.claimant, cue: found.cue, rule: found.rule });
    } else {
      out.push({ sentence: i, claimant: publisher, cue: null, rule: 'publisher' });
    }
  });
  attributeOpenQuotes(a, out);
  return out;
}

const ORG_WORDS = /\b(?:observatory|agency|network|news|ministry|council|committee|front|army|forces|coalition|group|cent(?:er|re)|organi[sz]ation|tv|media|channel|monitor|command|office|department|sources|officials)\b/i;

/**
 * A named claimant joined to a speech verb: before it ("SANA said", "Rami Abdulrahman said") or right
 * after it ("said the Observatory", "according to SANA"). A name further after the verb is what was said.
 */
function namedSpeaker(a: Analysis, named: PhraseMatch<ClaimantEntry>[], speech: CueMention[]): { speaker: Speaker; cue: string; rule: string } | null {
  let best: { d: number; m: PhraseMatch<ClaimantEntry>; s: CueMention } | null = null;
  for (const m of named) {
    for (const s of speech) {
      const d = m.to <= s.from ? s.from - m.to : m.from >= s.to ? m.from - s.to : 0;
      const ok = m.to <= s.from ? d <= 12 : d <= 3;
      if (ok && (!best || d < best.d)) best = { d, m, s };
    }
  }
  if (!best) return null;
  const surface = a.text.slice(best.m.start, best.m.end);
  // "Rami Abdulrahman", "Abdulrahman": a person, whom a later "he said" may mean. Outlets never are.
  const kind = best.m.value.kind;
  const personKind = kind !== 'wire' && kind !== 'state-media' && kind !== 'party-media';
  const isPerson = personKind && /^[A-Z][a-z]\S*(?:\s+[A-Z]\S*)*$/.test(surface) && !ORG_WORDS.test(surface);
  const person = isPerson ? surface : personBefore(a.tokens, best.m.from, a.sentenceTokens[best.s.sentence][0]);
  const cueStart = Math.min(best.m.start, best.s.start);
  const cueEnd = Math.max(best.m.end, best.s.end);
  return { speaker: { claimant: fromEntry(best.m.value), person }, cue: a.text.slice(cueStart, cueEnd), rule: 'named-claimant' };
}

function isGeneric(c: Claimant): boolean {
  return loadLexicon().claimantsById.get(c.id)?.generic === true;
}

function fromEntry(e: ClaimantEntry): Claimant {
  return { id: e.id, name: e.name, kind: e.kind, bloc: e.bloc ?? null };
}

/** The outlet that published the report, as a claimant of what nobody else is said to say. */
/** The outlet as the claimant of what nobody else claims: as the lexicon knows it, else of the kind the caller says it is. */
export function publisherClaimant(source: string | null, kind: ClaimantKind = 'unknown'): Claimant {
  if (!source) return { id: 'publisher', name: 'the report', kind, bloc: null };
  const lex = loadLexicon();
  const entry = lex.claimantsById.get(source.toLowerCase()) ?? lex.claimantByAlias(source);
  if (entry) return fromEntry(entry);
  return { id: source.toLowerCase(), name: source, kind, bloc: null };
}

/** "X, a spokesman for the rebel Y group, said" / "said X, commander of Y". */
function spokesman(a: Analysis, i: number, from: number, to: number, speechAt: number): { speaker: Speaker; cue: string; rule: string } | null {
  for (let t = from; t < to; t++) {
    if (!ROLE_WORDS.has(a.tokens[t].key)) continue;
    // The organisation the role belongs to: "spokesman for Y", "head of Y", "Y spokesman".
    const near = inSentence(a.actors, i).filter((m) => ((m.from > t && m.from - t <= 5) || (m.to <= t && t - m.to <= 1)));
    // "a spokesman for the rebel Alwiyat Seif al-Sham group": the named group, not the generic word.
    const org = near.find((m) => m.actor.type !== 'generic') ?? near[0];
    const person = personBefore(a.tokens, t, from) ?? personNear(a.tokens, speechAt, from, to);
    if (!org && !person) continue;
    const kind: ClaimantKind = org ? kindOfActor(org.actor.type, org.bloc) : 'unknown';
    const name = [person, org ? `(${org.actor.name})` : null].filter(Boolean).join(' ');
    return {
      speaker: { claimant: { id: slug(name), name, kind, bloc: org ? org.bloc : null }, person },
      cue: a.text.slice(a.tokens[t].start, a.tokens[Math.min(to - 1, t + 6)].end),
      rule: 'spokesman',
    };
  }
  return null;
}

function kindOfActor(type: string, bloc: string): ClaimantKind {
  if (type === 'state-force' || type === 'political' || type === 'foreign-force' || type === 'coalition') return 'official';
  if (type === 'armed-group' || type === 'militia') return 'armed-group';
  if (type === 'generic') return /government/.test(bloc) ? 'official' : 'armed-group';
  return 'unknown';
}

function pronoun(tokens: Token[], speech: { from: number; to: number }[], from: number, to: number, lastPerson: Speaker | null, lastOrg: Speaker | null) {
  for (const s of speech) {
    // "he also said", "she later told": an adverb may sit between the pronoun and the verb.
    const adverb = s.from - 1 >= from && /^(?:also|later|then|further|earlier|previously|has|had|have)$/.test(tokens[s.from - 1].key);
    const before = s.from - 1 - (adverb ? 1 : 0) >= from ? tokens[s.from - 1 - (adverb ? 1 : 0)].key : '';
    const after = s.to < to ? tokens[s.to].key : '';
    const prev2 = s.from - 2 - (adverb ? 1 : 0) >= from ? tokens[s.from - 2 - (adverb ? 1 : 0)].key : '';
    if ((PERSON_PRONOUNS.has(before) || PERSON_PRONOUNS.has(after)) && lastPerson) return { speaker: lastPerson, cue: `${before || after} ${tokens[s.from].text}`, rule: 'pronoun-last-person' };
    if ((ORG_PRONOUNS.has(before) || ORG_PRONOUNS.has(after) || (prev2 === 'the' && ORG_BACKREFS.has(before))) && lastOrg)
      return { speaker: lastOrg, cue: `${before || after} ${tokens[s.from].text}`, rule: 'pronoun-last-organisation' };
  }
  return null;
}

/** A quote that opens in one sentence and is attributed where it closes ("'... forward,' he said."). */
function attributeOpenQuotes(a: Analysis, out: Attribution[]): void {
  for (let i = 0; i < out.length; i++) {
    if (out[i].rule !== 'publisher' || !/^["']/.test(a.sentences[i].text)) continue;
    for (let k = i + 1; k < Math.min(out.length, i + 4); k++) {
      if (!/["'],?\s+\S+(?:\s+\S+)?\s+(?:said|says|added|told)|["'],?\s+(?:said|says|added|told)/.test(a.sentences[k].text)) continue;
      if (out[k].rule !== 'publisher') out[i] = Object.assign({}, out[k], { sentence: i, rule: 'quote-closed-later' as const });
      break;
    }
  }
}

function personBefore(tokens: Token[], at: number, floor: number): string | null {
  // "Abu Gaiath, a spokesman": skip the comma and article back to the capitalized name.
  let k = at - 1;
  while (k >= floor && /^(?:,|a|an|the)$/.test(tokens[k].key)) k--;
  return capitalizedRun(tokens, k, floor);
}

function personNear(tokens: Token[], speechAt: number, floor: number, ceil: number): string | null {
  if (speechAt + 1 < ceil) {
    let e = speechAt + 1;
    const words: string[] = [];
    while (e < ceil && (/^[A-Z]/.test(tokens[e].text) || (NAME_PARTICLES.has(tokens[e].key) && words.length))) words.push(tokens[e++].text);
    if (words.length >= 2) return words.join(' ');
  }
  return capitalizedRun(tokens, speechAt - 1, floor);
}

function capitalizedRun(tokens: Token[], end: number, floor: number): string | null {
  const words: string[] = [];
  let k = end;
  while (k >= floor && (/^[A-Z][a-z]/.test(tokens[k].text) || (NAME_PARTICLES.has(tokens[k].key) && words.length))) words.unshift(tokens[k--].text);
  return words.length >= 2 && words.length <= 4 ? words.join(' ') : null;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
