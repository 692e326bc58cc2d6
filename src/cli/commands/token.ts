// `observatory token create|list|revoke`: the desk's API tokens, managed on the machine that holds the
// database (whoever can open the file is trusted: this is how the first admin token is made).
import type { Writable } from 'node:stream';
import { openDesk } from '../../api/open-desk.js';
import { ROLES, type Role } from '../../api/record.js';
import { textTable } from '../text-table.js';
import { UserError } from '../user-error.js';
import { withStore } from '../with-store.js';

export interface TokenOpts {
  db?: string;
  role?: string;
  name?: string;
}

export async function runToken(action: string, id: string | undefined, opts: TokenOpts, out: Writable = process.stdout): Promise<void> {
  if (action === 'create') {
    if (!opts.role || !ROLES.includes(opts.role as Role)) throw new UserError(`--role must be one of ${ROLES.join(', ')}${opts.role ? `, got "${opts.role}"` : ''}`);
    const name = opts.name?.trim();
    if (!name) throw new UserError('--name is needed: who or what will use the token');
    await withStore(opts.db, async (store) => {
      const { token, info } = await openDesk(store).tokens.create(name, opts.role as Role);
      out.write(`${token}\n`);
      process.stderr.write(`token ${info.id} for ${info.name} (${info.role}): shown once, only its hash is kept; send it as "Authorization: Bearer TOKEN"\n`);
    });
  } else if (action === 'list') {
    await withStore(opts.db, async (store) => {
      const tokens = await openDesk(store).tokens.list();
      out.write(textTable(['id', 'name', 'role', 'created', 'last used', 'revoked'], tokens.map((t) => [t.id, t.name, t.role, t.created_at.slice(0, 16), t.last_used_at?.slice(0, 16) ?? '', t.revoked_at?.slice(0, 16) ?? '']), 40));
    });
  } else if (action === 'revoke') {
    if (!id) throw new UserError('give the id of the token to revoke (observatory token list shows them)');
    await withStore(opts.db, async (store) => {
      if (!(await openDesk(store).tokens.revoke(id))) throw new UserError(`no live token "${id}"`);
      out.write(`revoked ${id}\n`);
    });
  } else {
    throw new UserError(`token: the action must be create, list or revoke, got "${action}"`);
  }
}
