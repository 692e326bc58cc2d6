// What the command line takes as a text report, byte for byte.
import { describe, expect, it } from 'vitest';
import { textProblem } from './read-report-file.js';

describe('a text report, by its bytes', () => {
  it.each([
    ['plain UTF-8', Buffer.from('Two killed in Idlib.\nResidents said so.\n'), null],
    ['Arabic and emoji', Buffer.from('قتل خمسة في حلب 💥\n'), null],
    // A replacement character saved in the text is a character: the file is still UTF-8.
    ['a U+FFFD written in the text', Buffer.from('Two killed in Id\ufffdlib.\nThe page was saved so.\n'), null],
    ['Latin-1 on line 2', Buffer.concat([Buffer.from('Title: Shelling\n'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a])]), 'is not valid UTF-8 (first bad byte on line 2); convert it, e.g. iconv -f latin1 -t utf-8'],
    ['a cut multi-byte character on line 3', Buffer.concat([Buffer.from('a\nb\n'), Buffer.from([0xd8]), Buffer.from('\n')]), 'is not valid UTF-8 (first bad byte on line 3); convert it, e.g. iconv -f latin1 -t utf-8'],
    ['a NUL byte', Buffer.from('Two\u0000killed'), 'looks like a binary file (it contains NUL bytes), not a text report'],
    ['UTF-16', Buffer.from([0xff, 0xfe, 0x41, 0x00]), 'looks like a binary file (it contains NUL bytes), not a text report'],
  ])('%s: %s', (_what, buf, problem) => expect(textProblem(buf)).toBe(problem));
});
