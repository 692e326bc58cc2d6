// The files an ingest or enqueue reads, from the paths given: folders are walked for .txt and .jsonl files, in a
// stable order, hidden entries skipped. A walk never leaves the folder it was given: a symbolic link is followed
// only with followSymlinks and only when it stays inside that folder, and each folder is read once, so a link
// back up cannot loop. What cannot be read as a file (a dangling link, a link loop, a named pipe, a device) is
// one line naming it, and the walk goes on; nothing here opens a file, so a named pipe cannot stall it.
import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, sep } from 'node:path';

export type Work = { kind: 'text' | 'batch'; path: string } | { kind: 'unreadable'; path: string; error: string };

const TEXT_EXT = /\.(?:txt|text)$/i;
const BATCH_EXT = /\.jsonl$/i;

/** `flagged`: the walk is a command's, which can be told --follow-symlinks (a watched folder's cannot). */
export function collectWork(paths: string[], options: { followSymlinks?: boolean; flagged?: boolean } = {}): Work[] {
  const out: Work[] = [];
  const refuse = (path: string, problem: string) => out.push({ kind: 'unreadable', path, error: `${path}: ${problem}` });

  const walk = (dir: string, root: string, seen: Set<string>) => {
    const real = realpathSync(dir);
    if (seen.has(real)) return refuse(dir, `leads back to ${real}, already read; skipped`);
    seen.add(real);
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (e) {
      return refuse(dir, `cannot read the folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(dir, name);
      const own = lstatSync(p);
      if (!own.isSymbolicLink()) {
        take(p, own, root, seen);
        continue;
      }
      const target = linkTarget(p);
      if ('problem' in target) {
        refuse(p, target.problem);
        continue;
      }
      const st = statSync(target.real);
      if (!st.isDirectory() && !wanted(name)) continue;
      if (!options.followSymlinks) refuse(p, options.flagged === false ? 'a symbolic link, not followed' : `a symbolic link, not followed (--follow-symlinks follows links that stay inside ${root})`);
      else if (!inside(target.real, root)) refuse(p, `a symbolic link to ${target.real}, outside ${root}; not followed`);
      else take(p, st, root, seen);
    }
  };

  const take = (p: string, st: Stats, root: string, seen: Set<string>) => {
    if (st.isDirectory()) walk(p, root, seen);
    else if (!wanted(p)) return;
    else if (st.isFile()) out.push({ kind: BATCH_EXT.test(p) ? 'batch' : 'text', path: p });
    else refuse(p, `${special(st)}, not a file; skipped`);
  };

  for (const p of paths) {
    let st: Stats;
    try {
      st = statSync(p);
    } catch {
      const target = isLink(p) ? linkTarget(p) : null;
      refuse(p, target && 'problem' in target ? target.problem : 'no such file or folder');
      continue;
    }
    // A path named on the command line is the user's choice, link or not; a walk stays inside it.
    if (st.isDirectory()) walk(p, realpathSync(p), new Set());
    else if (st.isFile()) out.push({ kind: BATCH_EXT.test(p) ? 'batch' : 'text', path: p });
    else refuse(p, `${special(st)}, not a file; skipped`);
  }
  return out;
}

function wanted(name: string): boolean {
  return TEXT_EXT.test(name) || BATCH_EXT.test(name);
}

function inside(real: string, root: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Where a symbolic link leads in the end, or why it leads nowhere. */
function linkTarget(p: string): { real: string } | { problem: string } {
  try {
    return { real: realpathSync(p) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { problem: 'a symbolic link loop; skipped' };
    if (code === 'ENOENT') return { problem: `a symbolic link to ${readlinkSync(p)}, which does not exist; skipped` };
    return { problem: `a symbolic link that cannot be followed (${code ?? (e as Error).message}); skipped` };
  }
}

function special(st: Stats): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}
