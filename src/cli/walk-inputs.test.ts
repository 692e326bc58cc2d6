import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectWork } from './walk-inputs.js';

let top: string;
let box: string;

// box/ holds two reports, a sub-folder, and every entry a careless or hostile folder can hold.
beforeAll(() => {
  top = realpathSync(mkdtempSync(join(tmpdir(), 'observatory-walk-')));
  box = join(top, 'box');
  mkdirSync(join(box, 'sub'), { recursive: true });
  writeFileSync(join(box, 'a.txt'), 'Two soldiers were wounded near the border post.\n');
  writeFileSync(join(box, 'sub', 'b.jsonl'), '{"id":"1","text":"A market was shelled."}\n');
  writeFileSync(join(top, 'secret.txt'), 'not for the record\n');
  writeFileSync(join(box, 'notes.md'), 'not a report\n');
  symlinkSync(join(top, 'secret.txt'), join(box, 'outside.txt'));
  symlinkSync(join(box, 'a.txt'), join(box, 'same.txt'));
  symlinkSync(join(box, 'gone.txt'), join(box, 'dangling.txt'));
  symlinkSync(join(box, 'loop2.txt'), join(box, 'loop1.txt'));
  symlinkSync(join(box, 'loop1.txt'), join(box, 'loop2.txt'));
  symlinkSync(box, join(box, 'sub', 'up'));
  execFileSync('mkfifo', [join(box, 'pipe.jsonl')]);
});
afterAll(() => rmSync(top, { recursive: true, force: true }));

const line = (w: ReturnType<typeof collectWork>[number]) => ('error' in w ? w.error.replace(`${top}/`, '') : `${w.kind} ${w.path.replace(`${top}/`, '')}`);

describe('walking a folder of reports', () => {
  it('takes files, names every link and special file in one line each, and follows no link by default', () => {
    expect(collectWork([box]).map(line)).toEqual([
      'text box/a.txt',
      'box/dangling.txt: a symbolic link to ' + join(box, 'gone.txt') + ', which does not exist; skipped',
      'box/loop1.txt: a symbolic link loop; skipped',
      'box/loop2.txt: a symbolic link loop; skipped',
      `box/outside.txt: a symbolic link, not followed (--follow-symlinks follows links that stay inside ${box})`,
      'box/pipe.jsonl: a named pipe (FIFO), not a file; skipped',
      `box/same.txt: a symbolic link, not followed (--follow-symlinks follows links that stay inside ${box})`,
      'batch box/sub/b.jsonl',
      `box/sub/up: a symbolic link, not followed (--follow-symlinks follows links that stay inside ${box})`,
    ]);
  });

  it('with followSymlinks, follows links that stay inside the folder, never one out of it or back up it', () => {
    const lines = collectWork([box], { followSymlinks: true }).map(line);
    expect(lines).toContain(`box/outside.txt: a symbolic link to ${join(top, 'secret.txt')}, outside ${box}; not followed`);
    expect(lines).toContain('text box/same.txt');
    expect(lines).toContain(`box/sub/up: leads back to ${box}, already read; skipped`);
    expect(lines.filter((l) => l.includes('secret'))).toHaveLength(1);
  });

  it('refuses a device or a missing path named on the command line, in one line', () => {
    expect(collectWork(['/dev/null', join(box, 'dangling.txt'), join(top, 'nothing')]).map(line)).toEqual([
      '/dev/null: a device, not a file; skipped',
      `box/dangling.txt: a symbolic link to ${join(box, 'gone.txt')}, which does not exist; skipped`,
      'nothing: no such file or folder',
    ]);
  });
});
